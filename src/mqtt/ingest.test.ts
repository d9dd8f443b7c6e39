import { describe, expect, it } from 'vitest';
import { createIngest, type LiveEntry, type LiveSink } from './ingest';

const bytes = (s: string) => new TextEncoder().encode(s);

/** An ingest whose frames, clock and timers the test runs by hand, writing into a plain map. */
function setup(options: { historySize?: number; maxTopics?: number } = {}) {
  const entries = new Map<string, LiveEntry>();
  let writes = 0;
  const sink: LiveSink = {
    write(changes, forgotten) {
      writes++;
      for (const k of forgotten) entries.delete(k);
      for (const [k, e] of changes) entries.set(k, e);
    },
  };
  const frames: Array<() => void> = [];
  const timers: Array<{ run: () => void; at: number }> = [];
  let now = 1000;
  const ingest = createIngest({
    sink,
    now: () => now,
    schedule: (f) => frames.push(f),
    setTimer: (run, ms) => {
      const t = { run, at: now + ms };
      timers.push(t);
      return t;
    },
    clearTimer: (h) => timers.splice(timers.indexOf(h as (typeof timers)[number]), 1),
    forgetAfterMs: 30_000,
    ...options,
  });
  return {
    ingest,
    entries,
    frames,
    get writes() {
      return writes;
    },
    runFrame: () => frames.splice(0).forEach((f) => f()),
    /** Move the clock on, running the timers that fall due. */
    advance(ms: number) {
      now += ms;
      for (const t of timers.filter((x) => x.at <= now)) {
        timers.splice(timers.indexOf(t), 1);
        t.run();
      }
    },
    send: (topic: string, payload: string, retained = false) =>
      ingest.handle(topic, bytes(payload), retained),
  };
}

describe('ingest', () => {
  it('turns many messages into one sink write per frame, last value winning', () => {
    const t = setup();
    for (let i = 0; i < 5000; i++) t.send(`room/${i % 10}`, String(i));
    expect(t.writes).toBe(0);
    expect(t.frames).toHaveLength(1); // one frame requested, not one per message
    t.runFrame();
    expect(t.writes).toBe(1);
    expect(t.entries.size).toBe(10);
    expect(t.entries.get('room/3')?.payload.json).toBe(4993);
    expect(t.entries.get('room/9')?.payload.json).toBe(4999);
  });

  it('writes only the keys that changed, with the retained flag and receive time', () => {
    const t = setup();
    t.send('a', '1');
    t.send('b', '1');
    t.runFrame();
    const b = t.entries.get('b');
    t.send('a', '2', true);
    t.runFrame();
    expect(t.entries.get('b')).toBe(b);
    expect(t.entries.get('a')).toMatchObject({ topic: 'a', retained: true, receivedAt: 1000 });
  });

  it('does nothing on a frame without messages', () => {
    const t = setup();
    t.ingest.flush();
    expect(t.writes).toBe(0);
  });

  it('also files each message under the subscribed wildcard filters it matches', () => {
    const t = setup();
    t.ingest.setFilters(['house/+/temp', 'exact/topic', 'house/#']);
    t.send('house/kitchen/temp', '20');
    t.send('house/hall/temp', '18');
    t.runFrame();
    expect(t.entries.get('house/+/temp')).toMatchObject({ topic: 'house/hall/temp' });
    expect(t.entries.get('house/#')?.payload.json).toBe(18);
    expect(t.entries.get('house/kitchen/temp')?.payload.json).toBe(20);
  });
});

describe('history', () => {
  it('is kept only for topics a history filter covers, bounded, oldest dropped first', () => {
    const t = setup({ historySize: 3 });
    t.ingest.keepHistory('x/+');
    for (let i = 1; i <= 5; i++) t.send('x/1', String(i));
    t.send('y', '1');
    expect(t.ingest.history('x/1').map((e) => e.payload.json)).toEqual([3, 4, 5]);
    expect(t.ingest.history('y')).toEqual([]);
    expect(t.ingest.history('nothing')).toEqual([]);
  });

  it('keeps only a size note of huge payloads, while the sink gets the whole payload', () => {
    const t = setup();
    t.ingest.keepHistory('big');
    t.ingest.handle('big', new Uint8Array(100_000).fill(65), false);
    t.runFrame();
    expect(t.ingest.history('big')[0]?.payload).toMatchObject({ text: null, size: 100_000 });
    expect(t.entries.get('big')?.payload.text).toHaveLength(100_000);
  });

  it('stops when the last history filter is released', () => {
    const t = setup();
    const a = t.ingest.keepHistory('x');
    const b = t.ingest.keepHistory('x');
    t.send('x', '1');
    a();
    t.send('x', '2');
    expect(t.ingest.history('x')).toHaveLength(2);
    b();
    expect(t.ingest.history('x')).toEqual([]);
  });
});

describe('taps', () => {
  it('replay what is kept, oldest first, then hear every message in order', () => {
    const t = setup();
    t.ingest.keepHistory('s/#');
    t.send('s/a', '1');
    t.send('s/b', '2');
    t.send('s/a', '3');
    const heard: string[] = [];
    const untap = t.ingest.tap('s/+', (e) => heard.push(`${e.topic}=${e.payload.text}`));
    expect(heard).toEqual(['s/a=1', 's/a=3', 's/b=2']);
    // A flood within one frame: every message, not one per frame.
    for (let i = 4; i < 104; i++) t.send(i % 2 ? 's/a' : 's/b', String(i));
    t.send('other', 'x');
    expect(heard).toHaveLength(103);
    expect(heard.at(-1)).toBe('s/a=103');
    untap();
    t.send('s/a', 'after');
    expect(heard).toHaveLength(103);
  });

  it('on an exact topic hear only that topic', () => {
    const t = setup();
    const heard: unknown[] = [];
    t.ingest.tap('a/b', (e) => heard.push(e.payload.json));
    t.send('a/b', '1');
    t.send('a/c', '2');
    t.send('a/b', '3');
    expect(heard).toEqual([1, 3]);
  });
});

describe('forgetting', () => {
  it('drops a topic no subscription covers any more, after the grace time', () => {
    const t = setup();
    t.ingest.setFilters(['#', 'keep/me']);
    t.send('keep/me', '1');
    t.send('passing/by', '2');
    t.runFrame();
    expect([...t.entries.keys()].sort()).toEqual(['#', 'keep/me', 'passing/by']);

    t.ingest.setFilters(['keep/me']); // the topic suggestions' # was released
    t.runFrame();
    expect(t.entries.has('#')).toBe(false); // the filter's own key goes at once
    expect(t.entries.has('passing/by')).toBe(true); // late messages may still be on their way
    t.advance(29_000);
    t.runFrame();
    expect(t.entries.has('passing/by')).toBe(true);
    t.advance(1000);
    t.runFrame();
    expect([...t.entries.keys()]).toEqual(['keep/me']);
    expect(t.ingest.stats.topics).toBe(1);
  });

  it('holds at most maxTopics, pushing out the least recently heard first', () => {
    const t = setup({ maxTopics: 100 });
    t.ingest.setFilters(['#', 'widget/topic']);
    t.send('widget/topic', 'mine'); // the oldest, but a subscription names it exactly
    for (let i = 0; i < 150; i++) t.send(`flood/${i}`, String(i));
    t.runFrame();
    expect(t.ingest.stats.topics).toBeLessThanOrEqual(100);
    expect(t.entries.get('widget/topic')?.payload.text).toBe('mine');
    expect(t.entries.has('flood/149')).toBe(true);
    expect(t.entries.has('flood/0')).toBe(false);
  });
});
