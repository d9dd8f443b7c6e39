import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from './database.ts';
import {
  MAX_LAST_BYTES,
  MAX_LINES,
  MAX_TEXT_BYTES,
  type Recorder,
  type RecorderOptions,
} from './recorder.ts';
import { dashboardMessage, widget } from './test-dashboards.ts';
import {
  T0,
  clock,
  count,
  makeRecorder,
  peek,
  tempDir,
  text,
  walCommits,
  type TestRecorder,
} from './test-support.ts';

const PREFIX = 'tafel/dashboards/';
const dirs: string[] = [];
const open: Recorder[] = [];

afterEach(() => {
  for (const r of open.splice(0)) r.close();
});
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function setup(options: Partial<RecorderOptions> = {}, start = T0): TestRecorder {
  const dir = tempDir();
  dirs.push(dir);
  const t = makeRecorder(dir, { extraTopics: ['home/temp'], ...options }, clock(start));
  open.push(t.recorder);
  const reopen = t.reopen;
  return {
    ...t,
    reopen: (extra) => {
      const r = reopen(extra);
      open.push(r);
      return r;
    },
  };
}

/** One line's points as [t, v] pairs. */
const points = (r: Recorder, topic: string, from: number, to: number, n = 1000, p = '') => {
  const [s] = r.history(topic, p, from, to, n);
  return s ? s.t.map((t, i) => [t, s.v[i]]) : [];
};

describe('batching', () => {
  it('writes nothing before flush, and every pending row in one transaction', () => {
    const { recorder, now, file } = setup({ extraTopics: ['home/temp', 'home/state'] });
    const before = walCommits(file);
    for (let i = 0; i < 500; i++) {
      recorder.take('home/temp', text(String(20 + i / 100)), false);
      recorder.take('home/state', text(i % 2 ? 'on' : 'off'), false);
      now.advance(10);
    }
    expect(count(file, 'num')).toBe(0);
    expect(count(file, 'txt')).toBe(0);
    expect(count(file, 'last')).toBe(0);
    expect(recorder.status().pending).toBe(1000);

    recorder.flush();
    expect(walCommits(file) - before).toBe(1);
    expect(count(file, 'num')).toBe(500);
    expect(count(file, 'txt')).toBe(500);
    expect(count(file, 'last')).toBe(2);
    expect(recorder.status()).toMatchObject({ pending: 0, written: 1000, received: 1000 });

    // Nothing pending: a flush writes nothing.
    recorder.flush();
    expect(walCommits(file) - before).toBe(1);
  });

  it('ignores topics nobody records', () => {
    const { recorder, file } = setup();
    recorder.take('other/topic', text('1'), false);
    recorder.take('home/temp/deeper', text('1'), false);
    recorder.flush();
    expect(count(file, 'num')).toBe(0);
    expect(recorder.last(['other/topic'])).toEqual([]);
    expect(recorder.status().received).toBe(0);
  });

  it('keeps two samples of one millisecond, in the order they came', () => {
    const { recorder } = setup();
    recorder.take('home/temp', text('1'), false);
    recorder.take('home/temp', text('2'), false);
    recorder.take('home/temp', text('3'), false);
    recorder.flush();
    expect(points(recorder, 'home/temp', T0 - HOUR, T0 + HOUR)).toEqual([
      [T0, 1],
      [T0 + 1, 2],
      [T0 + 2, 3],
    ]);
  });
});

