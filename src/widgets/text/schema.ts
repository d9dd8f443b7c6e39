import { z } from 'zod';
import { t } from '@/i18n/i18n';
import {
  filterTopicSchema,
  qosSchema,
  staleAfterSchema,
  valuePathSchema,
} from '../kit/shared-schema';

/**
 * How the payload is shown. `auto`: numbers formatted, anything else as text; `number`:
 * a number or the invalid state; `raw`: the payload exactly as sent, over several lines.
 */
export const textModes = ['auto', 'number', 'raw'] as const;

/** A Text / value widget's config; defaults live here only. */
export const textSchema = z.object({
  label: z
    .string()
    .max(200)
    .default(() => t('widgets:text.defaults.label')),
  /** Topic or filter to show. */
  topic: filterTopicSchema.default(''),
  qos: qosSchema.default(0),
  /** JSON path of the value (`temp`, `a.b[0]`); empty = the whole payload. */
  valuePath: valuePathSchema,
  mode: z.enum(textModes).default('auto'),
  /** Text before the value, e.g. "approx." */
  prefix: z.string().max(100).default(''),
  /** Text after the value and its unit. */
  suffix: z.string().max(100).default(''),
  /** Shown smaller beside the value, e.g. °C. */
  unit: z.string().max(20).default(''),
  /** Fixed decimals for numbers, or null to show them as sent (up to 3). */
  decimals: z.number().int().min(0).max(6).nullable().default(null),
  /** `{value}` / `{value|1}` template for the value itself (see format-template.ts); empty = the value. */
  format: z.string().max(500).default(''),
  align: z.enum(['left', 'center', 'right']).default('center'),
  staleAfter: staleAfterSchema,
});

export type TextConfig = z.infer<typeof textSchema>;

/** Longest text shown in `auto`/`number` mode before it is cut (a 1 MB payload stays usable). */
export const TEXT_MAX_CHARS = 2000;
/** Longest payload shown in `raw` mode. */
export const RAW_MAX_CHARS = 64_000;
