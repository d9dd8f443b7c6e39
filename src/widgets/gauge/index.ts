import { qosField, staleAfterField, valuePathField } from '../kit/shared-fields';
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
  name: 'Gauge',
  description: 'Shows a number on a dial, a ring, a compass or a tank, with coloured sectors.',
  version: 1,
  schema: gaugeSchema,
  view: () => import('./gauge-view').then((m) => m.GaugeView),
  defaultSize: { w: 'full', h: 5 },
  icon: 'M12 4a10 10 0 0 0-10 10h3a7 7 0 0 1 14 0h3A10 10 0 0 0 12 4zm-1 10.5 5-6-1-1-6 5z',
  fields: [
    { key: 'title', label: 'Title', kind: 'text' },
    {
      key: 'variant',
      label: 'Style',
      kind: 'select',
      options: [
        { value: 'arc', label: 'Arc with needle' },
        { value: 'donut', label: 'Donut (ring)' },
        { value: 'compass', label: 'Compass (0–360°)' },
        { value: 'level', label: 'Level (tank)' },
      ],
      help: 'Donut and level take the colour of the sector the value is in. A compass always spans 0–360°: values wrap (370 → 10, −90 → 270), min, max and sectors are ignored, and its needle has the low colour.',
    },
    {
      key: 'topic',
      label: 'Topic',
      kind: 'topic',
      mode: 'subscribe',
      placeholder: 'home/livingroom/temp',
    },
    valuePathField,
    { key: 'unit', label: 'Unit', kind: 'text', placeholder: '°C' },
    { key: 'min', label: 'Min', kind: 'number' },
    { key: 'max', label: 'Max', kind: 'number' },
    { key: 'decimals', label: 'Decimals', kind: 'number', nullable: true, placeholder: 'as sent' },
    {
      key: 'seg1',
      label: 'Sector 1 up to',
      kind: 'number',
      nullable: true,
      placeholder: 'a third',
      help: 'Where the first colour ends (Node-RED’s seg1).',
    },
    {
      key: 'seg2',
      label: 'Sector 2 up to',
      kind: 'number',
      nullable: true,
      placeholder: 'two thirds',
    },
    { key: 'colors', label: 'Colours', kind: 'colors', labels: ['Low', 'Middle', 'High'] },
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
        title: String(node.title || node.name || 'Gauge'),
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
