import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEchoTracker } from './echo-tracker';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('echo tracker', () => {
  it('confirms a publish by the same payload on its topic, and only by that', () => {
    const silent = vi.fn();
    const t = createEchoTracker({ timeoutMs: 3000, onSilent: silent });
    expect(t.expect('a', 'p/a', 'v1')).toBe(true);
    expect(t.expect('a', 'p/a', 'v1')).toBe(false); // already on its way
    expect(t.heard('p/a', 'other')).toBeNull();
    expect(t.pendingIds()).toEqual(['a']);
    expect(t.heard('p/a', 'v1')).toBe('a');
    expect(t.pendingIds()).toEqual([]);
    vi.advanceTimersByTime(5000);
    expect(silent).not.toHaveBeenCalled();
  });

  it('reports a publish that never comes back, and only the newest one per topic', () => {
    const silent = vi.fn();
    const t = createEchoTracker({ timeoutMs: 3000, onSilent: silent });
    t.expect('a', 'p/a', 'v1');
    vi.advanceTimersByTime(1000);
    t.expect('a', 'p/a', 'v2'); // replaces v1: its timer starts again
    vi.advanceTimersByTime(2500);
    expect(silent).not.toHaveBeenCalled();
    vi.advanceTimersByTime(600);
    expect(silent).toHaveBeenCalledExactlyOnceWith('a', 'p/a');
  });

  it('forgets a failed publish, and everything when the connection drops', () => {
    const silent = vi.fn();
    const t = createEchoTracker({ timeoutMs: 3000, onSilent: silent });
    t.expect('a', 'p/a', 'v1');
    t.expect('b', 'p/b', 'v1');
    expect(t.failed('p/a', 'old')).toBe(false);
    expect(t.failed('p/a', 'v1')).toBe(true);
    expect(t.clear()).toEqual(['b']);
    vi.advanceTimersByTime(5000);
    expect(silent).not.toHaveBeenCalled();
  });
});
