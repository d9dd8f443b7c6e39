import { describe, expect, it } from 'vitest';
import { emptyHistory, HISTORY_LIMIT, record, redo, undo, type History } from './history';

/** Make edits 1..n starting from state 0, as the store does: record the present, then replace it. */
function edits(n: number, limit?: number): { history: History<number>; present: number } {
  let history: History<number> = emptyHistory;
  let present = 0;
  for (let i = 1; i <= n; i++) {
    history = record(history, present, limit);
    present = i;
  }
  return { history, present };
}

describe('undo history', () => {
  it('has nothing to undo or redo at first', () => {
    expect(undo(emptyHistory, 1)).toBeNull();
    expect(redo(emptyHistory, 1)).toBeNull();
  });

  it('undoes back to the first state, then redoes forward to the last', () => {
    let { history, present } = edits(3);
    const seen: number[] = [];
    for (let step = undo(history, present); step; step = undo(history, present)) {
      ({ history, state: present } = step);
      seen.push(present);
    }
    expect(seen).toEqual([2, 1, 0]);
    expect(history.past).toEqual([]);

    seen.length = 0;
    for (let step = redo(history, present); step; step = redo(history, present)) {
      ({ history, state: present } = step);
      seen.push(present);
    }
    expect(seen).toEqual([1, 2, 3]);
    expect(history.future).toEqual([]);
    expect(history.past).toEqual([0, 1, 2]);
  });

  it('returns the snapshot object itself (snapshots are shared, not copied)', () => {
    const a = { v: 1 };
    const b = { v: 2 };
    const step = undo(record(emptyHistory as History<object>, a), b);
    expect(step?.state).toBe(a);
    expect(redo(step!.history, a)?.state).toBe(b);
  });

  it('forgets what could be redone when a new edit is recorded', () => {
    const { history, present } = edits(3);
    const step = undo(history, present)!; // back to 2; 3 can be redone
    expect(step.history.future).toEqual([3]);
    const after = record(step.history, step.state); // a new edit from 2
    expect(after.future).toEqual([]);
    expect(redo(after, 99)).toBeNull();
    expect(after.past).toEqual([0, 1, 2]);
  });

  it('does not change the history it is given', () => {
    const { history, present } = edits(2);
    const past = [...history.past];
    undo(history, present);
    record(history, present);
    expect(history.past).toEqual(past);
    expect(history.future).toEqual([]);
  });

  it('keeps at least 50 steps, and at most HISTORY_LIMIT, dropping the oldest', () => {
    expect(HISTORY_LIMIT).toBeGreaterThanOrEqual(50);
    let { history, present } = edits(HISTORY_LIMIT + 25);
    expect(history.past).toHaveLength(HISTORY_LIMIT);
    expect(history.past[0]).toBe(25);
    let undone = 0;
    for (let step = undo(history, present); step; step = undo(history, present)) {
      ({ history, state: present } = step);
      undone++;
    }
    expect(undone).toBe(HISTORY_LIMIT);
    expect(present).toBe(25);
  });

  it('keeps every step of 50 edits', () => {
    let { history, present } = edits(50);
    for (let i = 0; i < 50; i++) ({ history, state: present } = undo(history, present)!);
    expect(present).toBe(0);
  });

  it('takes a smaller limit', () => {
    expect(edits(10, 3).history.past).toEqual([7, 8, 9]);
  });
});
