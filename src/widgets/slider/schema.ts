import { z } from 'zod';
import { key, t } from '@/i18n/i18n';
import {
  payloadTemplateSchema,
  publishTopicSchema,
  qosSchema,
  filterTopicSchema,
  valuePathSchema,
  staleAfterSchema,
} from '../kit/shared-schema';

export const sliderSchema = z
  .object({
    label: z
      .string()
      .max(200)
      .default(() => t('widgets:slider.defaults.label')),
    /** Where moves are published. */
    topic: publishTopicSchema.default(''),
    /** Which topic the slider follows; empty = the publish topic. */
    stateTopic: filterTopicSchema.default(''),
    /** JSON path of the number in state messages. */
    valuePath: valuePathSchema,
    min: z.number().finite().default(0),
    max: z.number().finite().default(100),
    step: z.number().finite().positive().default(1),
    /** "drag": publish while moving (≤ 1 message per 100 ms, final value always); "release": on let go. */
    sendMode: z.enum(['drag', 'release']).default('drag'),
    /** What is sent: `{value}` stands for the number; empty = the number alone. */
    payloadTemplate: payloadTemplateSchema,
    /** "vertical": up is more (a tall native range input). */
    orientation: z.enum(['horizontal', 'vertical']).default('horizontal'),
    /** The number next to (or, vertical, above) the slider. */
    showValue: z.boolean().default(true),
    qos: qosSchema.default(0),
    retain: z.boolean().default(false),
    staleAfter: staleAfterSchema,
  })
  .refine((c) => c.max > c.min, {
    message: key('widgets:slider.errors.range'),
    path: ['max'],
  });

export type SliderConfig = z.infer<typeof sliderSchema>;

/** Minimum time between two messages while dragging. */
export const SLIDER_THROTTLE_MS = 100;
