import { publishTopicError } from '@/mqtt/topic-filter';
import { qosField, retainField, staleAfterField } from '../kit/shared-fields';
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

/** The node's own topic, when it is a plain topic that can be published to. */
function nodeTopic(node: NodeRedContext['node']): string {
  const topic = typeof node.topic === 'string' ? node.topic.trim() : '';
  const literal = node.topicType === undefined || node.topicType === 'str';
  return literal && topic !== '' && publishTopicError(topic) === null ? topic : '';
}

/** Convert a `ui_switch` node; exported for tests. */
export function convertNodeRedSwitch({ node, publishTo, subscribeTo }: NodeRedContext) {
  const topic = publishTo?.topic ?? nodeTopic(node);
  const stateTopic = subscribeTo && subscribeTo.topic !== topic ? subscribeTo.topic : '';
  const onType = NODE_RED_TYPES[String(node.onvalueType ?? 'bool')] ?? 'text';
  const offType = NODE_RED_TYPES[String(node.offvalueType ?? 'bool')] ?? 'text';
  return {
    label: String(node.label || node.name || 'Switch'),
    topic,
    stateTopic,
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
  name: 'Switch',
  description: 'Turns something on and off, and shows the state the device reports.',
  version: 1,
  schema: switchSchema,
  // Loaded when a dashboard first shows one: keeps the first bundle to what is on screen.
  view: () => import('./switch-view').then((m) => m.SwitchView),
  defaultSize: { w: 'full', h: 2 },
  icon: 'M7 7h10a5 5 0 0 1 0 10H7A5 5 0 0 1 7 7zm10 2a3 3 0 1 0 0 6 3 3 0 0 0 0-6z',
  fields: [
    { key: 'label', label: 'Label', kind: 'text' },
    {
      key: 'topic',
      label: 'Command topic',
      kind: 'topic',
      mode: 'publish',
      placeholder: 'home/kitchen/light/set',
    },
    {
      key: 'stateTopic',
      label: 'State topic',
      kind: 'topic',
      mode: 'subscribe',
      placeholder: 'same as the command topic',
      help: 'Where the device reports its state. The switch shows what arrives here.',
    },
    {
      key: 'valuePath',
      label: 'Value path (JSON)',
      kind: 'text',
      placeholder: 'e.g. state',
      help: 'For state messages like {"state":"ON"}: state. With JSON on/off payloads, the value at the same path is compared.',
    },
    { key: 'onPayload', label: 'On payload', kind: 'text', placeholder: 'true' },
    {
      key: 'onType',
      label: 'On payload type',
      kind: 'select',
      options: payloadTypeOptions,
      help: 'State messages are matched by value: 1 equals "1", true equals "true", JSON by its content.',
    },
    { key: 'offPayload', label: 'Off payload', kind: 'text', placeholder: 'false' },
    { key: 'offType', label: 'Off payload type', kind: 'select', options: payloadTypeOptions },
    {
      key: 'mode',
      label: 'When pressed',
      kind: 'select',
      options: [
        { value: 'optimistic', label: 'Flip at once (optimistic)' },
        { value: 'wait', label: 'Wait for the device to confirm' },
      ],
    },
    {
      key: 'timeout',
      label: 'Wait for the device (seconds)',
      kind: 'number',
      help: 'When waiting: without an answer in this time, the switch goes back and says so.',
    },
    qosField,
    retainField,
    staleAfterField,
  ],
  title: (c) => c.label,
  stateTopic: (c) => c.stateTopic || c.topic || undefined,
  nodeRed: { nodeType: 'ui_switch', convert: convertNodeRedSwitch },
});
