import type { QoS } from '@/mqtt/subscriptions';
import { qosField, staleAfterField, valuePathField } from '../kit/shared-fields';
import { key, t } from '@/i18n/i18n';
import { msg, verbatim } from '@/i18n/message';
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

const WINDOW_LABELS = {
  600: key('widgets:chart.windows.600'),
  3600: key('widgets:chart.windows.3600'),
  21_600: key('widgets:chart.windows.21600'),
  86_400: key('widgets:chart.windows.86400'),
} as const;

export const chartWidget = defineWidget<ChartConfig>({
  type: 'chart',
  name: key('widgets:chart.name'),
  description: key('widgets:chart.description'),
  version: 1,
  schema: chartSchema,
  // Loaded when a dashboard first shows one: keeps the first bundle to what is on screen.
  view: () => import('./chart-view').then((m) => m.ChartView),
  defaultSize: { w: 'full', h: 6 },
  icon: 'M3 3h2v16h16v2H3zm4.3 12.3 4.2-5.3 3 3 4.8-6.6 1.6 1.2-6.2 8.6-3-3-2.8 3.4z',
  fields: [
    { key: 'title', label: key('widgets:common.fields.title'), kind: 'text' },
    {
      key: 'series',
      label: key('widgets:chart.fields.series'),
      kind: 'list',
      addLabel: key('widgets:chart.addSeries'),
      itemLabel: key('widgets:chart.itemSeries'),
      newItem: { topic: '', valuePath: '', label: '', color: CHART_PALETTE[1] },
      fields: [
        {
          key: 'topic',
          label: key('widgets:common.fields.topic'),
          kind: 'topic',
          mode: 'subscribe',
        },
        { ...valuePathField, label: key('widgets:common.fields.valuePathShort') },
        { key: 'label', label: key('widgets:common.fields.label'), kind: 'text' },
        { key: 'color', label: key('widgets:common.fields.color'), kind: 'color' },
      ],
      help: key('widgets:chart.help.series'),
    },
    {
      key: 'kind',
      label: key('widgets:common.fields.style'),
      kind: 'select',
      options: [
        { value: 'line', label: key('widgets:chart.kinds.line') },
        { value: 'step', label: key('widgets:chart.kinds.step') },
        { value: 'area', label: key('widgets:chart.kinds.area') },
      ],
    },
    {
      key: 'windowSeconds',
      label: key('widgets:chart.fields.windowSeconds'),
      kind: 'select',
      options: CHART_WINDOWS.map((s) => ({ value: s, label: WINDOW_LABELS[s] })),
    },
    {
      key: 'unit',
      label: key('widgets:common.fields.unit'),
      kind: 'text',
      placeholder: verbatim('°C'),
    },
    {
      key: 'yMin',
      label: key('widgets:chart.fields.yMin'),
      kind: 'number',
      nullable: true,
      placeholder: key('widgets:common.placeholders.automatic'),
    },
    {
      key: 'yMax',
      label: key('widgets:chart.fields.yMax'),
      kind: 'number',
      nullable: true,
      placeholder: key('widgets:common.placeholders.automatic'),
    },
    { key: 'showLegend', label: key('widgets:chart.fields.showLegend'), kind: 'boolean' },
    {
      key: 'maxPoints',
      label: key('widgets:chart.fields.maxPoints'),
      kind: 'number',
      placeholder: verbatim(String(DEFAULT_MAX_POINTS)),
      help: msg('widgets:chart.help.maxPoints', { max: MAX_POINTS_LIMIT }),
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
    nodeTypes: ['ui_chart', 'ui-chart'],
    convert: ({ node, subscribeTo, sources, notes }) => {
      // Node-RED keeps `removeOlder` × `removeOlderUnit` seconds; Tafel's window is the
      // nearest one that shows all of it.
      const seconds = (num(node.removeOlder) ?? 1) * (num(node.removeOlderUnit) ?? 3600);
      const windowSeconds = CHART_WINDOWS.find((w) => w >= seconds) ?? 86_400;
      const points = num(node.removeOlderPoints);
      const yMin = num(node.ymin);
      const yMax = num(node.ymax);
      const colors = Array.isArray(node.colors) ? node.colors.map(String) : [];
      const colorAt = (i: number) =>
        /^#[0-9a-fA-F]{6}$/.test(colors[i] ?? '')
          ? colors[i]!
          : CHART_PALETTE[i % CHART_PALETTE.length]!;
      // One series per feeding `mqtt in` (Node-RED draws one line per msg.topic).
      const fed = sources && sources.length > 0 ? sources : subscribeTo ? [subscribeTo] : [];
      if (fed.length > 8) notes?.push(msg('widgets:nodeRed.note.series', { count: fed.length }));
      const series =
        fed.length > 0
          ? fed.slice(0, 8).map((s, i) => ({
              topic: s.topic,
              valuePath: s.valuePath,
              label: s.label.slice(0, 100),
              color: colorAt(i),
            }))
          : [{ topic: '', valuePath: '', label: '', color: colorAt(0) }];
      const type = String(node.chartType ?? 'line');
      if (type !== 'line') notes?.push(msg('widgets:nodeRed.note.chartType', { type }));
      const interpolation = String(node.interpolate ?? node.interpolation ?? 'linear');
      return {
        title: String(node.label || node.name || t('widgets:chart.defaults.title')),
        series,
        kind: interpolation === 'step' ? 'step' : 'line',
        windowSeconds,
        maxPoints:
          points === null
            ? DEFAULT_MAX_POINTS
            : Math.min(MAX_POINTS_LIMIT, Math.max(10, Math.round(points))),
        yMin,
        yMax,
        showLegend:
          node.legend === true ||
          node.legend === 'true' ||
          node.showLegend === true ||
          fed.length > 1,
        qos: subscribeTo?.qos ?? 0,
      };
    },
  },
});
