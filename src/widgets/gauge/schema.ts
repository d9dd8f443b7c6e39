import { z } from 'zod';
import { key, t } from '@/i18n/i18n';
import {
  colorSchema,
  filterTopicSchema,
  qosSchema,
  valuePathSchema,
  staleAfterSchema,
} from '../kit/shared-schema';

/** How the gauge draws its value; `arc` is Node-RED's default gauge (the tutorial's). */
export const gaugeVariants = ['arc', 'donut', 'compass', 'level'] as const;
export type GaugeVariant = (typeof gaugeVariants)[number];

export const gaugeSchema = z
  .object({
    title: z
      .string()
      .max(200)
      .default(() => t('widgets:gauge.defaults.title')),
    /**
     * arc: a half dial with a needle and coloured sectors; donut: a ring filled to the value;
     * compass: 0–360° with a needle (min, max and sectors ignored, values wrap modulo 360);
     * level: a vertical tank.
     */
    variant: z.enum(gaugeVariants).default('arc'),
    /** Topic or filter to show. */
    topic: filterTopicSchema.default(''),
    qos: qosSchema.default(0),
    /** JSON path of the number (`temp`, `a.b[0]`); empty = the payload is the number. */
    valuePath: valuePathSchema,
    min: z.number().finite().default(0),
    max: z.number().finite().default(100),
    unit: z.string().max(20).default(''),
    /** Fixed decimals, or null to show the value as sent (up to 3). */
    decimals: z.number().int().min(0).max(6).nullable().default(null),
    /** Low, middle and high sector colours (Node-RED's order). */
    colors: z
      .tuple([colorSchema, colorSchema, colorSchema])
      .default(['#00b500', '#e6e600', '#ca3838']),
    /** Upper limit of the first and second sector, like Node-RED's seg1/seg2; null = thirds. */
    seg1: z.number().finite().nullable().default(null),
    seg2: z.number().finite().nullable().default(null),
    staleAfter: staleAfterSchema,
  })
  .refine((c) => c.max > c.min, {
    message: key('widgets:gauge.errors.range'),
    path: ['max'],
  })
  .refine((c) => c.seg1 === null || (c.seg1 > c.min && c.seg1 < c.max), {
    message: key('widgets:gauge.errors.seg1'),
    path: ['seg1'],
  })
  .refine((c) => c.seg2 === null || (c.seg2 > (c.seg1 ?? c.min) && c.seg2 < c.max), {
    message: key('widgets:gauge.errors.seg2'),
    path: ['seg2'],
  });

export type GaugeConfig = z.infer<typeof gaugeSchema>;

/** A compass always spans a full turn, whatever min and max say. */
export const COMPASS_RANGE = { min: 0, max: 360 } as const;

/** The range the gauge shows: the configured one, or 0–360 for a compass. */
export function gaugeRange(c: GaugeConfig): { min: number; max: number } {
  return c.variant === 'compass' ? COMPASS_RANGE : { min: c.min, max: c.max };
}

/** A bearing in [0, 360): 370 → 10, −90 → 270 (and never −0). */
export function wrapDegrees(v: number): number {
  const w = ((v % 360) + 360) % 360;
  return w === 0 ? 0 : w;
}

const CARDINALS = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'] as const;

/** The nearest of the eight compass points for a bearing in degrees. */
export function cardinal(degrees: number): string {
  return t(`widgets:gauge.cardinal.${CARDINALS[Math.round(wrapDegrees(degrees) / 45) % 8]!}`);
}

/** The sector colour for `v`: low up to limit 1, middle up to limit 2, high above. */
export function sectorColor(c: GaugeConfig, v: number): string {
  const [s1, s2] = gaugeSectors(c);
  return v <= s1 ? c.colors[0] : v <= s2 ? c.colors[1] : c.colors[2];
}

/** Sector upper limits: the configured ones, else equal thirds. */
export function gaugeSectors(c: GaugeConfig): [number, number, number] {
  const third = (c.max - c.min) / 3;
  return [c.seg1 ?? c.min + third, c.seg2 ?? c.min + 2 * third, c.max];
}
