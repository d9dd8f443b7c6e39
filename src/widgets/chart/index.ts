import type { QoS } from '@/mqtt/subscriptions';
import { qosField, staleAfterField, valuePathField } from '../kit/shared-fields';
import { defineWidget } from '../types';
import {
  CHART_PALETTE,
  CHART_WINDOWS,
  chartSchema,
  DEFAULT_MAX_POINTS,
  MAX_POINTS_LIMIT,
  type ChartConfig,
} from './schema';

const num = (v: unknown): number | null => {
  if (v === '' || v === undefined || v === null) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

const windowLabel = (s: number) => (s < 3600 ? `${s / 60} minutes` : `${s / 3600} h`);

export const chartWidget = defineWidget<ChartConfig>({
  type: 'chart',
  name: 'Chart',
  description: 'Draws numbers over time: one line per topic, kept across reloads.',
  version: 1,
  schema: chartSchema,
  // Loaded when a dashboard first shows one: keeps the first bundle to what is on screen.
  view: () => import('./chart-view').then((m) => m.ChartView),
  defaultSize: { w: 'full', h: 6 },
  icon: 'M3 3h2v16h16v2H3zm4.3 12.3 4.2-5.3 3 3 4.8-6.6 1.6 1.2-6.2 8.6-3-3-2.8 3.4z',
  fields: [
    { key: 'title', label: 'Title', kind: 'text' },
    {
      key: 'series',
      label: 'Series',
      kind: 'list',
      addLabel: 'Add series',
      itemLabel: 'series',
      newItem: { topic: '', valuePath: '', label: '', color: CHART_PALETTE[1] },
      fields: [
        { key: 'topic', label: 'Topic', kind: 'topic', mode: 'subscribe' },
        { ...valuePathField, label: 'Value path' },
        { key: 'label', label: 'Label', kind: 'text' },
        { key: 'color', label: 'Colour', kind: 'color' },
      ],
      help: 'A filter such as house/+/temp draws one line per matching topic.',
    },
    {
      key: 'kind',
      label: 'Style',
      kind: 'select',
      options: [
        { value: 'line', label: 'Line' },
        { value: 'step', label: 'Steps' },
        { value: 'area', label: 'Area' },
      ],
    },
    {
      key: 'windowSeconds',
      label: 'Time window',
      kind: 'select',
      options: CHART_WINDOWS.map((s) => ({ value: s, label: `Last ${windowLabel(s)}` })),
    },
    { key: 'unit', label: 'Unit', kind: 'text', placeholder: '°C' },
    { key: 'yMin', label: 'Y min', kind: 'number', nullable: true, placeholder: 'automatic' },
    { key: 'yMax', label: 'Y max', kind: 'number', nullable: true, placeholder: 'automatic' },
    { key: 'showLegend', label: 'Legend', kind: 'boolean' },
    {
      key: 'maxPoints',
      label: 'Points kept per line',
      kind: 'number',
      placeholder: String(DEFAULT_MAX_POINTS),
      help: `The oldest go first; at most ${MAX_POINTS_LIMIT.toLocaleString('en')}. Kept for 24 h, also across reloads.`,
    },
    qosField,
    staleAfterField,
  ],
  title: (c) => c.title,
  subscriptions: (c) => {
    const topics = [...new Set(c.series.map((s) => s.topic).filter((t) => t !== ''))];
    // The live path keeps these topics' recent points, for a chart that is shown later.
    return topics.map((topic) => ({ topic, qos: c.qos as QoS, history: true }));
  },
  // The frame's freshness badge follows the first series.
  stateTopic: (c) => c.series.find((s) => s.topic)?.topic,
  nodeRed: {
    nodeType: 'ui_chart',
    convert: ({ node, subscribeTo }) => {
      // Node-RED keeps `removeOlder` × `removeOlderUnit` seconds; Tafel's window is the
      // nearest one that shows all of it.
      const seconds = (num(node.removeOlder) ?? 1) * (num(node.removeOlderUnit) ?? 3600);
      const windowSeconds = CHART_WINDOWS.find((w) => w >= seconds) ?? 86_400;
      const points = num(node.removeOlderPoints);
      let yMin = num(node.ymin);
      let yMax = num(node.ymax);
      if (yMin !== null && yMax !== null && yMax <= yMin) yMin = yMax = null;
      const colors = Array.isArray(node.colors) ? node.colors.map(String) : [];
      const color = /^#[0-9a-fA-F]{6}$/.test(colors[0] ?? '') ? colors[0] : CHART_PALETTE[0];
      return {
        title: String(node.label || node.name || 'Chart'),
        series: [{ topic: subscribeTo?.topic ?? '', valuePath: '', label: '', color }],
        kind: node.interpolate === 'step' ? 'step' : 'line',
        windowSeconds,
        maxPoints:
          points === null
            ? DEFAULT_MAX_POINTS
            : Math.min(MAX_POINTS_LIMIT, Math.max(10, Math.round(points))),
        yMin,
        yMax,
        showLegend: node.legend === true || node.legend === 'true',
        qos: subscribeTo?.qos ?? 0,
      };
    },
  },
});
