import {
  payloadTemplateField,
  qosField,
  retainField,
  staleAfterField,
  valuePathField,
} from '../kit/shared-fields';
import { key, t } from '@/i18n/i18n';
import { verbatim } from '@/i18n/message';
import { nodeTopic } from '../kit/node-red-format';
import { defineWidget, type NodeRedContext } from '../types';
import { dropdownSchema, type DropdownConfig } from './schema';

/** Convert a `ui_dropdown` node; exported for tests. */
export function convertNodeRedDropdown({ node, publishTo, subscribeTo }: NodeRedContext) {
  const topic = publishTo?.topic ?? nodeTopic(node);
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
    label: String(node.label || node.name || t('widgets:dropdown.defaults.label')),
    options: unique,
    ...(typeof node.place === 'string' && node.place !== '' ? { placeholder: node.place } : {}),
    topic,
    stateTopic: subscribeTo && subscribeTo.topic !== topic ? subscribeTo.topic : '',
    valuePath: subscribeTo?.valuePath ?? '',
    qos: publishTo?.qos ?? subscribeTo?.qos ?? 0,
    retain: publishTo?.retain ?? false,
  };
}

/** A list of choices: publishes the chosen option's value, shows the one the device reports. */
export const dropdownWidget = defineWidget<DropdownConfig>({
  type: 'dropdown',
  name: key('widgets:dropdown.name'),
  description: key('widgets:dropdown.description'),
  version: 1,
  schema: dropdownSchema,
  // Loaded when a dashboard first shows one: keeps the first bundle to what is on screen.
  view: () => import('./dropdown-view').then((m) => m.DropdownView),
  defaultSize: { w: 'full', h: 2 },
  icon: 'M4 5h16a2 2 0 0 1 2 2v4a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2zm11 3 2.5 3L20 8zM4 15h12v2H4zm0 4h12v2H4z',
  fields: [
    { key: 'label', label: key('widgets:common.fields.label'), kind: 'text' },
    {
      key: 'options',
      label: key('widgets:dropdown.fields.options'),
      kind: 'list',
      fields: [
        { key: 'label', label: key('widgets:common.fields.label'), kind: 'text' },
        { key: 'value', label: key('widgets:common.fields.value'), kind: 'text' },
      ],
      newItem: { label: '', value: '' },
      addLabel: key('widgets:dropdown.addOption'),
      itemLabel: key('widgets:dropdown.itemOption'),
      help: key('widgets:dropdown.help.options'),
    },
    {
      key: 'placeholder',
      label: key('widgets:common.fields.placeholder'),
      kind: 'text',
      help: key('widgets:dropdown.help.placeholder'),
    },
    {
      key: 'topic',
      label: key('widgets:common.fields.commandTopic'),
      kind: 'topic',
      mode: 'publish',
      placeholder: verbatim('home/heating/mode/set'),
    },
    {
      key: 'stateTopic',
      label: key('widgets:common.fields.stateTopic'),
      kind: 'topic',
      mode: 'subscribe',
      placeholder: key('widgets:common.placeholders.sameAsCommand'),
      help: key('widgets:dropdown.help.stateTopic'),
    },
    valuePathField,
    {
      ...payloadTemplateField,
      help: key('widgets:dropdown.help.payloadTemplate'),
    },
    qosField,
    retainField,
    staleAfterField,
  ],
  title: (c) => c.label,
  stateTopic: (c) => c.stateTopic || c.topic || undefined,
  nodeRed: {
    // Dashboard 2's radio and button groups are one choice of several, as a dropdown is.
    nodeTypes: ['ui_dropdown', 'ui-dropdown', 'ui-radio-group', 'ui-button-group'],
    convert: convertNodeRedDropdown,
  },
});
