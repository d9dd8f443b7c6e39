import { z } from 'zod';
import { t } from '@/i18n/i18n';
import {
  filterTopicSchema,
  payloadTemplateSchema,
  publishTopicSchema,
  qosSchema,
  staleAfterSchema,
  valuePathSchema,
} from '../kit/shared-schema';

/** Output formats: `#ff8800`, `255,136,0`, `{"r":255,"g":136,"b":0}`. */
export const colorFormats = ['hex', 'rgb', 'json'] as const;

export const colorPickerSchema = z.object({
  label: z
    .string()
    .max(200)
    .default(() => t('widgets:colorPicker.defaults.label')),
  /** Where a picked colour is published. */
  topic: publishTopicSchema.default(''),
  /** Which topic the picker follows; empty = the publish topic. */
  stateTopic: filterTopicSchema.default(''),
  /** JSON path of the colour in state messages (`color`, `state.rgb`). */
  valuePath: valuePathSchema,
  /** What is sent; state messages are read in any of the formats. */
  format: z.enum(colorFormats).default('hex'),
  /** `{value}` stands for the colour in `format`; empty = the colour alone. */
  payloadTemplate: payloadTemplateSchema,
  qos: qosSchema.default(0),
  retain: z.boolean().default(false),
  staleAfter: staleAfterSchema,
});

export type ColorPickerConfig = z.infer<typeof colorPickerSchema>;

/** Minimum time between two messages while the colour is being changed. */
export const COLOR_THROTTLE_MS = 100;
