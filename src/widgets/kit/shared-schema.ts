import { z } from 'zod';
import { key } from '@/i18n/i18n';
import { filterError, publishTopicError } from '@/mqtt/topic-filter';

/** MQTT QoS as stored in configs. */
export const qosSchema = z.union([z.literal(0), z.literal(1), z.literal(2)]);

/** A topic to publish to; empty means "not set yet" (the widget says so). */
export const publishTopicSchema = z
  .string()
  .trim()
  .refine((t) => t === '' || publishTopicError(t) === null, {
    error: (issue) => publishTopicError(String(issue.input)) ?? key('widgets:topic.invalid'),
  });

/** A topic filter to subscribe to (`+` and `#` allowed as whole levels); empty = not set. */
export const filterTopicSchema = z
  .string()
  .trim()
  .refine((t) => t === '' || filterError(t) === null, {
    error: (issue) => filterError(String(issue.input)) ?? key('widgets:topic.invalidFilter'),
  });

/** A JSON value path such as `temp` or `sensor.values[0]`; empty = the whole payload. */
export const valuePathSchema = z.string().trim().max(200).default('');

/** A CSS colour as the colour input gives it. */
export const colorSchema = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, { message: key('widgets:colorFormat') });

/** Seconds without a message before the widget shows it is stale; null = never. */
export const staleAfterSchema = z.number().positive().max(31_536_000).nullable().default(null);

/**
 * What a publishing widget sends: `{value}` is replaced by the value (see payload-template.ts),
 * e.g. `{"brightness": {value}}`; empty = the value itself.
 */
export const payloadTemplateSchema = z.string().max(10_000).default('');
