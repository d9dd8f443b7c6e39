import { z } from 'zod';
import { key, t } from '@/i18n/i18n';
import {
  colorSchema,
  filterTopicSchema,
  qosSchema,
  staleAfterSchema,
  valuePathSchema,
} from '../kit/shared-schema';

/** Colours for lines that have no colour of their own (a wildcard's second, third … topic). */
export const CHART_PALETTE = [
  '#1f6feb',
  '#e8590c',
  '#2f9e44',
  '#ae3ec9',
  '#d6336c',
  '#0c8599',
  '#f59f00',
  '#5c7cfa',
] as const;

/** The time windows a chart can show, in seconds (10 min, 1 h, 6 h, 24 h). */
export const CHART_WINDOWS = [600, 3600, 21_600, 86_400] as const;

/** The largest window: points older than this are dropped from memory and from storage. */
export const MAX_WINDOW_MS = 86_400_000;

/** Points kept per line by default, and the most a user may ask for. */
export const DEFAULT_MAX_POINTS = 10_000;
export const MAX_POINTS_LIMIT = 200_000;

/** Lines one wildcard series may split into; further matching topics are counted, not drawn. */
export const MAX_LINES_PER_SERIES = 12;

const windowSchema = z.union(
  CHART_WINDOWS.map((w) => z.literal(w)) as [
    z.ZodLiteral<600>,
    z.ZodLiteral<3600>,
    z.ZodLiteral<21_600>,
    z.ZodLiteral<86_400>,
  ],
);

/** One configured series: a topic, or a wildcard filter that becomes one line per topic. */
export const chartSeriesSchema = z.object({
  /** Topic or filter (`house/+/temp`: one line per matching topic seen). */
  topic: filterTopicSchema.default(''),
  /** JSON path of the number; empty = the payload is the number. */
  valuePath: valuePathSchema,
  /** Legend name; empty = the topic (or, for a filter, the levels that differ). */
  label: z.string().trim().max(100).default(''),
  color: colorSchema.default(CHART_PALETTE[0]),
});

export const chartSchema = z
  .object({
    title: z
      .string()
      .max(200)
      .default(() => t('widgets:chart.defaults.title')),
    series: z
      .array(chartSeriesSchema)
      .max(8)
      .default(() => [chartSeriesSchema.parse({})]),
    /** "line" joins points straight; "step" holds a value until the next; "area" fills below. */
    kind: z.enum(['line', 'step', 'area']).default('line'),
    /** How much time the x axis shows, in seconds. */
    windowSeconds: windowSchema.default(3600),
    /** Hard cap of points kept per line (memory and storage); older points go first. */
    maxPoints: z.number().int().min(10).max(MAX_POINTS_LIMIT).default(DEFAULT_MAX_POINTS),
    /** Fixed y range ends; null = follow the data. */
    yMin: z.number().finite().nullable().default(null),
    yMax: z.number().finite().nullable().default(null),
    unit: z.string().max(20).default(''),
    showLegend: z.boolean().default(true),
    qos: qosSchema.default(0),
    staleAfter: staleAfterSchema,
  })
  .refine((c) => c.yMin === null || c.yMax === null || c.yMax > c.yMin, {
    message: key('widgets:chart.errors.yRange'),
    path: ['yMax'],
  });

export type ChartConfig = z.infer<typeof chartSchema>;
export type ChartSeriesConfig = z.infer<typeof chartSeriesSchema>;
export type ChartKind = ChartConfig['kind'];