describe('rollups', () => {
  it('keeps min, max, mean, count and last per minute and per hour, across flushes', () => {
    const { recorder, now, file } = setup();
    // Minute 0: 5, 1, 9 (two flushes); minute 1: 4, 6; hour 1: 100.
    const samples: Array<[number, number]> = [
      [T0 + 1_000, 5],
      [T0 + 20_000, 1],
      [T0 + 59_999, 9],
      [T0 + MINUTE + 5_000, 4],
      [T0 + MINUTE + 50_000, 6],
      [T0 + HOUR + 10, 100],
    ];
    for (const [i, [t, v]] of samples.entries()) {
      now.set(t);
      recorder.take('home/temp', text(String(v)), false);
      if (i === 1 || i === 3) recorder.flush();
    }
    recorder.flush();
    const minutes = peek(file, 'SELECT t, min, max, sum, count, last FROM num_1m ORDER BY t');
    expect(minutes).toEqual([
      { t: T0, min: 1, max: 9, sum: 15, count: 3, last: 9 },
      { t: T0 + MINUTE, min: 4, max: 6, sum: 10, count: 2, last: 6 },
      { t: T0 + HOUR, min: 100, max: 100, sum: 100, count: 1, last: 100 },
    ]);
    const hours = peek(file, 'SELECT t, min, max, sum, count, last FROM num_1h ORDER BY t');
    expect(hours).toEqual([
      { t: T0, min: 1, max: 9, sum: 25, count: 5, last: 6 },
      { t: T0 + HOUR, min: 100, max: 100, sum: 100, count: 1, last: 100 },
    ]);

    // Asked for at rollup resolution: the mean at the bucket's middle, with min and max.
    now.set(T0 + 2 * HOUR);
    const [m] = recorder.history('home/temp', '', T0, T0 + 2 * HOUR, 60); // 2-min buckets
    expect(m).toMatchObject({
      resolution: '1m',
      t: [T0 + 30_000, T0 + MINUTE + 30_000, T0 + HOUR + 30_000],
      v: [5, 5, 100],
      min: [1, 4, 100],
      max: [9, 6, 100],
    });
    const [h] = recorder.history('home/temp', '', T0, T0 + 200 * HOUR, 100); // 2-h buckets
    expect(h).toMatchObject({
      resolution: '1h',
      t: [T0 + HOUR / 2, T0 + HOUR + HOUR / 2],
      v: [5, 100],
      min: [1, 100],
      max: [9, 100],
    });
  });
});

