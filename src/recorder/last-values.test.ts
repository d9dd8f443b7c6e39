import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveEntry } from '@/mqtt/ingest';
import { decodePayload } from '@/mqtt/payload';
import type { RecordedValue, RecorderClient } from './client';
import { createLastValues } from './last-values';

const bytes = (text: string) => new TextEncoder().encode(text);
const rec = (filter: string, topic: string, time: number, text: string): RecordedValue => ({
  filter,
  topic,
  time,
  retained: false,
  bytes: bytes(text),
});
const live = (topic: string, receivedAt: number, text: string): LiveEntry => ({
  topic,
  payload: decodePayload(bytes(text)),
  receivedAt,
  retained: false,
});

function setup(recorded: RecordedValue[], { manual = false } = {}) {
  const entries = new Map<string, LiveEntry>();
  const asked: string[][] = [];
  let answer: (values: RecordedValue[]) => void = () => {};
  const client = {
    last: vi.fn((filters: readonly string[]) => {
      asked.push([...filters]);
      return new Promise<RecordedValue[]>((resolve) => {
        answer = resolve;
        // Answers what was asked only (or when the test says so).
        if (!manual) {
          queueMicrotask(() => resolve(recorded.filter((r) => filters.includes(r.filter))));
        }
      });
    }),
  } as unknown as RecorderClient;
  const writes: Array<Map<string, LiveEntry>> = [];
  const values = createLastValues(client, {
    get: (key) => entries.get(key),
    write: (changes) => {
      writes.push(new Map(changes));
      for (const [k, e] of changes) entries.set(k, e);
    },
  });
  return { values, entries, asked, writes, answer: (v: RecordedValue[]) => answer(v) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('createLastValues', () => {
  it('fills in topics with no value yet, marked as recorded with their own time', async () => {
    const t = setup([rec('haus/temp', 'haus/temp', 1000, '21.5')]);
    t.values.setFilters(['haus/temp', 'haus/licht']);
    await vi.advanceTimersByTimeAsync(50);
    expect(t.asked).toEqual([['haus/temp', 'haus/licht']]);
    const entry = t.entries.get('haus/temp');
    expect(entry).toMatchObject({ topic: 'haus/temp', receivedAt: 1000, recorded: true });
    expect(entry?.payload.text).toBe('21.5');
    expect(t.entries.has('haus/licht')).toBe(false);
  });

  it('never replaces a message the page has, unless it is older than the recorded one', async () => {
    const t = setup([rec('a', 'a', 1000, 'recorded a'), rec('b', 'b', 3000, 'recorded b')]);
    t.entries.set('a', live('a', 2000, 'live a')); // newer than the recorder's
    t.entries.set('b', live('b', 2000, 'live b')); // missed messages while offline
    t.values.setFilters(['a', 'b']);
    await vi.advanceTimersByTimeAsync(50);
    expect(t.entries.get('a')?.payload.text).toBe('live a');
    expect(t.entries.get('a')?.recorded).toBeUndefined();
    expect(t.entries.get('b')?.payload.text).toBe('recorded b');
  });

  it('a wildcard shows the newest of its recorded topics', async () => {
    const t = setup([
      rec('haus/+/temp', 'haus/kueche/temp', 3000, '19'),
      rec('haus/+/temp', 'haus/bad/temp', 1000, '23'),
      rec('haus/+/temp', 'haus/flur/temp', 2000, '18'),
    ]);
    t.values.setFilters(['haus/+/temp']);
    await vi.advanceTimersByTimeAsync(50);
    expect(t.entries.get('haus/+/temp')).toMatchObject({
      topic: 'haus/kueche/temp',
      receivedAt: 3000,
    });
  });

  it('asks only for filters it has not asked before; a reconnect asks for all again', async () => {
    const t = setup([]);
    t.values.setFilters(['a']);
    t.values.setFilters(['a', 'b']); // within the debounce: one request
    await vi.advanceTimersByTimeAsync(50);
    t.values.setFilters(['a', 'b', 'c']);
    await vi.advanceTimersByTimeAsync(50);
    t.values.setFilters(['a', 'b', 'c']);
    await vi.advanceTimersByTimeAsync(50);
    expect(t.asked).toEqual([['a', 'b'], ['c']]);
    t.values.connected();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.asked.at(-1)).toEqual(['a', 'b', 'c']);
  });

  it('writes nothing after dispose, also for an answer on its way', async () => {
    const t = setup([], { manual: true });
    t.values.setFilters(['a']);
    await vi.advanceTimersByTimeAsync(50);
    expect(t.asked).toEqual([['a']]);
    t.values.dispose();
    t.answer([rec('a', 'a', 1000, '1')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.writes).toEqual([]);
    // A debounce under way is cancelled.
    const u = setup([rec('b', 'b', 1000, '1')]);
    u.values.setFilters(['b']);
    u.values.dispose();
    await vi.advanceTimersByTimeAsync(50);
    expect(u.asked).toEqual([]);
  });

  it('a live message that came while the request travelled wins, even with the server clock ahead', async () => {
    const t = setup([], { manual: true });
    t.values.setFilters(['haus/temp', 'haus/licht']);
    await vi.advanceTimersByTimeAsync(50);
    // The tablet's clock is 2 s behind the server's: its message looks older than the
    // recorder's copy of the very same message.
    t.entries.set('haus/temp', live('haus/temp', 8000, '22'));
    t.answer([
      rec('haus/temp', 'haus/temp', 9000, '22'),
      rec('haus/licht', 'haus/licht', 9000, 'on'),
    ]);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.entries.get('haus/temp')).toMatchObject({ receivedAt: 8000 });
    expect(t.entries.get('haus/temp')?.recorded).toBeUndefined();
    expect(t.entries.get('haus/licht')).toMatchObject({ recorded: true, receivedAt: 9000 });
  });

  it('an older recorded value never replaces a newer recorded one (two answers crossing)', async () => {
    const t = setup([], { manual: true });
    t.values.setFilters(['a']);
    await vi.advanceTimersByTimeAsync(50);
    const first = t.answer;
    t.values.connected(); // asks again before the first answer came
    t.answer([rec('a', 'a', 2000, 'newer')]);
    first([rec('a', 'a', 1000, 'older')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.entries.get('a')).toMatchObject({ receivedAt: 2000, recorded: true });
    expect(t.entries.get('a')?.payload.text).toBe('newer');
  });

  it('a reconnect while the debounce runs asks once, for everything', async () => {
    const t = setup([]);
    t.values.setFilters(['a', 'b', 'a']);
    t.values.connected();
    await vi.advanceTimersByTimeAsync(50);
    expect(t.asked).toEqual([['a', 'b']]);
  });

  it('asks nothing after dispose: not on a reconnect, not for new filters', async () => {
    const t = setup([rec('a', 'a', 1000, '1')]);
    t.values.dispose();
    t.values.connected();
    t.values.setFilters(['a']);
    await vi.advanceTimersByTimeAsync(50);
    expect(t.asked).toEqual([]);
    expect(t.writes).toEqual([]);
  });
});
