import {
  payloadTemplateField,
  qosField,
  retainField,
  staleAfterField,
  valuePathField,
} from '../kit/shared-fields';
import { key, t } from '@/i18n/i18n';
import { verbatim } from '@/i18n/message';
import { nodeTopic } from '../kit/node-red-format';
import { defineWidget } from '../types';
import { sliderSchema, type SliderConfig } from './schema';

const num = (v: unknown, fallback: number) => {
  const n = typeof v === 'number' ? v : Number(v);
  return v === '' || v === undefined || !Number.isFinite(n) ? fallback : n;
};

/** The slider: a native range input labelled by its title; publishes the number. */
export const sliderWidget = defineWidget<SliderConfig>({
  type: 'slider',
  name: key('widgets:slider.name'),
  description: key('widgets:slider.description'),
  version: 1,
  schema: sliderSchema,
  view: () => import('./slider-view').then((m) => m.SliderView),
  defaultSize: { w: 'full', h: 2 },
  icon: 'M3 11h18v2H3zM9 7h2v10H9z',
  fields: [
    { key: 'label', label: key('widgets:common.fields.label'), kind: 'text' },
    {
      key: 'topic',
      label: key('widgets:common.fields.publishTopic'),
      kind: 'topic',
      mode: 'publish',
      placeholder: verbatim('home/livingroom/setpoint'),
    },
    {
      key: 'stateTopic',
      label: key('widgets:common.fields.stateTopic'),
      kind: 'topic',
      mode: 'subscribe',
      placeholder: key('widgets:common.placeholders.sameAsPublish'),
      help: key('widgets:slider.help.stateTopic'),
    },
    valuePathField,
    { key: 'min', label: key('widgets:common.fields.min'), kind: 'number' },
    { key: 'max', label: key('widgets:common.fields.max'), kind: 'number' },
    { key: 'step', label: key('widgets:common.fields.step'), kind: 'number' },
    {
      key: 'orientation',
      label: key('widgets:slider.fields.orientation'),
      kind: 'select',
      options: [
        { value: 'horizontal', label: key('widgets:slider.orientations.horizontal') },
        { value: 'vertical', label: key('widgets:slider.orientations.vertical') },
      ],
      help: key('widgets:slider.help.orientation'),
    },
    { key: 'showValue', label: key('widgets:slider.fields.showValue'), kind: 'boolean' },
    {
      key: 'sendMode',
      label: key('widgets:slider.fields.sendMode'),
      kind: 'select',
      options: [
        { value: 'drag', label: key('widgets:slider.sendModes.drag') },
        { value: 'release', label: key('widgets:slider.sendModes.release') },
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
    nodeTypes: ['ui_slider', 'ui-slider'],
    convert: ({ node, publishTo, subscribeTo }) => ({
      label: String(node.label || node.name || t('widgets:slider.defaults.label')),
      topic: publishTo?.topic ?? nodeTopic(node),
      // An `mqtt in` on another topic is the device's reported state.
      stateTopic: subscribeTo && subscribeTo.topic !== publishTo?.topic ? subscribeTo.topic : '',
      valuePath: subscribeTo?.valuePath ?? '',
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