describe('what is kept of a message', () => {
  it('makes a series per value path that widgets read from a topic', () => {
    const { recorder } = setup({ extraTopics: [] });
    recorder.take(
      `${PREFIX}klima`,
      text(
        dashboardMessage('klima', [
          widget('gauge', { topic: 'haus/wohnzimmer', valuePath: 'temp' }),
          widget('gauge', { topic: 'haus/wohnzimmer', valuePath: 'hum' }),
          widget('chart', { series: [{ topic: 'haus/+', valuePath: 'sensor.values[0]' }] }),
        ]),
      ),
      true,
    );
    expect(recorder.filters().map((f) => f.filter)).toEqual(['haus/+', 'haus/wohnzimmer']);
    recorder.take('haus/wohnzimmer', text('{"temp":21.5,"hum":40,"sensor":{"values":[7]}}'), false);
    recorder.take('haus/keller', text('{"temp":12,"sensor":{"values":[8]}}'), false);
    recorder.flush();
    const range = [T0 - HOUR, T0 + HOUR] as const;
    expect(points(recorder, 'haus/wohnzimmer', ...range, 1000, 'temp')).toEqual([[T0, 21.5]]);
    expect(points(recorder, 'haus/wohnzimmer', ...range, 1000, 'hum')).toEqual([[T0, 40]]);
    expect(points(recorder, 'haus/wohnzimmer', ...range, 1000, 'sensor.values[0]')).toEqual([
      [T0, 7],
    ]);
    // haus/keller only matches the chart's filter, which reads sensor.values[0] alone.
    expect(points(recorder, 'haus/keller', ...range, 1000, 'sensor.values[0]')).toEqual([[T0, 8]]);
    expect(points(recorder, 'haus/keller', ...range, 1000, 'temp')).toEqual([]);
    // A JSON object is no number without a path: it is kept as text, with its series apart.
    expect(points(recorder, 'haus/wohnzimmer', ...range)).toEqual([]);
    expect(recorder.texts('haus/wohnzimmer', ...range, 10)).toHaveLength(1);
    // The dashboard message itself is no sample.
    expect(recorder.last([`${PREFIX}klima`])).toEqual([]);
  });

  it('keeps text payloads when they change, and not when larger than MAX_TEXT_BYTES', () => {
    const { recorder, now } = setup({ extraTopics: ['door'] });
    for (const state of ['open', 'open', 'closed', 'closed', 'open']) {
      recorder.take('door', text(state), false);
      now.advance(1000);
    }
    recorder.take('door', Buffer.alloc(MAX_TEXT_BYTES + 1, 'x'), false);
    now.advance(1000);
    recorder.take('door', Buffer.alloc(MAX_TEXT_BYTES, 'y'), false);
    recorder.flush();
    const rows = recorder.texts('door', T0, T0 + HOUR, 100);
    expect(rows.map(([t, p]) => [t - T0, p.length <= 10 ? p.toString() : p.length])).toEqual([
      [0, 'open'],
      [2000, 'closed'],
      [4000, 'open'],
      [6000, MAX_TEXT_BYTES],
    ]);
    // Binary is no text, and no number.
    recorder.take('door', Buffer.from([0xff, 0xfe]), false);
    recorder.flush();
    expect(recorder.texts('door', T0, T0 + HOUR, 100)).toHaveLength(4);
  });

  it('keeps the last value with its retained flag, and not a huge one', () => {
    const { recorder, now } = setup({ extraTopics: ['a', 'b', 'big', 'bin', 'cleared'] });
    recorder.take('a', text('1'), true);
    now.advance(5);
    recorder.take('b', text('x'), false);
    recorder.take('big', Buffer.alloc(MAX_LAST_BYTES + 1, 'z'), false);
    recorder.take('bin', Buffer.from([0, 255, 1]), true);
    recorder.take('cleared', text('5'), true);
    recorder.take('cleared', Buffer.alloc(0), true);
    expect(recorder.last(['a', 'b', 'big', 'missing', 'bin'])).toEqual([
      { filter: 'a', topic: 'a', time: T0, retained: true, payload: text('1') },
      { filter: 'b', topic: 'b', time: T0 + 5, retained: false, payload: text('x') },
      {
        filter: 'bin',
        topic: 'bin',
        time: T0 + 5,
        retained: true,
        payload: Buffer.from([0, 255, 1]),
      },
    ]);
    // An empty retained message clears it: the last value is the empty payload, no sample.
    expect(recorder.last(['cleared'])[0]?.payload.length).toBe(0);
    expect(points(recorder, 'cleared', T0 - HOUR, T0 + HOUR)).toEqual([[T0 + 5, 5]]);
  });

  it('a replayed retained message only fills a missing last value, and is no sample', () => {
    const { recorder, now } = setup({ extraTopics: ['a', 'b'] });
    recorder.take('a', text('1'), false);
    now.advance(100);
    recorder.take('a', text('99'), true, true);
    recorder.take('b', text('7'), true, true);
    expect(recorder.last(['a', 'b'])).toEqual([
      { filter: 'a', topic: 'a', time: T0, retained: false, payload: text('1') },
      { filter: 'b', topic: 'b', time: T0 + 100, retained: true, payload: text('7') },
    ]);
    recorder.flush();
    expect(points(recorder, 'a', T0 - HOUR, T0 + HOUR)).toEqual([[T0, 1]]);
    expect(points(recorder, 'b', T0 - HOUR, T0 + HOUR)).toEqual([]);
    expect(recorder.status().received).toBe(1);
  });

  it('answers a wildcard last value with its newest matching topic', () => {
    const { recorder, now } = setup({ extraTopics: ['room/+/temp'] });
    recorder.take('room/a/temp', text('1'), false);
    now.advance(10);
    recorder.take('room/b/temp', text('2'), false);
    now.advance(10);
    recorder.take('room/a/temp', text('3'), false);
    expect(recorder.last(['room/+/temp', 'room/#'])).toEqual([
      {
        filter: 'room/+/temp',
        topic: 'room/a/temp',
        time: T0 + 20,
        retained: false,
        payload: text('3'),
      },
      {
        filter: 'room/#',
        topic: 'room/a/temp',
        time: T0 + 20,
        retained: false,
        payload: text('3'),
      },
    ]);
  });
});

