import {
  payloadTemplateField,
  qosField,
  retainField,
  staleAfterField,
  valuePathField,
} from '../kit/shared-fields';
import { defineWidget } from '../types';
import { sliderSchema, type SliderConfig } from './schema';

const num = (v: unknown, fallback: number) => {
  const n = typeof v === 'number' ? v : Number(v);
  return v === '' || v === undefined || !Number.isFinite(n) ? fallback : n;
};

/** The slider: a native range input labelled by its title; publishes the number. */
export const sliderWidget = defineWidget<SliderConfig>({
  type: 'slider',
  name: 'Slider',
  description: 'Publishes a number as you drag; follows the device’s state.',
  version: 1,
  schema: sliderSchema,
  view: () => import('./slider-view').then((m) => m.SliderView),
  defaultSize: { w: 'full', h: 2 },
  icon: 'M3 11h18v2H3zM9 7h2v10H9z',
  fields: [
    { key: 'label', label: 'Label', kind: 'text' },
    {
      key: 'topic',
      label: 'Publish topic',
      kind: 'topic',
      mode: 'publish',
      placeholder: 'home/livingroom/setpoint',
    },
    {
      key: 'stateTopic',
      label: 'State topic',
      kind: 'topic',
      mode: 'subscribe',
      placeholder: 'same as the publish topic',
      help: 'The slider follows values arriving here.',
    },
    valuePathField,
    { key: 'min', label: 'Min', kind: 'number' },
    { key: 'max', label: 'Max', kind: 'number' },
    { key: 'step', label: 'Step', kind: 'number' },
    {
      key: 'orientation',
      label: 'Orientation',
      kind: 'select',
      options: [
        { value: 'horizontal', label: 'Horizontal' },
        { value: 'vertical', label: 'Vertical (up is more)' },
      ],
      help: 'A vertical slider fills the widget’s height: make it taller.',
    },
    { key: 'showValue', label: 'Show value', kind: 'boolean' },
    {
      key: 'sendMode',
      label: 'Send',
      kind: 'select',
      options: [
        { value: 'drag', label: 'While dragging (at most every 100 ms)' },
        { value: 'release', label: 'On release' },
      ],
    },
    payloadTemplateField,
    qosField,
    staleAfterField,
    retainField,
  ],
  title: (c) => c.label,
  stateTopic: (c) => c.stateTopic || c.topic || undefined,
  nodeRed: {
    nodeType: 'ui_slider',
    convert: ({ node, publishTo }) => ({
      label: String(node.label || node.name || 'Slider'),
      topic: publishTo?.topic ?? String(node.topic ?? ''),
      min: num(node.min, 0),
      max: num(node.max, 100),
      step: num(node.step, 1),
      // Node-RED's "outs": "all" sends while sliding, "end" only on release.
      sendMode: node.outs === 'end' ? 'release' : 'drag',
      qos: publishTo?.qos ?? 0,
      retain: publishTo?.retain ?? false,
    }),
  },
});
