import type { QoS } from '@/mqtt/subscriptions';
import { defineWidget } from '../types';
import { sliderSchema, type SliderConfig } from './schema';
import { SliderView } from './slider-view';

const num = (v: unknown, fallback: number) => {
  const n = typeof v === 'number' ? v : Number(v);
  return v === '' || v === undefined || !Number.isFinite(n) ? fallback : n;
};

export const sliderWidget = defineWidget<SliderConfig>({
  type: 'slider',
  name: 'Slider',
  description: 'Publishes a number as you drag; follows the device’s state.',
  version: 1,
  schema: sliderSchema,
  View: SliderView,
  title: (c) => c.label,
  subscriptions: (c) => {
    const t = c.stateTopic || c.topic;
    return t ? [{ topic: t, qos: c.qos as QoS }] : [];
  },
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
