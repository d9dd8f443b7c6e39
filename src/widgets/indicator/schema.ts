import { z } from 'zod';
import { t } from '@/i18n/i18n';
import { ruleSchema } from '@/widgets/kit/rules';
import {
  colorSchema,
  filterTopicSchema,
  qosSchema,
  staleAfterSchema,
  valuePathSchema,
} from '../kit/shared-schema';

/** The neutral colour: no rule matched, or nothing arrived yet. Readable on light and dark. */
export const NEUTRAL_COLOR = '#8a939e';

/** A rule (see rules.ts) with what the LED shows when it is the first to match. */
export const indicatorRuleSchema = ruleSchema.extend({
  color: colorSchema.default('#1a7f37'),
  /** Shown beside the LED; empty = the value itself. */
  text: z.string().max(100).default(''),
});

export type IndicatorRule = z.infer<typeof indicatorRuleSchema>;

/** An indicator's config; defaults live here only. */
export const indicatorSchema = z.object({
  label: z
    .string()
    .max(200)
    .default(() => t('widgets:indicator.defaults.label')),
  /** Topic or filter to show. */
  topic: filterTopicSchema.default(''),
  qos: qosSchema.default(0),
  /** JSON path of the value (`state`, `a.b[0]`); empty = the whole payload. */
  valuePath: valuePathSchema,
  /** Tried in order; the first match gives the colour and text. */
  rules: z
    .array(indicatorRuleSchema)
    .max(50)
    .default((): IndicatorRule[] => [
      { op: '=', value: 'on', color: '#1a7f37', text: t('widgets:indicator.defaults.on') },
      { op: '=', value: 'true', color: '#1a7f37', text: t('widgets:indicator.defaults.on') },
      { op: 'else', value: '', color: NEUTRAL_COLOR, text: t('widgets:indicator.defaults.off') },
    ]),
  staleAfter: staleAfterSchema,
});

export type IndicatorConfig = z.infer<typeof indicatorSchema>;
