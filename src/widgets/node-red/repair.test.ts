import { describe, expect, it } from 'vitest';
import { say } from '@/i18n/message';
import { chartSchema } from '../chart/schema';
import { gaugeSchema } from '../gauge/schema';
import { repairConfig } from './repair';

describe('repairing a converted config', () => {
  it('swaps a range the wrong way round, widens an empty one, drops limits outside it', () => {
    const chart = repairConfig(chartSchema, { yMin: 9, yMax: 1 });
    expect(chart.config).toMatchObject({ yMin: 1, yMax: 9 });
    expect(chart.repairs.map(say)).toEqual(['yMin and yMax were the wrong way round: swapped.']);

    const gauge = repairConfig(gaugeSchema, { min: 5, max: 5, seg1: 7, seg2: 2 });
    expect(gaugeSchema.parse(gauge.config)).toMatchObject({ min: 5, max: 6, seg1: null });
    expect(gauge.repairs.map(say)).toEqual([
      'max was not above the lower end: now 6.',
      'seg1 (7) is not valid in Tafel: set to the default.',
      'seg2 (2) is not valid in Tafel: set to the default.',
    ]);
  });

  it('cuts over-long text and keeps a valid config as it is', () => {
    const long = repairConfig(gaugeSchema, { title: 'x'.repeat(300) });
    expect((long.config as { title: string }).title).toHaveLength(200);
    expect(repairConfig(gaugeSchema, { title: 'ok' })).toEqual({
      config: { title: 'ok' },
      repairs: [],
    });
  });
});
