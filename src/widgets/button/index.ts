import { qosField, retainField } from '../kit/shared-fields';
import { key, t } from '@/i18n/i18n';
import { verbatim } from '@/i18n/message';
import { nodeTopic } from '../kit/node-red-format';
import { defineWidget, type NodeRedContext } from '../types';
import { buttonIconOptions, iconFromNodeRed } from './icons';
import { encodeTyped, payloadTypeOptions, type PayloadType } from '../kit/typed-payload';
import { buttonSchema, type ButtonConfig } from './schema';

/** Node-RED's payload types as ours; what we cannot send (date, msg, flow…) becomes text. */
const NODE_RED_TYPES: Readonly<Record<string, PayloadType>> = {
  str: 'text',
  num: 'number',
  bool: 'boolean',
  json: 'json',
};

/** A Node-RED colour as ours: `#rgb` or `#rrggbb`; names and the like keep our default. */
function hexColor(v: unknown): string | undefined {
  const s = typeof v === 'string' ? v.trim() : '';
  if (/^#[0-9a-fA-F]{6}$/.test(s)) return s.toLowerCase();
  const short = /^#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])$/.exec(s);
  return short
    ? `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`.toLowerCase()
    : undefined;
}

/** Convert a `ui_button` node; exported for tests. */
export function convertNodeRedButton({ node, publishTo }: NodeRedContext) {
  const topic = publishTo?.topic ?? nodeTopic(node);
  let payloadType = NODE_RED_TYPES[String(node.payloadType ?? 'str')] ?? 'text';
  const payload = String(node.payload ?? '');
  // A value the flow typed wrongly still imports, as the text it was.
  if (!encodeTyped(payload, payloadType).ok) payloadType = 'text';
  const color = hexColor(node.bgcolor);
  return {
    label: String(node.label || node.name || t('widgets:button.defaults.label')),
    icon: iconFromNodeRed(node.icon),
    ...(color ? { color } : {}),
    topic,
    payload,
    payloadType,
    qos: publishTo?.qos ?? 0,
    retain: publishTo?.retain ?? false,
  };
}

/** A push button: publishes a fixed payload, optionally after asking. Subscribes to nothing. */
export const buttonWidget = defineWidget<ButtonConfig>({
  type: 'button',
  name: key('widgets:button.name'),
  description: key('widgets:button.description'),
  version: 1,
  schema: buttonSchema,
  // Loaded when a dashboard first shows one: keeps the first bundle to what is on screen.
  view: () => import('./button-view').then((m) => m.ButtonView),
  defaultSize: { w: 'full', h: 1 },
  icon: 'M5 7h14a3 3 0 0 1 3 3v4a3 3 0 0 1-3 3H5a3 3 0 0 1-3-3v-4a3 3 0 0 1 3-3zm3 4v2h8v-2z',
  fields: [
    {
      key: 'label',
      label: key('widgets:common.fields.label'),
      kind: 'text',
      help: key('widgets:button.help.label'),
    },
    {
      key: 'icon',
      label: key('widgets:button.fields.icon'),
      kind: 'select',
      options: buttonIconOptions,
    },
    { key: 'color', label: key('widgets:common.fields.color'), kind: 'color' },
    {
      key: 'topic',
      label: key('widgets:common.fields.topic'),
      kind: 'topic',
      mode: 'publish',
      placeholder: verbatim('home/server/restart'),
    },
    {
      key: 'payload',
      label: key('widgets:common.fields.payload'),
      kind: 'textarea',
      placeholder: key('widgets:button.placeholders.payload'),
      help: key('widgets:button.help.payload'),
    },
    {
      key: 'payloadType',
      label: key('widgets:common.fields.payloadType'),
      kind: 'select',
      options: payloadTypeOptions,
    },
    qosField,
    retainField,
    {
      key: 'confirm',
      label: key('widgets:button.fields.confirm'),
      kind: 'text',
      placeholder: key('widgets:button.placeholders.confirm'),
      help: key('widgets:button.help.confirm'),
    },
  ],
  title: (c) => c.label,
  nodeRed: { nodeTypes: ['ui_button', 'ui-button'], convert: convertNodeRedButton },
});
