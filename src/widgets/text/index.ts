import { qosField, staleAfterField, valuePathField } from '../kit/shared-fields';
import { defineWidget } from '../types';
import { textSchema, type TextConfig } from './schema';

/**
 * Node-RED's ui_text format is an Angular template: `{{msg.payload}}`, `{{value}}`, or with a
 * number filter `{{msg.payload | number:1}}`. Those become `{value}` / `{value|1}`; a format
 * that is only the value becomes the empty template.
 */
export function convertNodeRedFormat(format: unknown): string {
  if (typeof format !== 'string') return '';
  const t = format
    .replace(
      /\{\{\s*(?:msg\.payload|value)\s*\|\s*number\s*:\s*(\d+)\s*\}\}/g,
      (_m, d: string) => `{value|${d}}`,
    )
    .replace(/\{\{\s*(?:msg\.payload|value)\s*\}\}/g, '{value}');
  return t.trim() === '{value}' ? '' : t;
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
  name: 'Text / value',
  description:
    'Shows a value as large text: numbers with unit and decimals, words, or the raw payload.',
  version: 1,
  schema: textSchema,
  // Loaded when a dashboard first shows one: keeps the first bundle to what is on screen.
  view: () => import('./text-view').then((m) => m.TextView),
  defaultSize: { w: 'full', h: 2 },
  icon: 'M5 4v3h5.5v12h3V7H19V4z',
  fields: [
    { key: 'label', label: 'Label', kind: 'text' },
    {
      key: 'topic',
      label: 'Topic',
      kind: 'topic',
      mode: 'subscribe',
      placeholder: 'home/livingroom/temp',
    },
    valuePathField,
    {
      key: 'mode',
      label: 'Show',
      kind: 'select',
      options: [
        { value: 'auto', label: 'The value (numbers formatted, text as is)' },
        { value: 'number', label: 'A number (anything else is invalid)' },
        { value: 'raw', label: 'The raw payload, as sent' },
      ],
    },
    {
      key: 'format',
      label: 'Format',
      kind: 'text',
      placeholder: '{value}',
      help: '{value} is the value, {value|1} the value with 1 decimal. Empty: the value alone.',
    },
    { key: 'prefix', label: 'Before the value', kind: 'text' },
    { key: 'unit', label: 'Unit', kind: 'text', placeholder: '°C' },
    { key: 'suffix', label: 'After the value', kind: 'text' },
    { key: 'decimals', label: 'Decimals', kind: 'number', nullable: true, placeholder: 'as sent' },
    {
      key: 'align',
      label: 'Alignment',
      kind: 'select',
      options: [
        { value: 'left', label: 'Left' },
        { value: 'center', label: 'Centre' },
        { value: 'right', label: 'Right' },
      ],
    },
    qosField,
    staleAfterField,
  ],
  title: (c) => c.label,
  stateTopic: (c) => c.topic || undefined,
  nodeRed: {
    nodeType: 'ui_text',
    convert: ({ node, subscribeTo }) => ({
      label: String(node.label || node.name || 'Text'),
      topic: subscribeTo?.topic ?? '',
      qos: subscribeTo?.qos ?? 0,
      format: convertNodeRedFormat(node.format),
      align: nodeRedAlign(node.layout),
    }),
  },
});
