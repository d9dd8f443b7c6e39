import {
  payloadTemplateField,
  qosField,
  retainField,
  staleAfterField,
  valuePathField,
} from '../kit/shared-fields';
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
  name: 'Colour picker',
  description: 'Publishes a colour as hex, r,g,b or JSON; follows the device’s colour.',
  version: 1,
  schema: colorPickerSchema,
  // Loaded when a dashboard first shows one: keeps the first bundle to what is on screen.
  view: () => import('./color-picker-view').then((m) => m.ColorPickerView),
  defaultSize: { w: 'full', h: 2 },
  // A palette.
  icon: 'M12 3a9 9 0 0 0 0 18c.83 0 1.5-.67 1.5-1.5 0-.39-.15-.74-.39-1.01-.23-.26-.38-.61-.38-.99 0-.83.67-1.5 1.5-1.5H16a5 5 0 0 0 5-5c0-4.42-4.03-8-9-8zm-5.5 9a1.5 1.5 0 1 1 0-3 1.5 1.5 0 0 1 0 3zm3-4a1.5 1.5 0 1 1 0-3 1.5 1.5 0 0 1 0 3zm5 0a1.5 1.5 0 1 1 0-3 1.5 1.5 0 0 1 0 3zm3 4a1.5 1.5 0 1 1 0-3 1.5 1.5 0 0 1 0 3z',
  fields: [
    { key: 'label', label: 'Label', kind: 'text' },
    {
      key: 'topic',
      label: 'Publish topic',
      kind: 'topic',
      mode: 'publish',
      placeholder: 'home/livingroom/lamp/color',
    },
    {
      key: 'stateTopic',
      label: 'State topic',
      kind: 'topic',
      mode: 'subscribe',
      placeholder: 'same as the publish topic',
      help: 'The picker follows colours arriving here: #ff8800, 255,136,0, {"r":255,"g":136,"b":0} or rgb(255, 136, 0).',
    },
    valuePathField,
    {
      key: 'format',
      label: 'Send as',
      kind: 'select',
      options: [
        { value: 'hex', label: 'Hex (#ff8800)' },
        { value: 'rgb', label: 'r,g,b (255,136,0)' },
        { value: 'json', label: 'JSON ({"r":255,"g":136,"b":0})' },
      ],
      help: 'Sent while the colour changes, at most every 100 ms, and the final colour always.',
    },
    payloadTemplateField,
    qosField,
    staleAfterField,
    retainField,
  ],
  title: (c) => c.label,
  stateTopic: (c) => c.stateTopic || c.topic || undefined,
  nodeRed: {
    nodeType: 'ui_colour_picker',
    convert: ({ node, publishTo, subscribeTo }) => {
      const topic = publishTo?.topic ?? '';
      return {
        label: String(node.label || node.name || 'Colour'),
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
