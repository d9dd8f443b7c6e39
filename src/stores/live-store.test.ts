import { describe, expect, it } from 'vitest';
import type { LiveEntry } from '@/mqtt/ingest';
import { decodePayload } from '@/mqtt/payload';
import { liveStoreSink, type LiveState } from './live-store';

const entry = (n: number): LiveEntry => ({
  topic: `t/${n}`,
  payload: decodePayload(new TextEncoder().encode(String(n))),
  receivedAt: 1_000 + n,
  retained: false,
});

/** A store whose every setState "renders" for `msPerChange` per changed key on a fake clock. */
function slowStore(msPerChange: { value: number }) {
  let clock = 0;
  let state: LiveState = { entries: {} };
  const writes: string[][] = [];
  return {
    now: () => clock,
    get entries() {
      return state.entries;
    },
    writes,
    setState(update: (s: LiveState) => LiveState) {
      const before = state.entries;
      state = update(state);
      const changed = Object.keys(state.entries).filter((k) => state.entries[k] !== before[k]);
      writes.push(changed);
      clock += changed.length * msPerChange.value;
    },
  };
}

const batch = (from: number, to: number) =>
  new Map(Array.from({ length: to - from }, (_, i) => [`t/${from + i}`, entry(from + i)]));

describe('liveStoreSink', () => {
  it('writes a batch of a few values at once, in one setState', () => {
    const store = slowStore({ value: 5 });
    const queued: Array<() => void> = [];
    const sink = liveStoreSink(store, { now: store.now, later: (r) => queued.push(r) });
    sink.write(batch(0, 3), []);
    expect(store.writes).toEqual([['t/0', 't/1', 't/2']]);
    expect(queued).toHaveLength(0);
  });

  it('splits a batch React cannot render within a task, oldest first, newest entry per key', async () => {
    const cost = { value: 1 }; // 1 ms per change: 12 per task, but at least 16
    const store = slowStore(cost);
    const queued: Array<() => void> = [];
    const sink = liveStoreSink(store, { now: store.now, later: (r) => queued.push(r) });

    sink.write(batch(0, 100), []);
    expect(store.writes).toHaveLength(1);
    expect(store.writes[0]!.length).toBeLessThan(100);
    expect(store.writes[0]![0]).toBe('t/0');
    await Promise.resolve(); // the cost is measured after the render's microtask
    expect(queued).toHaveLength(1);

    // Meanwhile: a newer value for a key still waiting, and one that went away.
    const newer = entry(999);
    sink.write(new Map([['t/99', newer]]), ['t/98']);
    expect(store.writes).toHaveLength(1); // waits for its turn, joins the rest

    while (queued.length > 0) {
      queued.shift()!();
      await Promise.resolve();
    }
    expect(store.writes.length).toBeGreaterThan(2);
    for (const w of store.writes.slice(1)) expect(w.length).toBeLessThanOrEqual(16);
    expect(store.entries['t/99']).toBe(newer);
    expect(store.entries['t/98']).toBeUndefined();
    expect(Object.keys(store.entries)).toHaveLength(99);
  });

  it('takes the whole batch at once where rendering is fast (measured)', async () => {
    const cost = { value: 0.01 };
    const store = slowStore(cost);
    const queued: Array<() => void> = [];
    const sink = liveStoreSink(store, { now: store.now, later: (r) => queued.push(r) });
    // The first writes learn how fast this "machine" renders.
    for (let i = 0; i < 10; i++) {
      sink.write(batch(0, 20), []);
      await Promise.resolve();
      while (queued.length > 0) {
        queued.shift()!();
        await Promise.resolve();
      }
    }
    store.writes.length = 0;
    sink.write(batch(0, 300), []);
    expect(store.writes).toHaveLength(1);
    expect(store.writes[0]).toHaveLength(300);
    expect(queued).toHaveLength(0);
  });
});
