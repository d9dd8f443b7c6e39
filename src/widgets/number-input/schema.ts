import { z } from 'zod';
import { key, t } from '@/i18n/i18n';
import {
  filterTopicSchema,
  payloadTemplateSchema,
  publishTopicSchema,
  qosSchema,
  staleAfterSchema,
  valuePathSchema,
} from '../kit/shared-schema';

/** A number input's config; defaults live here only. */
export const numberInputSchema = z
  .object({
    label: z
      .string()
      .max(200)
      .default(() => t('widgets:numberInput.defaults.label')),
    /** Where a new value is published. */
    topic: publishTopicSchema.default(''),
    /** Which topic the field follows; empty = the publish topic. */
    stateTopic: filterTopicSchema.default(''),
    /** JSON path of the number in state messages. */
    valuePath: valuePathSchema,
    /** Limits; null = none. Values beyond them are clamped before sending. */
    min: z.number().finite().nullable().default(0),
    max: z.number().finite().nullable().default(100),
    /** What − and + add or take away. */
    step: z.number().finite().positive().default(1),
    /** Values are rounded to this many decimals before sending; null = as typed. */
    decimals: z.number().int().min(0).max(6).nullable().default(null),
    payloadTemplate: payloadTemplateSchema,
    qos: qosSchema.default(0),
    retain: z.boolean().default(false),
    /** After − or +, send when no press came for this long (ms); 0 = only on Enter or leaving. */
    sendDelay: z.number().int().min(0).max(60_000).default(1000),
    staleAfter: staleAfterSchema,
  })
  .refine((c) => c.min === null || c.max === null || c.max > c.min, {
    message: key('widgets:numberInput.errors.range'),
    path: ['max'],
  });

export type NumberInputConfig = z.infer<typeof numberInputSchema>;
