import { qosField, staleAfterField, valuePathField } from '../kit/shared-fields';
import { key, t } from '@/i18n/i18n';
import { verbatim } from '@/i18n/message';
import { defineWidget } from '../types';
import { gaugeSchema, type GaugeConfig } from './schema';

// Node-RED's gauge types; "wave" is its level/tank gauge.
const NODE_RED_VARIANTS: Record<string, GaugeConfig['variant']> = {
  gage: 'arc',
  donut: 'donut',
  compass: 'compass',
  wave: 'level',
};

const num = (v: unknown): number | null => {
  if (v === '' || v === undefined || v === null) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

/** The gauge: a number on an arc, a donut, a compass or a level tank (`role="meter"`). */
export const gaugeWidget = defineWidget<GaugeConfig>({
  type: 'gauge',
  name: key('widgets:gauge.name'),
  description: key('widgets:gauge.description'),
  version: 1,
  schema: gaugeSchema,
  view: () => import('./gauge-view').then((m) => m.GaugeView),
  defaultSize: { w: 'full', h: 5 },
  icon: 'M12 4a10 10 0 0 0-10 10h3a7 7 0 0 1 14 0h3A10 10 0 0 0 12 4zm-1 10.5 5-6-1-1-6 5z',
  fields: [
    { key: 'title', label: key('widgets:common.fields.title'), kind: 'text' },
    {
      key: 'variant',
      label: key('widgets:common.fields.style'),
      kind: 'select',
      options: [
        { value: 'arc', label: key('widgets:gauge.variants.arc') },
        { value: 'donut', label: key('widgets:gauge.variants.donut') },
        { value: 'compass', label: key('widgets:gauge.variants.compass') },
        { value: 'level', label: key('widgets:gauge.variants.level') },
      ],
      help: key('widgets:gauge.help.variant'),
    },
    {
      key: 'topic',
      label: key('widgets:common.fields.topic'),
      kind: 'topic',
      mode: 'subscribe',
      placeholder: verbatim('home/livingroom/temp'),
    },
    valuePathField,
    {
      key: 'unit',
      label: key('widgets:common.fields.unit'),
      kind: 'text',
      placeholder: verbatim('°C'),
    },
    { key: 'min', label: key('widgets:common.fields.min'), kind: 'number' },
    { key: 'max', label: key('widgets:common.fields.max'), kind: 'number' },
    {
      key: 'decimals',
      label: key('widgets:common.fields.decimals'),
      kind: 'number',
      nullable: true,
      placeholder: key('widgets:common.placeholders.asSent'),
    },
    {
      key: 'seg1',
      label: key('widgets:gauge.fields.seg1'),
      kind: 'number',
      nullable: true,
      placeholder: key('widgets:gauge.placeholders.seg1'),
      help: key('widgets:gauge.help.seg1'),
    },
    {
      key: 'seg2',
      label: key('widgets:gauge.fields.seg2'),
      kind: 'number',
      nullable: true,
      placeholder: key('widgets:gauge.placeholders.seg2'),
    },
    {
      key: 'colors',
      label: key('widgets:common.fields.colors'),
      kind: 'colors',
      labels: [
        key('widgets:gauge.colors.low'),
        key('widgets:gauge.colors.middle'),
        key('widgets:gauge.colors.high'),
      ],
    },
    qosField,
    staleAfterField,
  ],
  title: (c) => c.title,
  stateTopic: (c) => c.topic || undefined,
  nodeRed: {
    nodeType: 'ui_gauge',
    convert: ({ node, subscribeTo }) => {
      const colors = Array.isArray(node.colors) ? node.colors.map(String) : [];
      return {
        title: String(node.title || node.name || t('widgets:gauge.defaults.title')),
        variant: NODE_RED_VARIANTS[String(node.gtype)] ?? 'arc',
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
