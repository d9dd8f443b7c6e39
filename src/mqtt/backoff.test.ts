import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './backoff';

const at = (r: number) => ({ random: () => r });
const MIN = 60_000;

describe('reconnectDelay', () => {
  it('retries within seconds while the broker has been away for less than two minutes', () => {
    expect(reconnectDelay(1, 0, at(0))).toBe(500);
    expect(reconnectDelay(1, 0, at(1))).toBe(1000);
    expect(reconnectDelay(2, 1000, at(1))).toBe(2500);
    for (let attempt = 3; attempt < 40; attempt++) {
      const d = reconnectDelay(attempt, attempt * 3000, at(1));
      expect(d).toBeLessThanOrEqual(2500);
    }
    // So a broker back after any outage shorter than two minutes is found within 3 s.
    expect(reconnectDelay(40, 2 * MIN - 1, at(1))).toBe(2500);
  });

  it('asks less often only once the broker stays away for minutes', () => {
    expect(reconnectDelay(50, 2 * MIN, at(0))).toBe(5000);
    expect(reconnectDelay(50, 10 * MIN - 1, at(1))).toBe(10_000);
    expect(reconnectDelay(200, 10 * MIN, at(0))).toBe(24_000);
    expect(reconnectDelay(200, 60 * MIN, at(1))).toBe(36_000);
  });

  it('waits long while the page is hidden (showing it retries at once)', () => {
    expect(reconnectDelay(1, 0, { hidden: true, random: () => 0 })).toBe(24_000);
  });

  it('spreads tablets apart by its jitter', () => {
    const seen = new Set(Array.from({ length: 20 }, () => reconnectDelay(5, 10_000)));
    expect(seen.size).toBeGreaterThan(5);
  });
});
