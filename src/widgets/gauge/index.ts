import { qosField, staleAfterField, valuePathField } from '../kit/shared-fields';
import { key, t } from '@/i18n/i18n';
import { msg, verbatim } from '@/i18n/message';
import { readNodeRedFormat } from '../kit/node-red-format';
import { joinPaths } from '../kit/value-paths';
import { defineWidget, type NodeRedContext } from '../types';
import { gaugeSchema, type GaugeConfig } from './schema';

// Node-RED's gauge types: Dashboard 1's "wave" and Dashboard 2's tank and battery are levels.
const NODE_RED_VARIANTS: Record<string, GaugeConfig['variant']> = {
  gage: 'arc',
  donut: 'donut',
  compass: 'compass',
  wave: 'level',
  'gauge-half': 'arc',
  'gauge-34': 'arc',
  'gauge-tile': 'donut',
  'gauge-battery': 'level',
  'gauge-tank': 'level',
};

const num = (v: unknown): number | null => {
  if (v === '' || v === undefined || v === null) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

/**
 * A Node-RED gauge. Dashboard 1: `label` is the unit, `format` (`{{value | number:1}}`) gives
 * decimals and a value path, `seg1`/`seg2` and three colours the sectors. Dashboard 2: `units`,
 * and `segments` ([{from, color}]) whose second and third `from` are our limits.
 */
export function convertNodeRedGauge({ node, subscribeTo, notes }: NodeRedContext) {
  const format = readNodeRedFormat(node.format);
  if (format.lost.length > 0)
    notes?.push(msg('widgets:nodeRed.note.format', { format: String(node.format).slice(0, 80) }));
  let colors = Array.isArray(node.colors) ? node.colors.map(String) : [];
  let seg1 = num(node.seg1);
  let seg2 = num(node.seg2);
  if (Array.isArray(node.segments)) {
    const segments = (node.segments as Array<{ from?: unknown; color?: unknown }>).filter(
      (x) => typeof x === 'object' && x !== null,
    );
    colors = segments.map((x) => String(x.color ?? ''));
    if (segments.length > 3)
      notes?.push(msg('widgets:nodeRed.note.segments', { count: segments.length }));
    seg1 = num(segments[1]?.from);
    seg2 = num(segments[2]?.from);
    if (colors.length === 2) colors.push(colors[1]!);
    colors = colors.slice(0, 3);
  }
  const gtype = String(node.gtype ?? '');
  // Dashboard 2's text around the value: Tafel's gauge shows the value and its unit only.
  const around = [node.prefix, node.suffix].filter((x) => typeof x === 'string' && x.trim() !== '');
  if (around.length > 0)
    notes?.push(msg('widgets:nodeRed.note.prefix', { text: around.join(' … ') }));
  return {
    title: String(node.title || node.name || t('widgets:gauge.defaults.title')),
    variant: NODE_RED_VARIANTS[gtype] ?? 'arc',
    topic: subscribeTo?.topic ?? '',
    qos: subscribeTo?.qos ?? 0,
    valuePath: joinPaths(subscribeTo?.valuePath ?? '', format.valuePath),
    min: num(node.min) ?? 0,
    max: num(node.max) ?? 100,
    unit: String(node.units ?? node.label ?? '').slice(0, 20),
    decimals: format.decimals ?? subscribeTo?.decimals ?? null,
    ...(colors.length === 3 && colors.every((c) => /^#[0-9a-fA-F]{6}$/.test(c)) ? { colors } : {}),
    seg1,
    seg2,
  };
}

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
  nodeRed: { nodeTypes: ['ui_gauge', 'ui-gauge'], convert: convertNodeRedGauge },
});
