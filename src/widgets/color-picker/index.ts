import {
  payloadTemplateField,
  qosField,
  retainField,
  staleAfterField,
  valuePathField,
} from '../kit/shared-fields';
import { key, t } from '@/i18n/i18n';
import { verbatim } from '@/i18n/message';
import { defineWidget } from '../types';
import { colorPickerSchema, type ColorPickerConfig } from './schema';

/**
 * Node-RED's colour formats in Tafel's terms. Its `rgb` string is `rgb(255, 136, 0)`: the
 * r,g,b format inside an `rgb(…)` template comes closest. hex8, hsl and hsv have no
 * counterpart and become hex.
 */
function fromNodeRedFormat(
  node: Readonly<Record<string, unknown>>,
): Pick<ColorPickerConfig, 'format' | 'payloadTemplate'> {
  if (node.format !== 'rgb') return { format: 'hex', payloadTemplate: '' };
  return node.outformat === 'object'
    ? { format: 'json', payloadTemplate: '' }
    : { format: 'rgb', payloadTemplate: 'rgb({value})' };
}

/** The colour picker: a native colour input labelled by its title; publishes the colour. */
export const colorPickerWidget = defineWidget<ColorPickerConfig>({
  type: 'color-picker',
  name: key('widgets:colorPicker.name'),
  description: key('widgets:colorPicker.description'),
  version: 1,
  schema: colorPickerSchema,
  // Loaded when a dashboard first shows one: keeps the first bundle to what is on screen.
  view: () => import('./color-picker-view').then((m) => m.ColorPickerView),
  defaultSize: { w: 'full', h: 2 },
  // A palette.
  icon: 'M12 3a9 9 0 0 0 0 18c.83 0 1.5-.67 1.5-1.5 0-.39-.15-.74-.39-1.01-.23-.26-.38-.61-.38-.99 0-.83.67-1.5 1.5-1.5H16a5 5 0 0 0 5-5c0-4.42-4.03-8-9-8zm-5.5 9a1.5 1.5 0 1 1 0-3 1.5 1.5 0 0 1 0 3zm3-4a1.5 1.5 0 1 1 0-3 1.5 1.5 0 0 1 0 3zm5 0a1.5 1.5 0 1 1 0-3 1.5 1.5 0 0 1 0 3zm3 4a1.5 1.5 0 1 1 0-3 1.5 1.5 0 0 1 0 3z',
  fields: [
    { key: 'label', label: key('widgets:common.fields.label'), kind: 'text' },
    {
      key: 'topic',
      label: key('widgets:common.fields.publishTopic'),
      kind: 'topic',
      mode: 'publish',
      placeholder: verbatim('home/livingroom/lamp/color'),
    },
    {
      key: 'stateTopic',
      label: key('widgets:common.fields.stateTopic'),
      kind: 'topic',
      mode: 'subscribe',
      placeholder: key('widgets:common.placeholders.sameAsPublish'),
      help: key('widgets:colorPicker.help.stateTopic'),
    },
    valuePathField,
    {
      key: 'format',
      label: key('widgets:colorPicker.fields.format'),
      kind: 'select',
      options: [
        { value: 'hex', label: key('widgets:colorPicker.formats.hex') },
        { value: 'rgb', label: verbatim('r,g,b (255,136,0)') },
        { value: 'json', label: verbatim('JSON ({"r":255,"g":136,"b":0})') },
      ],
      help: key('widgets:colorPicker.help.format'),
    },
    payloadTemplateField,
    qosField,
    staleAfterField,
    retainField,
  ],
  title: (c) => c.label,
  stateTopic: (c) => c.stateTopic || c.topic || undefined,
  nodeRed: {
    nodeTypes: ['ui_colour_picker'],
    convert: ({ node, publishTo, subscribeTo }) => {
      const topic = publishTo?.topic ?? '';
      return {
        label: String(node.label || node.name || t('widgets:colorPicker.defaults.label')),
        topic,
        // An `mqtt in` wired to the picker is its state; the same topic needs no second entry.
        stateTopic: subscribeTo && subscribeTo.topic !== topic ? subscribeTo.topic : '',
        ...fromNodeRedFormat(node),
        qos: publishTo?.qos ?? subscribeTo?.qos ?? 0,
        retain: publishTo?.retain ?? false,
      };
    },
  },
});
