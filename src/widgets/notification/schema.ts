import { z } from 'zod';
import { t } from '@/i18n/i18n';
import { ruleSchema } from '@/widgets/kit/rules';
import {
  filterTopicSchema,
  qosSchema,
  staleAfterSchema,
  valuePathSchema,
} from '../kit/shared-schema';

/** How serious a notification is: decides the toast's kind and the card's colour. */
export const severities = ['info', 'warning', 'error'] as const;

/** A notification widget's config; defaults live here only. */
export const notificationSchema = z.object({
  label: z
    .string()
    .max(200)
    .default(() => t('widgets:notification.defaults.label')),
  /** Topic or filter whose messages become notifications. */
  topic: filterTopicSchema.default(''),
  qos: qosSchema.default(0),
  /** JSON path of the value (`msg`, `a.b[0]`); empty = the whole payload. */
  valuePath: valuePathSchema,
  severity: z.enum(severities).default('info'),
  /** `{value}` = the value, `{topic}` = the topic it arrived on; empty = the value. */
  template: z.string().max(1000).default('{value}'),
  /** Seconds the toast stays; 0 = until dismissed. */
  duration: z.number().min(0).max(3600).default(5),
  /** Notify only when one of these matches (see rules.ts); none = every message. */
  rules: z.array(ruleSchema).max(50).default([]),
  staleAfter: staleAfterSchema,
});

export type NotificationConfig = z.infer<typeof notificationSchema>;

/** Longest text a toast or the card shows: a 1 MB payload must not fill the screen. */
export const MAX_MESSAGE_CHARS = 300;
