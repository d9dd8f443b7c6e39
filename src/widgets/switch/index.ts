import { qosField, retainField, staleAfterField } from '../kit/shared-fields';
import { key, t } from '@/i18n/i18n';
import { verbatim } from '@/i18n/message';
import { nodeTopic } from '../kit/node-red-format';
import { defineWidget, type NodeRedContext } from '../types';
import { payloadTypeOptions, type PayloadType } from '../kit/typed-payload';
import { switchSchema, type SwitchConfig } from './schema';

/** Node-RED's value types (`onvalueType`) as ours; msg/flow/global/env values become text. */
const NODE_RED_TYPES: Readonly<Record<string, PayloadType>> = {
  bool: 'boolean',
  num: 'number',
  str: 'text',
  json: 'json',
};

/** Convert a `ui_switch` node; exported for tests. */
export function convertNodeRedSwitch({ node, publishTo, subscribeTo }: NodeRedContext) {
  const topic = publishTo?.topic ?? nodeTopic(node);
  const stateTopic = subscribeTo && subscribeTo.topic !== topic ? subscribeTo.topic : '';
  const onType = NODE_RED_TYPES[String(node.onvalueType ?? 'bool')] ?? 'text';
  const offType = NODE_RED_TYPES[String(node.offvalueType ?? 'bool')] ?? 'text';
  return {
    label: String(node.label || node.name || t('widgets:switch.defaults.label')),
    topic,
    stateTopic,
    valuePath: subscribeTo?.valuePath ?? '',
    onPayload: String(node.onvalue ?? 'true'),
    onType,
    offPayload: String(node.offvalue ?? 'false'),
    offType,
    // Node-RED's "switch icon shows state of the input" (decouple) is our "wait for the device".
    mode: node.decouple === true || node.decouple === 'true' ? 'wait' : 'optimistic',
    qos: publishTo?.qos ?? subscribeTo?.qos ?? 0,
    retain: publishTo?.retain ?? false,
  };
}

/** On/off switch: publishes the on or off payload and shows the device's confirmed state. */
export const switchWidget = defineWidget<SwitchConfig>({
  type: 'switch',
  name: key('widgets:switch.name'),
  description: key('widgets:switch.description'),
  version: 1,
  schema: switchSchema,
  // Loaded when a dashboard first shows one: keeps the first bundle to what is on screen.
  view: () => import('./switch-view').then((m) => m.SwitchView),
  defaultSize: { w: 'full', h: 2 },
  icon: 'M7 7h10a5 5 0 0 1 0 10H7A5 5 0 0 1 7 7zm10 2a3 3 0 1 0 0 6 3 3 0 0 0 0-6z',
  fields: [
    { key: 'label', label: key('widgets:common.fields.label'), kind: 'text' },
    {
      key: 'topic',
      label: key('widgets:common.fields.commandTopic'),
      kind: 'topic',
      mode: 'publish',
      placeholder: verbatim('home/kitchen/light/set'),
    },
    {
      key: 'stateTopic',
      label: key('widgets:common.fields.stateTopic'),
      kind: 'topic',
      mode: 'subscribe',
      placeholder: key('widgets:common.placeholders.sameAsCommand'),
      help: key('widgets:switch.help.stateTopic'),
    },
    {
      key: 'valuePath',
      label: key('widgets:common.fields.valuePath'),
      kind: 'text',
      placeholder: key('widgets:switch.placeholders.valuePath'),
      help: key('widgets:switch.help.valuePath'),
    },
    {
      key: 'onPayload',
      label: key('widgets:switch.fields.onPayload'),
      kind: 'text',
      placeholder: verbatim('true'),
    },
    {
      key: 'onType',
      label: key('widgets:switch.fields.onType'),
      kind: 'select',
      options: payloadTypeOptions,
      help: key('widgets:switch.help.onType'),
    },
    {
      key: 'offPayload',
      label: key('widgets:switch.fields.offPayload'),
      kind: 'text',
      placeholder: verbatim('false'),
    },
    {
      key: 'offType',
      label: key('widgets:switch.fields.offType'),
      kind: 'select',
      options: payloadTypeOptions,
    },
    {
      key: 'mode',
      label: key('widgets:switch.fields.mode'),
      kind: 'select',
      options: [
        { value: 'optimistic', label: key('widgets:switch.modes.optimistic') },
        { value: 'wait', label: key('widgets:switch.modes.wait') },
      ],
    },
    {
      key: 'timeout',
      label: key('widgets:switch.fields.timeout'),
      kind: 'number',
      help: key('widgets:switch.help.timeout'),
    },
    qosField,
    retainField,
    staleAfterField,
  ],
  title: (c) => c.label,
  stateTopic: (c) => c.stateTopic || c.topic || undefined,
  nodeRed: { nodeTypes: ['ui_switch', 'ui-switch'], convert: convertNodeRedSwitch },
});
