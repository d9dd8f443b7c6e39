import { describe, expect, it } from 'vitest';
import type { LiveState } from '@/stores/live-store';
import { createIngest } from './ingest';

const bytes = (s: string) => new TextEncoder().encode(s);

function setup(historySize = 5) {
  let state: LiveState = { entries: {} };
  let updates = 0;
  const frames: Array<() => void> = [];
  const ingest = createIngest({
    historySize,
    now: () => 1000,
    schedule: (f) => frames.push(f),
    setEntries: (update) => {
      updates++;
      state = update(state);
    },
  });
  const runFrame = () => frames.splice(0).forEach((f) => f());
  return {
    ingest,
    runFrame,
    get state() {
      return state;
    },
    get updates() {
      return updates;
    },
    frames,
  };
}

describe('ingest', () => {
  it('turns many messages into one store update per frame, last value winning', () => {
    const t = setup(1000);
    for (let i = 0; i < 5000; i++) t.ingest.handle(`room/${i % 10}`, bytes(String(i)), false);
    expect(t.updates).toBe(0);
    expect(t.frames).toHaveLength(1); // one frame requested, not one per message
    t.runFrame();
    expect(t.updates).toBe(1);
    expect(Object.keys(t.state.entries)).toHaveLength(10);
    expect(t.state.entries['room/3']?.payload.json).toBe(4993);
    expect(t.state.entries['room/9']?.payload.json).toBe(4999);
  });

  it('leaves untouched topics with the same entry object, so their widgets do not re-render', () => {
    const t = setup();
    t.ingest.handle('a', bytes('1'), false);
    t.ingest.handle('b', bytes('1'), false);
    t.runFrame();
    const b = t.state.entries.b;
    t.ingest.handle('a', bytes('2'), true);
    t.runFrame();
    expect(t.state.entries.b).toBe(b);
    expect(t.state.entries.a).toMatchObject({ topic: 'a', retained: true, receivedAt: 1000 });
  });

  it('does nothing on a frame without messages', () => {
    const t = setup();
    t.ingest.flush();
    expect(t.updates).toBe(0);
  });

  it('keeps a bounded history per topic, oldest dropped first', () => {
    const t = setup(3);
    for (let i = 1; i <= 5; i++) t.ingest.handle('x', bytes(String(i)), false);
    expect(t.ingest.history('x').map((p) => p.payload.json)).toEqual([3, 4, 5]);
    expect(t.ingest.history('nothing')).toEqual([]);
  });

  it('keeps only a size note of huge payloads in history', () => {
    const t = setup();
    t.ingest.handle('big', new Uint8Array(100_000).fill(65), false);
    t.runFrame();
    expect(t.ingest.history('big')[0]?.payload).toMatchObject({ text: null, size: 100_000 });
    expect(t.state.entries.big?.payload.text).toHaveLength(100_000);
  });

  it('also files each message under the wildcard filters it matches', () => {
    const t = setup();
    t.ingest.setWildcardFilters(['house/+/temp', 'exact/topic', 'house/#']);
    t.ingest.handle('house/kitchen/temp', bytes('20'), false);
    t.ingest.handle('house/hall/temp', bytes('18'), false);
    t.runFrame();
    expect(t.state.entries['house/+/temp']).toMatchObject({ topic: 'house/hall/temp' });
    expect(t.state.entries['house/#']?.payload.json).toBe(18);
    expect(t.state.entries['house/kitchen/temp']?.payload.json).toBe(20);
  });
});
