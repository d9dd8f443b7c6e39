import { qosField, staleAfterField, valuePathField } from '../kit/shared-fields';
import { key, t } from '@/i18n/i18n';
import { msg, verbatim } from '@/i18n/message';
import { readNodeRedFormat } from '../kit/node-red-format';
import { joinPaths } from '../kit/value-paths';
import { defineWidget, type NodeRedContext } from '../types';
import { textSchema, type TextConfig } from './schema';

/**
 * A Node-RED text (`ui_text`, D2's `ui-text`, or a `ui_template` that only shows a value). Its
 * format is an Angular template — `{{msg.payload.humidity}} %`, `{{value | number:1}}` — and
 * becomes a value path and Tafel's own template (`{value|1} %`).
 */
export function convertNodeRedText({ node, subscribeTo, notes }: NodeRedContext) {
  const format = readNodeRedFormat(node.format);
  if (format.lost.length > 0) {
    notes?.push(msg('widgets:nodeRed.note.format', { format: String(node.format).slice(0, 80) }));
  }
  return {
    label: String(node.label || node.name || t('widgets:text.defaults.label')),
    topic: subscribeTo?.topic ?? '',
    qos: subscribeTo?.qos ?? 0,
    valuePath: joinPaths(subscribeTo?.valuePath ?? '', format.valuePath),
    format: format.template,
    decimals: subscribeTo?.decimals ?? null,
    align: nodeRedAlign(node.layout),
  };
}

function nodeRedAlign(layout: unknown): TextConfig['align'] {
  const l = String(layout ?? '');
  if (l.includes('left')) return 'left';
  // "row-spread" puts the value at the right edge, the label at the left.
  if (l.includes('right') || l.includes('spread')) return 'right';
  return 'center';
}

/** Shows a topic's value as text: formatted numbers, words, or the raw payload. */
export const textWidget = defineWidget<TextConfig>({
  type: 'text',
  name: key('widgets:text.name'),
  description: key('widgets:text.description'),
  version: 1,
  schema: textSchema,
  // Loaded when a dashboard first shows one: keeps the first bundle to what is on screen.
  view: () => import('./text-view').then((m) => m.TextView),
  defaultSize: { w: 'full', h: 2 },
  icon: 'M5 4v3h5.5v12h3V7H19V4z',
  fields: [
    { key: 'label', label: key('widgets:common.fields.label'), kind: 'text' },
    {
      key: 'topic',
      label: key('widgets:common.fields.topic'),
      kind: 'topic',
      mode: 'subscribe',
      placeholder: verbatim('home/livingroom/temp'),
    },
    valuePathField,
    {
      key: 'mode',
      label: key('widgets:text.fields.mode'),
      kind: 'select',
      options: [
        { value: 'auto', label: key('widgets:text.modes.auto') },
        { value: 'number', label: key('widgets:text.modes.number') },
        { value: 'raw', label: key('widgets:text.modes.raw') },
      ],
    },
    {
      key: 'format',
      label: key('widgets:text.fields.format'),
      kind: 'text',
      placeholder: verbatim('{value}'),
      help: key('widgets:text.help.format'),
    },
    { key: 'prefix', label: key('widgets:text.fields.prefix'), kind: 'text' },
    {
      key: 'unit',
      label: key('widgets:common.fields.unit'),
      kind: 'text',
      placeholder: verbatim('°C'),
    },
    { key: 'suffix', label: key('widgets:text.fields.suffix'), kind: 'text' },
    {
      key: 'decimals',
      label: key('widgets:common.fields.decimals'),
      kind: 'number',
      nullable: true,
      placeholder: key('widgets:common.placeholders.asSent'),
    },
    {
      key: 'align',
      label: key('widgets:text.fields.align'),
      kind: 'select',
      options: [
        { value: 'left', label: key('widgets:text.aligns.left') },
        { value: 'center', label: key('widgets:text.aligns.center') },
        { value: 'right', label: key('widgets:text.aligns.right') },
      ],
    },
    qosField,
    staleAfterField,
  ],
  title: (c) => c.label,
  stateTopic: (c) => c.topic || undefined,
  nodeRed: { nodeTypes: ['ui_text', 'ui-text'], convert: convertNodeRedText },
});
