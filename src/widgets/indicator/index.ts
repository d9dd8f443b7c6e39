import { ruleOperatorOptions } from '@/widgets/kit/rules';
import { qosField, staleAfterField, valuePathField } from '../kit/shared-fields';
import { defineWidget } from '../types';
import { indicatorSchema, NEUTRAL_COLOR, type IndicatorConfig, type IndicatorRule } from './schema';

/** CSS colour names node-red-contrib-ui-led's examples use; the colour field takes hex only. */
const NAMED_COLORS: Record<string, string> = {
  red: '#c9372c',
  green: '#1a7f37',
  lime: '#3fb950',
  yellow: '#e6c200',
  orange: '#e07b00',
  blue: '#1f6feb',
  grey: NEUTRAL_COLOR,
  gray: NEUTRAL_COLOR,
  black: '#000000',
  white: '#ffffff',
};

function toHex(color: unknown): string {
  const c = String(color ?? '')
    .trim()
    .toLowerCase();
  if (/^#[0-9a-f]{6}$/.test(c)) return c;
  if (/^#[0-9a-f]{3}$/.test(c)) return '#' + [...c.slice(1)].map((d) => d + d).join('');
  return NAMED_COLORS[c] ?? NEUTRAL_COLOR;
}

/** node-red-contrib-ui-led's `colorForValue` list: each value and its colour → an `=` rule. */
function ledRules(colorForValue: unknown): IndicatorRule[] | undefined {
  if (!Array.isArray(colorForValue) || colorForValue.length === 0) return undefined;
  return colorForValue.slice(0, 50).map((item: unknown) => {
    const it = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const value = String(it.value ?? '').slice(0, 200);
    return { op: '=', value, color: toHex(it.color), text: value.slice(0, 100) };
  });
}

/** An LED whose colour and words follow the value, by rules. */
export const indicatorWidget = defineWidget<IndicatorConfig>({
  type: 'indicator',
  name: 'Indicator (LED)',
  description: 'A coloured light with a word for a state: on/off, ok/alarm, by rules.',
  version: 1,
  schema: indicatorSchema,
  // Loaded when a dashboard first shows one: keeps the first bundle to what is on screen.
  view: () => import('./indicator-view').then((m) => m.IndicatorView),
  defaultSize: { w: 'full', h: 2 },
  icon: 'M12 5a7 7 0 1 0 0 14 7 7 0 0 0 0-14zm0 3a4 4 0 1 1 0 8 4 4 0 0 1 0-8z',
  fields: [
    { key: 'label', label: 'Label', kind: 'text' },
    {
      key: 'topic',
      label: 'Topic',
      kind: 'topic',
      mode: 'subscribe',
      placeholder: 'home/door/state',
    },
    valuePathField,
    {
      key: 'rules',
      label: 'Rules',
      kind: 'list',
      help: 'The first rule that matches gives the colour and the text (empty text: the value). No match: grey with the value.',
      addLabel: 'Add rule',
      itemLabel: 'rule',
      newItem: { op: '=', value: '', color: '#1a7f37', text: '' },
      fields: [
        { key: 'op', label: 'When the value', kind: 'select', options: ruleOperatorOptions },
        { key: 'value', label: 'Value', kind: 'text' },
        { key: 'color', label: 'Colour', kind: 'color' },
        { key: 'text', label: 'Text', kind: 'text' },
      ],
    },
    qosField,
    staleAfterField,
  ],
  title: (c) => c.label,
  stateTopic: (c) => c.topic || undefined,
  nodeRed: {
    nodeType: 'ui_led',
    convert: ({ node, subscribeTo }) => {
      const rules = ledRules(node.colorForValue);
      return {
        label: String(node.label || node.name || 'Indicator'),
        topic: subscribeTo?.topic ?? '',
        qos: subscribeTo?.qos ?? 0,
        ...(rules ? { rules } : {}),
      };
    },
  },
});