describe('history', () => {
  function filled(options: Partial<RecorderOptions> = {}) {
    const t = setup({ retention: { rawDays: 10, minuteDays: 90 }, ...options });
    return t;
  }

  it('answers raw points for a short span, and rollups for a long one', () => {
    const { recorder, now } = filled();
    for (let i = 0; i < 120; i++) {
      now.set(T0 + i * 30_000);
      recorder.take('home/temp', text(String(i)), false);
    }
    recorder.flush();
    const res = (from: number, to: number, n: number) =>
      recorder.history('home/temp', '', from, to, n)[0]?.resolution;
    expect(res(T0, T0 + HOUR, 1000)).toBe('raw'); // 3.6 s per point
    expect(res(T0, T0 + 10 * DAY, 1000)).toBe('1m'); // 14.4 min per point
    expect(res(T0, T0 + 100 * DAY, 1000)).toBe('1h'); // 2.4 h per point
    expect(res(T0, T0 + HOUR, 30)).toBe('1m'); // 2 min per point
  });

  it('merges many rollup buckets into wider ones in SQLite: the mean of all their samples, their extremes', () => {
    const { recorder, now } = filled({ retention: { rawDays: 1, minuteDays: 2 } });
    // 200 hours, two samples an hour (i and i + 0.5): 200 hourly buckets.
    for (let i = 0; i < 200; i++) {
      now.set(T0 + i * HOUR + 60_000);
      recorder.take('home/temp', text(String(i)), false);
      now.set(T0 + i * HOUR + 120_000);
      recorder.take('home/temp', text(String(i + 0.5)), false);
      recorder.flush();
    }
    now.set(T0 + 200 * HOUR);
    const [s] = recorder.history('home/temp', '', T0, T0 + 200 * HOUR, 20);
    expect(s!.resolution).toBe('1h');
    expect(s!.t).toHaveLength(20); // 10 hours each
    // Hours 0–9: samples 0, 0.5, … 9, 9.5.
    expect(s!.v[0]).toBeCloseTo(4.75, 9);
    expect(s!.min![0]).toBe(0);
    expect(s!.max![0]).toBe(9.5);
    expect(s!.v[19]).toBeCloseTo(194.75, 9);
    expect(s!.max![19]).toBe(199.5);
    // Drawn in the middle of the ten hours each covers, in time order.
    expect(s!.t[0]).toBe(T0 + 5 * HOUR);
    expect([...s!.t].sort((a, b) => a - b)).toEqual(s!.t);
  });

  it('reads rollups where the finer data is past its retention', () => {
    const now = clock(T0);
    const t = setup({ retention: { rawDays: 10, minuteDays: 90 } }, T0);
    t.now.set(T0);
    t.recorder.take('home/temp', text('5'), false);
    t.recorder.flush();
    const res = (at: number) => {
      t.now.set(at);
      return t.recorder.history('home/temp', '', T0, T0 + HOUR, 1000)[0]?.resolution;
    };
    expect(res(T0 + HOUR)).toBe('raw');
    expect(res(T0 + 11 * DAY)).toBe('1m');
    expect(res(T0 + 91 * DAY)).toBe('1h');
    expect(now()).toBe(T0);
  });

  it('reduces a line to at most `points` (in SQLite or by LTTB), keeping the first and the last point and the spikes', () => {
    const { recorder, now } = filled();
    // 5000 samples in 50 s: raw even for 2 points (25 s per point).
    const sample = (i: number) =>
      Math.sin(i / 50) * 10 + (i === 2500 ? 100 : 0) - (i === 1234 ? 100 : 0);
    for (let i = 0; i < 5000; i++) {
      now.set(T0 + i * 10);
      recorder.take('home/temp', text(String(sample(i))), false);
    }
    recorder.flush();
    for (const n of [2, 3, 10, 100, 999, 4999]) {
      const [s] = recorder.history('home/temp', '', T0, T0 + 50_000, n);
      expect(s!.resolution).toBe('raw');
      expect(s!.t.length, `${n}`).toBeLessThanOrEqual(n);
      expect(s!.t.length, `${n}`).toBeGreaterThanOrEqual(Math.min(n, 2));
      expect(s!.t[0]).toBe(T0);
      expect(s!.t.at(-1), `last of ${n}`).toBe(T0 + 4999 * 10);
      expect([...s!.t].sort((a, b) => a - b)).toEqual(s!.t);
      if (n >= 10) {
        // The spikes survive, up and down.
        expect(Math.max(...s!.v)).toBeGreaterThan(90);
        expect(Math.min(...s!.v)).toBeLessThan(-90);
      }
      // Every point is a real sample, at its own time.
      s!.t.forEach((t, i) => expect(s!.v[i]).toBeCloseTo(sample((t - T0) / 10), 9));
    }
    // Fewer points than asked for: all of them.
    expect(recorder.history('home/temp', '', T0, T0 + 100, 100)[0]!.t).toHaveLength(11);
  });

  it('answers at most MAX_LINES lines for a wildcard, sorted by topic', () => {
    const { recorder } = setup({ extraTopics: ['room/+'] });
    for (let i = 0; i < 20; i++)
      recorder.take(`room/${String(i).padStart(2, '0')}`, text(String(i)), false);
    recorder.flush();
    const lines = recorder.history('room/+', '', T0 - HOUR, T0 + HOUR, 100);
    expect(lines).toHaveLength(MAX_LINES);
    expect(lines.map((l) => l.topic)).toEqual(
      Array.from({ length: MAX_LINES }, (_, i) => `room/${String(i).padStart(2, '0')}`),
    );
    expect(lines[3]!.v).toEqual([3]);
    expect(recorder.history('room/#', '', T0 - HOUR, T0 + HOUR, 100)).toHaveLength(MAX_LINES);
    expect(recorder.history('nothing/+', '', T0 - HOUR, T0 + HOUR, 100)).toEqual([]);
  });

  it('includes what is not written yet', () => {
    const { recorder, now } = setup({ extraTopics: ['home/temp', 'new/one', 'state'] });
    recorder.take('home/temp', text('1'), false);
    recorder.flush();
    now.advance(1000);
    recorder.take('home/temp', text('2'), false);
    recorder.take('new/one', text('3'), false);
    recorder.take('state', text('on'), false);
    expect(points(recorder, 'home/temp', T0 - HOUR, T0 + HOUR)).toEqual([
      [T0, 1],
      [T0 + 1000, 2],
    ]);
    expect(points(recorder, 'new/one', T0 - HOUR, T0 + HOUR)).toEqual([[T0 + 1000, 3]]);
    expect(recorder.history('+/one', '', T0 - HOUR, T0 + HOUR, 10).map((s) => s.topic)).toEqual([
      'new/one',
    ]);
    expect(recorder.texts('state', T0 - HOUR, T0 + HOUR, 10)).toEqual([[T0 + 1000, text('on')]]);
    expect(recorder.last(['new/one'])[0]?.payload).toEqual(text('3'));
    // Pending points in a rollup answer come after the written buckets.
    now.set(T0 + 3 * HOUR);
    recorder.take('home/temp', text('4'), false);
    // … merged into the bucket written already, or in a bucket of their own.
    const [m] = recorder.history('home/temp', '', T0, T0 + 4 * HOUR, 100);
    expect(m).toMatchObject({
      resolution: '1m',
      t: [T0 + 30_000, T0 + 3 * HOUR + 30_000],
      v: [1.5, 4],
      min: [1, 4],
      max: [2, 4],
    });
    // Not written at all yet, at a rollup's resolution: bucketed too.
    const [n] = recorder.history('new/one', '', T0, T0 + 4 * HOUR, 100);
    expect(n).toMatchObject({ resolution: '1m', t: [T0 + 30_000], v: [3], min: [3], max: [3] });
  });

  it('keeps only the points inside [from, to]', () => {
    const { recorder, now } = setup();
    for (let i = 0; i < 10; i++) {
      now.set(T0 + i * 1000);
      recorder.take('home/temp', text(String(i)), false);
    }
    recorder.flush();
    expect(points(recorder, 'home/temp', T0 + 2000, T0 + 4000).map(([, v]) => v)).toEqual([
      2, 3, 4,
    ]);
  });
});

