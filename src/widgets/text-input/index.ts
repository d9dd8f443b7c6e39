import { payloadTemplateField, qosField, retainField } from '../kit/shared-fields';
import { defineWidget } from '../types';
import { textInputSchema, type TextInputConfig } from './schema';

/** A text field that publishes what is typed on Enter or on leaving; like ui_text_input. */
export const textInputWidget = defineWidget<TextInputConfig>({
  type: 'text-input',
  name: 'Text input',
  description: 'Type text and publish it on Enter or when leaving the field; passwords too.',
  version: 1,
  schema: textInputSchema,
  // Loaded when a dashboard first shows one: keeps the first bundle to what is on screen.
  view: () => import('./text-input-view').then((m) => m.TextInputView),
  defaultSize: { w: 'full', h: 2 },
  icon: 'M3 6h18v12H3zm2 2v8h14V8zm2 2h2v4H7z',
  fields: [
    { key: 'label', label: 'Label', kind: 'text' },
    {
      key: 'topic',
      label: 'Publish topic',
      kind: 'topic',
      mode: 'publish',
      placeholder: 'home/display/message',
    },
    {
      key: 'placeholder',
      label: 'Placeholder',
      kind: 'text',
      help: 'Shown while the field is empty.',
    },
    {
      key: 'password',
      label: 'Password (hide what is typed)',
      kind: 'boolean',
    },
    { key: 'clearAfterSend', label: 'Clear after sending', kind: 'boolean' },
    payloadTemplateField,
    qosField,
    retainField,
  ],
  title: (c) => c.label,
  // It only publishes.
  nodeRed: {
    nodeType: 'ui_text_input',
    convert: ({ node, publishTo }) => ({
      label: String(node.label || node.name || 'Text'),
      topic: publishTo?.topic ?? String(node.topic ?? ''),
      placeholder: typeof node.tooltip === 'string' ? node.tooltip.slice(0, 200) : '',
      password: node.mode === 'password',
      qos: publishTo?.qos ?? 0,
      retain: publishTo?.retain ?? false,
    }),
  },
});
