import {
  payloadTemplateField,
  qosField,
  retainField,
  staleAfterField,
  valuePathField,
} from '../kit/shared-fields';
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
  name: 'Number input',
  description: 'Type a number or step it with − and +; publishes it and follows the state.',
  version: 1,
  schema: numberInputSchema,
  // Loaded when a dashboard first shows one: keeps the first bundle to what is on screen.
  view: () => import('./number-input-view').then((m) => m.NumberInputView),
  defaultSize: { w: 'full', h: 2 },
  icon: 'M3 11h6v2H3zm12 0h2.5V8.5h2V11H22v2h-2.5v2.5h-2V13H15zM11 5h2v14h-2z',
  fields: [
    { key: 'label', label: 'Label', kind: 'text' },
    {
      key: 'topic',
      label: 'Publish topic',
      kind: 'topic',
      mode: 'publish',
      placeholder: 'home/heating/setpoint/set',
    },
    {
      key: 'stateTopic',
      label: 'State topic',
      kind: 'topic',
      mode: 'subscribe',
      placeholder: 'same as the publish topic',
      help: 'The field shows values arriving here, except while you are changing it.',
    },
    valuePathField,
    { key: 'min', label: 'Min', kind: 'number', nullable: true, placeholder: 'no limit' },
    { key: 'max', label: 'Max', kind: 'number', nullable: true, placeholder: 'no limit' },
    { key: 'step', label: 'Step (− and +)', kind: 'number' },
    { key: 'decimals', label: 'Decimals', kind: 'number', nullable: true, placeholder: 'as typed' },
    {
      key: 'sendDelay',
      label: 'Send after − / + (ms)',
      kind: 'number',
      help: 'Sends once no press came for this long. 0: only on Enter or when you leave the field.',
    },
    payloadTemplateField,
    qosField,
    retainField,
    staleAfterField,
  ],
  title: (c) => c.label,
  stateTopic: (c) => c.stateTopic || c.topic || undefined,
  nodeRed: {
    nodeType: 'ui_numeric',
    convert: ({ node, publishTo, subscribeTo }) => {
      const topic = publishTo?.topic ?? String(node.topic ?? '');
      const step = num(node.step, 1);
      return {
        label: String(node.label || node.name || 'Number'),
        topic,
        // Only a different topic needs its own state topic; the same one is the default.
        stateTopic: subscribeTo && subscribeTo.topic !== topic ? subscribeTo.topic : '',
        min: num(node.min, 0),
        max: num(node.max, 10),
        step: step !== null && step > 0 ? step : 1,
        qos: publishTo?.qos ?? subscribeTo?.qos ?? 0,
        retain: publishTo?.retain ?? false,
      };
    },
  },
});
