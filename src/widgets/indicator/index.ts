import { ruleOperatorOptions } from '@/widgets/kit/rules';
import { qosField, staleAfterField, valuePathField } from '../kit/shared-fields';
import { key, t } from '@/i18n/i18n';
import { verbatim } from '@/i18n/message';
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
  name: key('widgets:indicator.name'),
  description: key('widgets:indicator.description'),
  version: 1,
  schema: indicatorSchema,
  // Loaded when a dashboard first shows one: keeps the first bundle to what is on screen.
  view: () => import('./indicator-view').then((m) => m.IndicatorView),
  defaultSize: { w: 'full', h: 2 },
  icon: 'M12 5a7 7 0 1 0 0 14 7 7 0 0 0 0-14zm0 3a4 4 0 1 1 0 8 4 4 0 0 1 0-8z',
  fields: [
    { key: 'label', label: key('widgets:common.fields.label'), kind: 'text' },
    {
      key: 'topic',
      label: key('widgets:common.fields.topic'),
      kind: 'topic',
      mode: 'subscribe',
      placeholder: verbatim('home/door/state'),
    },
    valuePathField,
    {
      key: 'rules',
      label: key('widgets:indicator.fields.rules'),
      kind: 'list',
      help: key('widgets:indicator.help.rules'),
      addLabel: key('widgets:indicator.addRule'),
      itemLabel: key('widgets:indicator.itemRule'),
      newItem: { op: '=', value: '', color: '#1a7f37', text: '' },
      fields: [
        {
          key: 'op',
          label: key('widgets:indicator.fields.op'),
          kind: 'select',
          options: ruleOperatorOptions,
        },
        { key: 'value', label: key('widgets:common.fields.value'), kind: 'text' },
        { key: 'color', label: key('widgets:common.fields.color'), kind: 'color' },
        { key: 'text', label: key('widgets:common.fields.text'), kind: 'text' },
      ],
    },
    qosField,
    staleAfterField,
  ],
  title: (c) => c.label,
  stateTopic: (c) => c.topic || undefined,
  nodeRed: {
    nodeTypes: ['ui_led'],
    convert: ({ node, subscribeTo }) => {
      const rules = ledRules(node.colorForValue);
      return {
        label: String(node.label || node.name || t('widgets:indicator.defaults.label')),
        topic: subscribeTo?.topic ?? '',
        qos: subscribeTo?.qos ?? 0,
        valuePath: subscribeTo?.valuePath ?? '',
        ...(rules ? { rules } : {}),
      };
    },
  },
});
