import { z } from 'zod';
import {
  colorSchema,
  filterTopicSchema,
  qosSchema,
  valuePathSchema,
  staleAfterSchema,
} from '../shared-schema';

export const gaugeSchema = z
  .object({
    title: z.string().max(200).default('Gauge'),
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
  .refine((c) => c.max > c.min, { message: 'Max must be greater than min', path: ['max'] })
  .refine((c) => c.seg1 === null || (c.seg1 > c.min && c.seg1 < c.max), {
    message: 'Sector limit 1 must lie between min and max',
    path: ['seg1'],
  })
  .refine((c) => c.seg2 === null || (c.seg2 > (c.seg1 ?? c.min) && c.seg2 < c.max), {
    message: 'Sector limit 2 must lie above limit 1 and below max',
    path: ['seg2'],
  });

export type GaugeConfig = z.infer<typeof gaugeSchema>;

/** Sector upper limits: the configured ones, else equal thirds. */
export function gaugeSectors(c: GaugeConfig): [number, number, number] {
  const third = (c.max - c.min) / 3;
  return [c.seg1 ?? c.min + third, c.seg2 ?? c.min + 2 * third, c.max];
}
