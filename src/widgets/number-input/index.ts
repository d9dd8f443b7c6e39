import {
  payloadTemplateField,
  qosField,
  retainField,
  staleAfterField,
  valuePathField,
} from '../kit/shared-fields';
import { key, t } from '@/i18n/i18n';
import { verbatim } from '@/i18n/message';
import { nodeTopic, readNodeRedFormat, unitOf } from '../kit/node-red-format';
import { defineWidget } from '../types';
import { numberInputSchema, type NumberInputConfig } from './schema';

const num = (v: unknown, fallback: number | null): number | null => {
  if (v === '' || v === undefined || v === null) return fallback;
  const n = Number(v);
  return Number.isFinite(n) ? n : fallback;
};

/** A number field with − and +, publishing the value it is set to; like ui_numeric. */
export const numberInputWidget = defineWidget<NumberInputConfig>({
  type: 'number-input',
  name: key('widgets:numberInput.name'),
  description: key('widgets:numberInput.description'),
  version: 1,
  schema: numberInputSchema,
  // Loaded when a dashboard first shows one: keeps the first bundle to what is on screen.
  view: () => import('./number-input-view').then((m) => m.NumberInputView),
  defaultSize: { w: 'full', h: 2 },
  icon: 'M3 11h6v2H3zm12 0h2.5V8.5h2V11H22v2h-2.5v2.5h-2V13H15zM11 5h2v14h-2z',
  fields: [
    { key: 'label', label: key('widgets:common.fields.label'), kind: 'text' },
    {
      key: 'topic',
      label: key('widgets:common.fields.publishTopic'),
      kind: 'topic',
      mode: 'publish',
      placeholder: verbatim('home/heating/setpoint/set'),
    },
    {
      key: 'stateTopic',
      label: key('widgets:common.fields.stateTopic'),
      kind: 'topic',
      mode: 'subscribe',
      placeholder: key('widgets:common.placeholders.sameAsPublish'),
      help: key('widgets:numberInput.help.stateTopic'),
    },
    valuePathField,
    {
      key: 'min',
      label: key('widgets:common.fields.min'),
      kind: 'number',
      nullable: true,
      placeholder: key('widgets:common.placeholders.noLimit'),
    },
    {
      key: 'max',
      label: key('widgets:common.fields.max'),
      kind: 'number',
      nullable: true,
      placeholder: key('widgets:common.placeholders.noLimit'),
    },
    { key: 'step', label: key('widgets:numberInput.fields.step'), kind: 'number' },
    {
      key: 'decimals',
      label: key('widgets:common.fields.decimals'),
      kind: 'number',
      nullable: true,
      placeholder: key('widgets:numberInput.placeholders.decimals'),
    },
    {
      key: 'sendDelay',
      label: key('widgets:numberInput.fields.sendDelay'),
      kind: 'number',
      help: key('widgets:numberInput.help.sendDelay'),
    },
    payloadTemplateField,
    qosField,
    retainField,
    staleAfterField,
  ],
  title: (c) => c.label,
  stateTopic: (c) => c.stateTopic || c.topic || undefined,
  nodeRed: {
    nodeTypes: ['ui_numeric', 'ui-number-input'],
    convert: ({ node, publishTo, subscribeTo }) => {
      const topic = publishTo?.topic ?? nodeTopic(node);
      // Node-RED shows the unit in the format ("{{value}} °C"); ours has no unit field, so
      // the label carries it.
      const unit = unitOf(readNodeRedFormat(node.format));
      const label = String(node.label || node.name || t('widgets:numberInput.defaults.label'));
      const step = num(node.step, 1);
      return {
        label: unit ? `${label} (${unit})` : label,
        topic,
        // Only a different topic needs its own state topic; the same one is the default.
        stateTopic: subscribeTo && subscribeTo.topic !== topic ? subscribeTo.topic : '',
        valuePath: subscribeTo?.valuePath ?? '',
        min: num(node.min, 0),
        max: num(node.max, 10),
        step: step !== null && step > 0 ? step : 1,
        qos: publishTo?.qos ?? subscribeTo?.qos ?? 0,
        retain: publishTo?.retain ?? false,
      };
    },
  },
});
