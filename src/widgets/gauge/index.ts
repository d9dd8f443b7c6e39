import type { QoS } from '@/mqtt/subscriptions';
import { defineWidget } from '../types';
import { GaugeView } from './gauge-view';
import { gaugeSchema, type GaugeConfig } from './schema';

const num = (v: unknown): number | null => {
  if (v === '' || v === undefined || v === null) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

export const gaugeWidget = defineWidget<GaugeConfig>({
  type: 'gauge',
  name: 'Gauge',
  description: 'Shows a number on a dial with coloured sectors.',
  version: 1,
  schema: gaugeSchema,
  View: GaugeView,
  title: (c) => c.title,
  subscriptions: (c) => (c.topic ? [{ topic: c.topic, qos: c.qos as QoS }] : []),
  stateTopic: (c) => c.topic || undefined,
  nodeRed: {
    nodeType: 'ui_gauge',
    convert: ({ node, subscribeTo }) => {
      const colors = Array.isArray(node.colors) ? node.colors.map(String) : [];
      return {
        title: String(node.title || node.name || 'Gauge'),
        topic: subscribeTo?.topic ?? '',
        qos: subscribeTo?.qos ?? 0,
        min: num(node.min) ?? 0,
        max: num(node.max) ?? 100,
        unit: String(node.label ?? ''),
        ...(colors.length === 3 ? { colors } : {}),
        seg1: num(node.seg1),
        seg2: num(node.seg2),
      };
    },
  },
});
