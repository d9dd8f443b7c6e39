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
import { sameValue } from '../kit/typed-payload';

export const dropdownOptionSchema = z.object({
  /** What the list shows; empty = the value. */
  label: z.string().max(200).default(''),
  /** What choosing it publishes (through the payload template). */
  value: z.string().max(1000).default(''),
});

export const dropdownSchema = z
  .object({
    label: z
      .string()
      .max(200)
      .default(() => t('widgets:dropdown.defaults.label')),
    options: z.array(dropdownOptionSchema).max(500).default([]),
    /** Shown while no option is chosen or reported. */
    placeholder: z
      .string()
      .max(200)
      .default(() => t('widgets:dropdown.defaults.placeholder')),
    /** Where a choice is published. */
    topic: publishTopicSchema.default(''),
    /** Which topic the dropdown follows; empty = the command topic. */
    stateTopic: filterTopicSchema.default(''),
    valuePath: valuePathSchema,
    payloadTemplate: payloadTemplateSchema,
    qos: qosSchema.default(0),
    retain: z.boolean().default(false),
    staleAfter: staleAfterSchema,
  })
  .superRefine((c, ctx) => {
    // Two options with one value: a state message could not say which one is meant.
    c.options.forEach((o, i) => {
      if (c.options.slice(0, i).some((earlier) => sameValue(earlier.value, o.value))) {
        ctx.addIssue({
          code: 'custom',
          message: key('widgets:dropdown.errors.duplicate'),
          path: ['options', i, 'value'],
        });
      }
    });
  });

export type DropdownConfig = z.infer<typeof dropdownSchema>;
