import { publishTopicError } from '@/mqtt/topic-filter';
import {
  payloadTemplateField,
  qosField,
  retainField,
  staleAfterField,
  valuePathField,
} from '../kit/shared-fields';
import { defineWidget, type NodeRedContext } from '../types';
import { dropdownSchema, type DropdownConfig } from './schema';

/** Convert a `ui_dropdown` node; exported for tests. */
export function convertNodeRedDropdown({ node, publishTo, subscribeTo }: NodeRedContext) {
  const ownTopic = typeof node.topic === 'string' ? node.topic.trim() : '';
  const literalTopic = node.topicType === undefined || node.topicType === 'str';
  const topic =
    publishTo?.topic ??
    (literalTopic && ownTopic !== '' && publishTopicError(ownTopic) === null ? ownTopic : '');
  const options = (Array.isArray(node.options) ? (node.options as unknown[]) : [])
    .filter((o): o is Record<string, unknown> => typeof o === 'object' && o !== null)
    .map((o) => ({
      label: typeof o.label === 'string' ? o.label : '',
      value: o.value === undefined || o.value === null ? '' : String(o.value),
    }))
    // Node-RED's new node has one blank option; it is not a choice.
    .filter((o) => o.label !== '' || o.value !== '');
  // Keep the first of options with equal values, as Node-RED would select the first.
  const unique = options.filter((o, i) => options.findIndex((p) => p.value === o.value) === i);
  return {
    label: String(node.label || node.name || 'Dropdown'),
    options: unique,
    ...(typeof node.place === 'string' && node.place !== '' ? { placeholder: node.place } : {}),
    topic,
    stateTopic: subscribeTo && subscribeTo.topic !== topic ? subscribeTo.topic : '',
    qos: publishTo?.qos ?? subscribeTo?.qos ?? 0,
    retain: publishTo?.retain ?? false,
  };
}

/** A list of choices: publishes the chosen option's value, shows the one the device reports. */
export const dropdownWidget = defineWidget<DropdownConfig>({
  type: 'dropdown',
  name: 'Dropdown',
  description: 'Picks one of several values; shows the one the device reports.',
  version: 1,
  schema: dropdownSchema,
  // Loaded when a dashboard first shows one: keeps the first bundle to what is on screen.
  view: () => import('./dropdown-view').then((m) => m.DropdownView),
  defaultSize: { w: 'full', h: 2 },
  icon: 'M4 5h16a2 2 0 0 1 2 2v4a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2zm11 3 2.5 3L20 8zM4 15h12v2H4zm0 4h12v2H4z',
  fields: [
    { key: 'label', label: 'Label', kind: 'text' },
    {
      key: 'options',
      label: 'Options',
      kind: 'list',
      fields: [
        { key: 'label', label: 'Label', kind: 'text' },
        { key: 'value', label: 'Value', kind: 'text' },
      ],
      newItem: { label: '', value: '' },
      addLabel: 'Add option',
      itemLabel: 'option',
      help: 'The label is shown; the value is published. An empty label shows the value.',
    },
    { key: 'placeholder', label: 'Placeholder', kind: 'text', help: 'Shown until a choice.' },
    {
      key: 'topic',
      label: 'Command topic',
      kind: 'topic',
      mode: 'publish',
      placeholder: 'home/heating/mode/set',
    },
    {
      key: 'stateTopic',
      label: 'State topic',
      kind: 'topic',
      mode: 'subscribe',
      placeholder: 'same as the command topic',
      help: 'The dropdown shows the option whose value arrives here.',
    },
    valuePathField,
    {
      ...payloadTemplateField,
      help: '{value} is replaced by the option’s value, e.g. {"mode": {value}}. Numbers and true/false go in unquoted; write "{value}" for text.',
    },
    qosField,
    retainField,
    staleAfterField,
  ],
  title: (c) => c.label,
  stateTopic: (c) => c.stateTopic || c.topic || undefined,
  nodeRed: { nodeType: 'ui_dropdown', convert: convertNodeRedDropdown },
});
