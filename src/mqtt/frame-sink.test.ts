import { describe, expect, it, vi } from 'vitest';
import { frameSink } from './frame-sink';
import type { LiveEntry, LiveSink } from './ingest';
import { decodePayload } from './payload';

const entry = (topic: string, n: number): LiveEntry => ({
  topic,
  payload: decodePayload(new TextEncoder().encode(String(n))),
  receivedAt: n,
  retained: false,
});

function recording() {
  const writes: Array<{ changes: Array<[string, number]>; forgotten: readonly string[] }> = [];
  const sink: LiveSink = {
    write(changes, forgotten) {
      writes.push({ changes: [...changes].map(([k, e]) => [k, e.receivedAt]), forgotten });
    },
  };
  return { sink, writes };
}

describe('frameSink', () => {
  it('writes a batch that finds the frame free at once', () => {
    const { sink, writes } = recording();
    const paced = frameSink(sink, { onFrame: () => {} });
    paced.write(new Map([['a', entry('a', 1)]]), []);
    expect(writes).toEqual([{ changes: [['a', 1]], forgotten: [] }]);
  });

  it('merges the batches of one frame into one write in the next, newest per key', () => {
    const { sink, writes } = recording();
    const frames: Array<() => void> = [];
    const paced = frameSink(sink, { onFrame: (run) => frames.push(run) });
    paced.write(new Map([['a', entry('a', 1)]]), []);
    paced.write(
      new Map([
        ['a', entry('a', 2)],
        ['b', entry('b', 2)],
      ]),
      [],
    );
    paced.write(new Map([['a', entry('a', 3)]]), ['b']);
    paced.write(new Map([['c', entry('c', 4)]]), []);
    expect(writes).toHaveLength(1);

    frames.shift()!();
    expect(writes).toHaveLength(2);
    expect(writes[1]).toEqual({
      changes: [
        ['a', 3],
        ['c', 4],
      ],
      forgotten: ['b'],
    });

    // The frame after it, with nothing new: nothing written; the next batch goes at once.
    frames.shift()!();
    expect(writes).toHaveLength(2);
    paced.write(new Map([['a', entry('a', 5)]]), []);
    expect(writes).toHaveLength(3);
  });

  it('does not hold values for good where no frame comes (a hidden page)', () => {
    vi.useFakeTimers();
    try {
      const { sink, writes } = recording();
      const paced = frameSink(sink, { onFrame: () => {}, backstopMs: 250 });
      paced.write(new Map([['a', entry('a', 1)]]), []);
      paced.write(new Map([['a', entry('a', 2)]]), []);
      expect(writes).toHaveLength(1);
      vi.advanceTimersByTime(250);
      expect(writes.at(-1)).toEqual({ changes: [['a', 2]], forgotten: [] });
    } finally {
      vi.useRealTimers();
    }
  });
});