describe('retention', () => {
  it('prunes raw after rawDays and 1-minute rollups after minuteDays, keeps hours', () => {
    const { recorder, now, file } = setup({ retention: { rawDays: 1, minuteDays: 3 } });
    for (let i = 0; i < 100; i++) {
      now.set(T0 + i * MINUTE);
      recorder.take('home/temp', text(String(i)), false);
      recorder.take('home/temp', text(String(i)), false);
    }
    recorder.flush();
    const counts = () => [count(file, 'num'), count(file, 'num_1m'), count(file, 'num_1h')];
    expect(counts()).toEqual([200, 100, 2]);
    const prune = () => {
      for (let i = 0; i < 8; i++) recorder.pruneStep();
    };
    now.set(T0 + DAY); // the first samples are a day old, not older
    prune();
    expect(counts()).toEqual([200, 100, 2]);
    now.set(T0 + DAY + 50 * MINUTE); // the first 50 minutes are past rawDays
    prune();
    expect(counts()).toEqual([100, 100, 2]);
    now.set(T0 + 2 * DAY);
    prune();
    expect(counts()).toEqual([0, 100, 2]);
    now.set(T0 + 4 * DAY);
    prune();
    expect(counts()).toEqual([0, 0, 2]);
    now.set(T0 + 1000 * DAY);
    prune();
    expect(counts()).toEqual([0, 0, 2]);
    // The hourly rollup still answers.
    expect(recorder.history('home/temp', '', T0, T0 + 2 * HOUR, 100)[0]).toMatchObject({
      resolution: '1h',
      v: [29.5, 79.5], // the means of 0…59 and of 60…99
    });
  });

  it('prunes text payloads after rawDays too', () => {
    const { recorder, now, file } = setup({
      extraTopics: ['door', 'home/temp'],
      retention: { rawDays: 1, minuteDays: 3 },
    });
    recorder.take('door', text('open'), false);
    recorder.take('home/temp', text('1'), false);
    now.advance(10 * MINUTE);
    recorder.take('door', text('closed'), false);
    recorder.flush();
    now.set(T0 + DAY + MINUTE);
    for (let i = 0; i < 8; i++) recorder.pruneStep();
    expect(peek(file, 'SELECT payload FROM txt').map((r) => String(r.payload))).toEqual(['closed']);
    expect(count(file, 'num')).toBe(0);
  });

  it('prunes old text payloads while no number is old enough to prune', () => {
    const { recorder, now, file } = setup({
      extraTopics: ['door', 'home/temp'],
      retention: { rawDays: 1, minuteDays: 3 },
    });
    recorder.take('door', text('open'), false);
    recorder.flush();
    now.set(T0 + DAY);
    recorder.take('home/temp', text('1'), false);
    recorder.flush();
    now.set(T0 + DAY + HOUR);
    for (let i = 0; i < 8; i++) recorder.pruneStep();
    expect(count(file, 'txt')).toBe(0);
    expect(count(file, 'num')).toBe(1);
  });

  it('prunes every series and text topic when there are more than one step takes', () => {
    const { recorder, now, file } = setup({
      extraTopics: ['n/+', 't/+'],
      retention: { rawDays: 1, minuteDays: 3 },
    });
    for (let i = 0; i < 120; i++) {
      recorder.take(`n/${i}`, text(String(i)), false);
      recorder.take(`t/${i}`, text(`state ${i}`), false);
    }
    recorder.flush();
    expect([count(file, 'num'), count(file, 'txt')]).toEqual([120, 120]);
    now.set(T0 + 2 * DAY);
    for (let i = 0; i < 20; i++) recorder.pruneStep();
    expect([count(file, 'num'), count(file, 'txt'), count(file, 'num_1m')]).toEqual([0, 0, 120]);
    now.set(T0 + 4 * DAY);
    for (let i = 0; i < 20; i++) recorder.pruneStep();
    expect([count(file, 'num_1m'), count(file, 'num_1h')]).toEqual([0, 120]);
  });

  it('prunes in bounded steps', () => {
    const { recorder, now, file } = setup({ retention: { rawDays: 1, minuteDays: 90 } });
    for (let i = 0; i < 12_000; i++) {
      now.set(T0 + i * 100);
      recorder.take('home/temp', text(String(i % 7)), false);
    }
    recorder.flush();
    now.set(T0 + 10 * DAY);
    const remaining: number[] = [];
    for (let i = 0; i < 12 && count(file, 'num') > 0; i++) {
      recorder.pruneStep();
      remaining.push(count(file, 'num'));
    }
    // One step deletes at most 5000 rows of a series; a few steps delete all.
    for (let i = 0; i < remaining.length; i++) {
      expect(12_000 - remaining[i]!).toBeLessThanOrEqual((i + 1) * 5000);
    }
    expect(remaining.at(-1)).toBe(0);
    expect(remaining.length).toBeGreaterThanOrEqual(3);
    expect(count(file, 'num_1m')).toBeGreaterThan(0);
  });

  it('prunes the oldest raw data first when the database is over maxBytes', () => {
    const { recorder, now, file } = setup({
      extraTopics: ['a', 'b'],
      retention: { maxBytes: 200_000, rawDays: 100, minuteDays: 100 },
    });
    for (let i = 0; i < 20_000; i++) {
      now.set(T0 + i * 1000);
      recorder.take('a', text(String(i)), false);
      recorder.take('b', text(String(-i)), false);
      if (i % 5000 === 4999) recorder.flush();
    }
    recorder.flush();
    const minutes = count(file, 'num_1m');
    const hours = count(file, 'num_1h');
    expect(recorder.status().databaseBytes).toBeGreaterThan(200_000);
    const newest = peek<{ t: number }>(file, 'SELECT max(t) AS t FROM num')[0]!.t;
    let oldest = peek<{ t: number }>(file, 'SELECT min(t) AS t FROM num')[0]!.t;
    for (let i = 0; i < 100 && recorder.status().databaseBytes! > 200_000; i++) {
      recorder.pruneStep();
      const now = peek<{ t: number | null }>(file, 'SELECT min(t) AS t FROM num')[0]!.t!;
      expect(now).toBeGreaterThanOrEqual(oldest);
      oldest = now;
    }
    expect(recorder.status().databaseBytes).toBeLessThanOrEqual(200_000);
    // Raw went first, oldest first; rollups are all there, and the newest raw points.
    expect(count(file, 'num')).toBeGreaterThan(0);
    expect(peek<{ t: number }>(file, 'SELECT max(t) AS t FROM num')[0]!.t).toBe(newest);
    expect(oldest).toBeGreaterThan(T0 + HOUR);
    expect(count(file, 'num_1m')).toBe(minutes);
    expect(count(file, 'num_1h')).toBe(hours);
    // The freed pages went back to the file system (the log is folded in at close).
    recorder.close();
    expect(fs.statSync(file).size).toBeLessThanOrEqual(200_000);
  });
});

