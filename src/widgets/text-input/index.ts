import { payloadTemplateField, qosField, retainField } from '../kit/shared-fields';
import { key, t } from '@/i18n/i18n';
import { verbatim } from '@/i18n/message';
import { nodeTopic } from '../kit/node-red-format';
import { defineWidget } from '../types';
import { textInputSchema, type TextInputConfig } from './schema';

/** A text field that publishes what is typed on Enter or on leaving; like ui_text_input. */
export const textInputWidget = defineWidget<TextInputConfig>({
  type: 'text-input',
  name: key('widgets:textInput.name'),
  description: key('widgets:textInput.description'),
  version: 1,
  schema: textInputSchema,
  // Loaded when a dashboard first shows one: keeps the first bundle to what is on screen.
  view: () => import('./text-input-view').then((m) => m.TextInputView),
  defaultSize: { w: 'full', h: 2 },
  icon: 'M3 6h18v12H3zm2 2v8h14V8zm2 2h2v4H7z',
  fields: [
    { key: 'label', label: key('widgets:common.fields.label'), kind: 'text' },
    {
      key: 'topic',
      label: key('widgets:common.fields.publishTopic'),
      kind: 'topic',
      mode: 'publish',
      placeholder: verbatim('home/display/message'),
    },
    {
      key: 'placeholder',
      label: key('widgets:common.fields.placeholder'),
      kind: 'text',
      help: key('widgets:textInput.help.placeholder'),
    },
    {
      key: 'password',
      label: key('widgets:textInput.fields.password'),
      kind: 'boolean',
    },
    {
      key: 'clearAfterSend',
      label: key('widgets:textInput.fields.clearAfterSend'),
      kind: 'boolean',
    },
    payloadTemplateField,
    qosField,
    retainField,
  ],
  title: (c) => c.label,
  // It only publishes.
  nodeRed: {
    nodeTypes: ['ui_text_input', 'ui-text-input'],
    convert: ({ node, publishTo }) => ({
      label: String(node.label || node.name || t('widgets:textInput.defaults.label')),
      topic: publishTo?.topic ?? nodeTopic(node),
      placeholder: typeof node.tooltip === 'string' ? node.tooltip.slice(0, 200) : '',
      password: node.mode === 'password',
      qos: publishTo?.qos ?? 0,
      retain: publishTo?.retain ?? false,
    }),
  },
});
