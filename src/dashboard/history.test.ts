import { describe, expect, it } from 'vitest';
import { emptyHistory, HISTORY_LIMIT, record, redo, undo, type History } from './history';

function steps(n: number, limit?: number): History<number> {
  let h: History<number> = emptyHistory;
  for (let i = 1; i <= n; i++) h = record(h, i, limit);
  return h;
}

describe('undo history', () => {
  it('has nothing to undo or redo at first', () => {
    expect(undo(emptyHistory)).toBeNull();
    expect(redo(emptyHistory)).toBeNull();
  });

  it('undoes the newest step first, and redoes in the order they were done', () => {
    let h = steps(3);
    const undone: number[] = [];
    for (let u = undo(h); u; u = undo(h)) {
      h = u.history;
      undone.push(u.step);
    }
    expect(undone).toEqual([3, 2, 1]);
    expect(h).toEqual({ past: [], future: [1, 2, 3] });
    const redone: number[] = [];
    for (let r = redo(h); r; r = redo(h)) {
      h = r.history;
      redone.push(r.step);
    }
    expect(redone).toEqual([1, 2, 3]);
    expect(h).toEqual({ past: [1, 2, 3], future: [] });
  });

  it('forgets what could be redone when a new step is recorded', () => {
    const h = undo(undo(steps(3))!.history)!.history;
    expect(h.future).toEqual([2, 3]);
    expect(record(h, 9)).toEqual({ past: [1, 9], future: [] });
  });

  it('keeps the last 100 steps, as the README promises, and no more', () => {
    expect(HISTORY_LIMIT).toBe(100);
    const h = steps(HISTORY_LIMIT + 20);
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]).toBe(21);
    expect(steps(5, 2).past).toEqual([4, 5]);
  });

  it('does not change the history it was given', () => {
    const h = steps(2);
    const copy = structuredClone(h);
    undo(h);
    redo(undo(h)!.history);
    record(h, 7);
    expect(h).toEqual(copy);
  });
});
