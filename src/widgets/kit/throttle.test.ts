import { describe, expect, it } from 'vitest';
import { createThrottle, type Clock } from './throttle';

function fakeClock() {
  let now = 0;
  let timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let nextId = 1;
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((t) => t !== due);
      now = due.at;
      due.fn();
    }
    now = until;
  };
  return { clock, advance };
}

describe('slider throttle', () => {
  it('sends the first move at once, then at most one message per 100 ms with the newest value', () => {
    const { clock, advance } = fakeClock();
    const sent: Array<[number, number]> = [];
    const t = createThrottle<number>((v) => sent.push([clock.now(), v]), 100, clock);
    t.push(1);
    for (let v = 2; v <= 30; v++) {
      advance(10);
      t.push(v); // a drag: a move every 10 ms for 290 ms
    }
    advance(200);
    expect(sent[0]).toEqual([0, 1]);
    for (let i = 1; i < sent.length; i++) {
      expect(sent[i]![0] - sent[i - 1]![0]).toBeGreaterThanOrEqual(100);
    }
    expect(sent.length).toBeLessThanOrEqual(4);
    expect(sent.at(-1)![1]).toBe(30); // the trailing send carries the newest value
  });

  it('always sends the final value on release, immediately', () => {
    const { clock, advance } = fakeClock();
    const sent: number[] = [];
    const t = createThrottle<number>((v) => sent.push(v), 100, clock);
    t.push(10);
    advance(20);
    t.push(11);
    advance(20);
    t.push(12);
    t.flush(12);
    expect(sent).toEqual([10, 12]);
    advance(500);
    expect(sent).toEqual([10, 12]); // the pending trailing send was cancelled, not repeated
  });

  it('does not repeat the final value when it was already the last one sent', () => {
    const { clock } = fakeClock();
    const sent: number[] = [];
    const t = createThrottle<number>((v) => sent.push(v), 100, clock);
    t.push(5); // keyboard step: input then change in the same moment
    t.flush(5);
    expect(sent).toEqual([5]);
  });

  it('sends on release even without a move before (on-release mode)', () => {
    const { clock } = fakeClock();
    const sent: number[] = [];
    const t = createThrottle<number>((v) => sent.push(v), 100, clock);
    t.flush(42);
    t.flush(43);
    expect(sent).toEqual([42, 43]);
  });
});
