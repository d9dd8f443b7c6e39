import { z } from 'zod';
import { t } from '@/i18n/i18n';
import { colorSchema, publishTopicSchema, qosSchema } from '../kit/shared-schema';
import { buttonIcons } from './icons';
import { encodeTyped, payloadTypes } from '../kit/typed-payload';

export const buttonSchema = z
  .object({
    /** The button's text, and its accessible name. */
    label: z
      .string()
      .max(200)
      .default(() => t('widgets:button.defaults.label')),
    icon: z.enum(buttonIcons).default('none'),
    /** Background; the text is black or white, whichever reads better on it. */
    color: colorSchema.default('#1f6feb'),
    topic: publishTopicSchema.default(''),
    /** What a press publishes; not empty by default, since an empty retained message deletes. */
    payload: z.string().max(10_000).default('pressed'),
    payloadType: z.enum(payloadTypes).default('text'),
    qos: qosSchema.default(0),
    retain: z.boolean().default(false),
    /** A question asked before publishing ("Really restart?"); empty = publish at once. */
    confirm: z.string().max(500).default(''),
  })
  .superRefine((c, ctx) => {
    const encoded = encodeTyped(c.payload, c.payloadType);
    if (!encoded.ok) ctx.addIssue({ code: 'custom', message: encoded.error, path: ['payload'] });
  });

export type ButtonConfig = z.infer<typeof buttonSchema>;