describe('the file', () => {
  it('close() writes what is pending, and the data is there when opened again', () => {
    const t = setup({ extraTopics: ['home/temp', 'state'] });
    t.recorder.take('home/temp', text('21'), true);
    t.recorder.take('state', text('on'), false);
    t.recorder.close();
    expect(count(t.file, 'num')).toBe(1);

    const again = t.reopen();
    expect(points(again, 'home/temp', T0 - HOUR, T0 + HOUR)).toEqual([[T0, 21]]);
    expect(again.texts('state', T0 - HOUR, T0 + HOUR, 10)).toEqual([[T0, text('on')]]);
    expect(again.last(['home/temp'])).toEqual([
      { filter: 'home/temp', topic: 'home/temp', time: T0, retained: true, payload: text('21') },
    ]);
    // New samples join the old series.
    t.now.advance(1000);
    again.take('home/temp', text('22'), false);
    again.flush();
    expect(points(again, 'home/temp', T0 - HOUR, T0 + HOUR)).toEqual([
      [T0, 21],
      [T0 + 1000, 22],
    ]);
    expect(peek(t.file, 'SELECT topic, path FROM series')).toEqual([
      { topic: 'home/temp', path: '' },
    ]);
  });

  it('reports its state', () => {
    const t = setup({
      extraTopics: ['home/temp', 'x/+'],
      retention: { rawDays: 2, minuteDays: 30, maxBytes: 5e6 },
    });
    t.recorder.take('home/temp', text('1'), false);
    t.recorder.flush();
    t.recorder.take('home/temp', text('2'), false);
    expect(t.recorder.status()).toMatchObject({
      recording: true,
      file: t.file,
      source: { kind: 'embedded', url: null, connected: true, error: null },
      dashboards: 0,
      filters: 2,
      topicsSample: ['home/temp', 'x/+'],
      topicsWithLastValue: 1,
      rows: { raw: 1, minute: 1, hour: 1, text: 0, series: 1, topics: 1 },
      maxBytes: 5e6,
      retention: { rawDays: 2, minuteDays: 30 },
      received: 2,
      written: 1,
      pending: 1,
      dropped: 0,
      lastWrite: T0,
      error: null,
    });
    expect(t.recorder.status().databaseBytes).toBeGreaterThan(0);
    expect(t.recorder.status().fileBytes).toBeGreaterThan(0);
  });

  it('makes a consistent backup while recording', async () => {
    const t = setup();
    t.recorder.take('home/temp', text('1'), false);
    const copy = path.join(path.dirname(t.file), 'backup.db');
    await t.recorder.backup(copy);
    expect(count(copy, 'num')).toBe(1);
  });

  it('tells listeners when a dashboard changes the recorded filters', () => {
    const t = setup({ extraTopics: [] });
    let calls = 0;
    const off = t.recorder.onFiltersChanged(() => calls++);
    const msg = text(dashboardMessage('d', [widget('gauge', { topic: 'g/1' })]));
    t.recorder.take(`${PREFIX}d`, msg, true);
    t.recorder.take(`${PREFIX}d`, msg, true);
    expect(calls).toBe(1);
    t.recorder.take('g/1', text('3'), false);
    expect(t.recorder.last(['g/1'])).toHaveLength(1);
    off();
    t.recorder.take(`${PREFIX}d`, Buffer.alloc(0), true);
    expect(calls).toBe(1);
    t.recorder.take('g/1', text('4'), false);
    expect(t.recorder.last(['g/1'])[0]?.payload).toEqual(text('3'));
  });
});
