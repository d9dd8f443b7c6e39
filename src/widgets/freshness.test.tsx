import { describe, expect, it } from 'vitest';
import { freshness, OFFLINE_STALE_MS } from './freshness';

const T = Date.UTC(2026, 11, 1, 7, 22, 0);
const live = { receivedAt: T, retained: false };

describe('freshness', () => {
  it('is fresh within its stale time, and says when the value came', () => {
    const f = freshness(live, 60, null, T + 30_000);
    expect(f.staleFrom).toBeNull();
    expect(f.text).toMatch(/^Last update .*, 30 sec\. ago$/);
  });

  it('without a clock that ticks, says when the value came and no age (a frozen "now")', () => {
    const f = freshness(live, null, null, T, false);
    expect(f.text).toMatch(/^Last update \d\d:\d\d:\d\d( [AP]M)?$/);
  });

  it('with "stale after", is stale from the moment that time ran out — not later, not earlier', () => {
    expect(freshness(live, 60, null, T + 90_000).staleFrom).toBe(T + 60_000);
  });

  it('without the broker, is stale from when the broker went, not from the last message', () => {
    const gone = T + 10 * 60_000;
    const f = freshness(live, null, gone, gone + OFFLINE_STALE_MS + 1000);
    expect(f.staleFrom).toBe(gone);
  });

  it('with both, is stale from whichever came first (never a time in the future)', () => {
    const gone = T + 5000;
    const now = gone + OFFLINE_STALE_MS + 1000;
    const f = freshness(live, 3600, gone, now);
    expect(f.staleFrom).toBe(gone);
    expect(f.staleFrom!).toBeLessThanOrEqual(now);
  });

  it('says a retained value was retained, not that it is "just now"', () => {
    const f = freshness({ receivedAt: T, retained: true }, null, null, T + 500);
    expect(f.text).toMatch(
      /^Retained value, received .* \(the broker does not say how old it is\)$/,
    );
    expect(f.text).not.toMatch(/just now/);
  });
});
