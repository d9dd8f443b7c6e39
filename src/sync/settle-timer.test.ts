import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSettleTimer } from './settle-timer';

beforeEach(() => vi.useFakeTimers({ now: 0 }));
afterEach(() => vi.useRealTimers());

const timer = (onSettled = vi.fn()) =>
  createSettleTimer({ settleMs: 1000, quietMs: 300, maxMs: 10_000, now: Date.now, onSettled });

describe('settle timer', () => {
  it('settles a second after the grant when nothing retained arrives', () => {
    const done = vi.fn();
    const t = timer(done);
    t.start();
    vi.advanceTimersByTime(999);
    expect(t.settled).toBe(false);
    vi.advanceTimersByTime(1);
    expect(t.settled).toBe(true);
    expect(done).toHaveBeenCalledOnce();
  });

  it('waits while retained messages keep coming, but never past the maximum', () => {
    const t = timer();
    t.start();
    for (let i = 0; i < 50; i++) {
      vi.advanceTimersByTime(250);
      t.retained();
    }
    expect(t.settled).toBe(true); // 10 s after the grant, whatever still arrives
    const u = timer();
    u.start();
    vi.advanceTimersByTime(900);
    u.retained();
    vi.advanceTimersByTime(150);
    expect(u.settled).toBe(false);
    vi.advanceTimersByTime(150);
    expect(u.settled).toBe(true);
  });

  it('a cancel (the connection dropped) is not settled and fires nothing', () => {
    const done = vi.fn();
    const t = timer(done);
    t.start();
    t.cancel();
    vi.advanceTimersByTime(20_000);
    expect(t.settled).toBe(false);
    expect(done).not.toHaveBeenCalled();
  });
});
