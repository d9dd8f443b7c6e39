import { z } from 'zod';
import { key, t } from '@/i18n/i18n';
import {
  filterTopicSchema,
  publishTopicSchema,
  qosSchema,
  staleAfterSchema,
  valuePathSchema,
} from '../kit/shared-schema';
import { encodeTyped, payloadTypes, sameValue } from '../kit/typed-payload';

const payloadTypeSchema = z.enum(payloadTypes);

export const switchSchema = z
  .object({
    label: z
      .string()
      .max(200)
      .default(() => t('widgets:switch.defaults.label')),
    /** Where a toggle is published. */
    topic: publishTopicSchema.default(''),
    /** Where the device reports its state; empty = the command topic. */
    stateTopic: filterTopicSchema.default(''),
    /** JSON path of the state in state messages (`state` for `{"state":"ON"}`). */
    valuePath: valuePathSchema,
    /** Sent to switch on, and what a state message carries when on. */
    onPayload: z.string().max(10_000).default('true'),
    onType: payloadTypeSchema.default('boolean'),
    offPayload: z.string().max(10_000).default('false'),
    offType: payloadTypeSchema.default('boolean'),
    /**
     * "optimistic": shows the new position at once; "wait": shows it as pending until the
     * state topic confirms, and goes back after `timeout` seconds without an answer.
     */
    mode: z.enum(['optimistic', 'wait']).default('optimistic'),
    /** Seconds to wait for the device in "wait" mode. */
    timeout: z.number().positive().max(600).default(5),
    qos: qosSchema.default(0),
    retain: z.boolean().default(false),
    staleAfter: staleAfterSchema,
  })
  .superRefine((c, ctx) => {
    const on = encodeTyped(c.onPayload, c.onType);
    const off = encodeTyped(c.offPayload, c.offType);
    if (!on.ok) ctx.addIssue({ code: 'custom', message: on.error, path: ['onPayload'] });
    if (!off.ok) ctx.addIssue({ code: 'custom', message: off.error, path: ['offPayload'] });
    // Equal payloads would make every state message mean both "on" and "off".
    if (on.ok && off.ok && sameValue(on.value, off.value)) {
      ctx.addIssue({
        code: 'custom',
        message: key('widgets:switch.errors.same'),
        path: ['offPayload'],
      });
    }
  });

export type SwitchConfig = z.infer<typeof switchSchema>;
