import { z } from 'zod';
import { t } from '@/i18n/i18n';
import { payloadTemplateSchema, publishTopicSchema, qosSchema } from '../kit/shared-schema';

/** A text input's config; defaults live here only. */
export const textInputSchema = z.object({
  label: z
    .string()
    .max(200)
    .default(() => t('widgets:textInput.defaults.label')),
  /** Where the text is published. */
  topic: publishTopicSchema.default(''),
  payloadTemplate: payloadTemplateSchema,
  placeholder: z.string().max(200).default(''),
  /** Hide what is typed (with a Show toggle). */
  password: z.boolean().default(false),
  qos: qosSchema.default(0),
  retain: z.boolean().default(false),
  /** Empty the field after each send (a command line rather than a setting). */
  clearAfterSend: z.boolean().default(false),
});

export type TextInputConfig = z.infer<typeof textInputSchema>;
