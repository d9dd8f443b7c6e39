import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawGet } from '../test-helpers.ts';
import { MAX_LAST_TOPICS, MAX_LAST_WILDCARDS, MAX_POINTS, createApiHandler } from './api.ts';
import { DAY, HOUR } from './database.ts';
import type { Recorder } from './recorder.ts';
import { T0, clock, makeRecorder, tempDir, text, type Clock } from './test-support.ts';

/** The handler on a real HTTP server; paths it declines answer 418, to tell them apart. */
async function serve(recorder: Recorder | null, now: () => number) {
  const handle = createApiHandler(recorder, now);
  const server = http.createServer((req, res) => {
    if (!handle(req, res)) {
      res.writeHead(418);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (p: string) => `http://127.0.0.1:${port}${p}`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let dir: string;
let now: Clock;
let recorder: Recorder;
let api: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  dir = tempDir();
  now = clock(T0 + HOUR);
  ({ recorder } = makeRecorder(
    dir,
    { extraTopics: ['home/temp', 'room/+', 'bin', '=cmd', 'a,"b"', 'state'] },
    now,
  ));
  for (let i = 0; i < 60; i++) {
    now.set(T0 + i * 60_000);
    recorder.take('home/temp', text(String(20 + i / 10)), true);
  }
  now.set(T0 + HOUR);
  now.set(T0 + HOUR - 1000);
  recorder.take('room/a', text('1'), false);
  now.set(T0 + HOUR);
  recorder.take('room/b', text('2'), false);
  recorder.take('bin', Buffer.from([0xff, 0x00, 0xfe]), true);
  recorder.take('=cmd', text('7'), false);
  recorder.take('a,"b"', text('8'), false);
  recorder.take('state', text('on'), false);
  recorder.flush();
  api = await serve(recorder, now);
});
afterAll(async () => {
  await api?.close();
  recorder?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function get(p: string, init?: RequestInit) {
  const res = await fetch(api.url(p), init);
  const body = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body,
    json: () => JSON.parse(body) as Record<string, unknown>,
  };
}

async function badRequest(p: string): Promise<string> {
  const res = await get(p);
  expect(res.status, p).toBe(400);
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  return res.json().error as string;
}

const q = (params: Record<string, string | number | Array<string>>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    for (const one of Array.isArray(v) ? v : [v]) s.append(k, String(one));
  }
  return s.toString();
};

describe('/api/recorder', () => {
  it('answers the status as JSON, never cached', async () => {
    const res = await get('/api/recorder');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.json()).toMatchObject({
      recording: true,
      filters: 6,
      source: { kind: 'embedded' },
      rows: { raw: 64, series: 5 },
      error: null,
    });
  });
});

describe('/api/last', () => {
  it('answers last values, a wildcard’s newest topic, and what is missing', async () => {
    const res = await get(`/api/last?${q({ topic: ['home/temp', 'room/+', 'nothing/here'] })}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.json()).toEqual({
      now: T0 + HOUR,
      values: [
        {
          filter: 'home/temp',
          topic: 'home/temp',
          time: T0 + 59 * 60_000,
          retained: true,
          payload: '25.9',
          encoding: 'utf8',
        },
        {
          filter: 'room/+',
          topic: 'room/b',
          time: T0 + HOUR,
          retained: false,
          payload: '2',
          encoding: 'utf8',
        },
      ],
      missing: ['nothing/here'],
    });
  });

  it('sends a binary payload as base64', async () => {
    const res = await get('/api/last?topic=bin');
    expect(res.json().values).toEqual([
      {
        filter: 'bin',
        topic: 'bin',
        time: T0 + HOUR,
        retained: true,
        payload: Buffer.from([0xff, 0x00, 0xfe]).toString('base64'),
        encoding: 'base64',
      },
    ]);
  });

  it('checks every topic, and how many', async () => {
    expect(await badRequest('/api/last')).toMatch(/at least one topic/);
    expect(await badRequest('/api/last?topic=')).toMatch(/topic is missing/);
    expect(await badRequest('/api/last?topic=a/%23/b')).toMatch(/no valid MQTT topic or filter/);
    expect(await badRequest('/api/last?topic=a%2B')).toMatch(/no valid MQTT topic or filter/);
    expect(await badRequest(`/api/last?topic=ok&topic=${encodeURIComponent('x/#/y')}`)).toMatch(
      /"x\/#\/y"/,
    );
    const many = Array.from({ length: MAX_LAST_TOPICS + 1 }, (_, i) => `t/${i}`);
    expect(await badRequest(`/api/last?${q({ topic: many })}`)).toBe(
      `at most ${MAX_LAST_TOPICS} topics per request`,
    );
    expect((await get(`/api/last?${q({ topic: many.slice(1) })}`)).status).toBe(200);
    const wild = Array.from({ length: MAX_LAST_WILDCARDS + 1 }, (_, i) => `w/${i}/+`);
    expect(await badRequest(`/api/last?${q({ topic: wild })}`)).toBe(
      `at most ${MAX_LAST_WILDCARDS} wildcard filters per request`,
    );
    expect((await get(`/api/last?${q({ topic: wild.slice(1) })}`)).status).toBe(200);
  });
});

describe('/api/history', () => {
  it('answers a line in the range asked for', async () => {
    const res = await get(
      `/api/history?${q({ topic: 'home/temp', from: T0, to: T0 + 5 * 60_000 })}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.json()).toEqual({
      topic: 'home/temp',
      path: '',
      from: T0,
      to: T0 + 5 * 60_000,
      series: [
        {
          topic: 'home/temp',
          path: '',
          resolution: 'raw',
          t: [0, 1, 2, 3, 4, 5].map((i) => T0 + i * 60_000),
          v: [20, 20.1, 20.2, 20.3, 20.4, 20.5],
        },
      ],
    });
  });

  it('defaults to the last day up to now, and 1000 points', async () => {
    const body = (await get('/api/history?topic=home/temp')).json();
    expect([body.from, body.to]).toEqual([T0 + HOUR - DAY, T0 + HOUR]);
    const [line] = body.series as Array<{ t: number[]; resolution: string }>;
    expect(line!.resolution).toBe('1m'); // a day in 1000 points: 86 s each
    expect(line!.t).toHaveLength(60);
  });

  it('accepts ISO dates', async () => {
    const from = new Date(T0).toISOString();
    const to = new Date(T0 + 2 * 60_000).toISOString();
    const body = (await get(`/api/history?${q({ topic: 'home/temp', from, to })}`)).json();
    expect([body.from, body.to]).toEqual([T0, T0 + 2 * 60_000]);
    expect((body.series as Array<{ v: number[] }>)[0]!.v).toEqual([20, 20.1, 20.2]);
    for (const [from, ms] of [
      ['2026-01-01', T0],
      ['2026-01-01T00:30Z', T0 + 30 * 60_000],
      ['2026-01-01T01:30:00+01:00', T0 + 30 * 60_000],
      ['2026-01-01T00:00:01.5Z', T0 + 1500],
    ] as const) {
      const res = await get(`/api/history?${q({ topic: 'home/temp', from, to: T0 + HOUR })}`);
      expect(res.json().from, from).toBe(ms);
    }
  });

  it('answers a wildcard with a line per topic, and nothing for an unknown topic', async () => {
    const body = (
      await get(`/api/history?${q({ topic: 'room/+', from: T0, to: T0 + HOUR })}`)
    ).json();
    expect((body.series as Array<{ topic: string }>).map((s) => s.topic)).toEqual([
      'room/a',
      'room/b',
    ]);
    const none = (await get(`/api/history?${q({ topic: 'never/seen' })}`)).json();
    expect(none.series).toEqual([]);
  });

  it('checks every parameter', async () => {
    const h = (params: Record<string, string | number>) =>
      badRequest(`/api/history?${q({ topic: 'home/temp', ...params })}`);
    expect(await badRequest('/api/history')).toBe('topic is missing');
    expect(await badRequest('/api/history?topic=a/%23/b')).toMatch(/no valid MQTT topic/);
    expect(await badRequest('/api/history?topic=a%2B')).toMatch(/no valid MQTT topic/);
    expect(await h({ path: 'a..b' })).toMatch(/is no value path/);
    expect(await h({ path: 'x'.repeat(201) })).toMatch(/is no value path/);
    expect(await h({ from: T0 + 10, to: T0 })).toBe('from must be before to');
    expect(await h({ from: T0, to: T0 })).toBe('from must be before to');
    expect(await h({ from: 'yesterday' })).toMatch(
      /^from must be milliseconds since 1970 or an ISO date/,
    );
    expect(await h({ to: 'soon' })).toMatch(/^to must be/);
    expect(await h({ from: -5 })).toMatch(/^from must be/);
    // Only ISO dates: Date.parse would read these in the server's time zone, or as 2001.
    for (const from of ['1.5', '3/4/2026', 'March 7, 2026', 'Tue', '2026-1-1']) {
      expect(await h({ from }), from).toMatch(/^from must be/);
    }
    expect(await h({ from: '99999999999999999999' })).toMatch(/^from must be/);
    expect(await h({ from: 0, to: T0 })).toBe('the span from … to is longer than 20 years');
    for (const points of ['0', '1', String(MAX_POINTS + 1), '2.5', 'many', '-3']) {
      expect(await h({ points }), points).toBe(
        `points must be a whole number from 2 to ${MAX_POINTS}`,
      );
    }
    // The edges are allowed.
    for (const points of ['2', String(MAX_POINTS)]) {
      expect((await get(`/api/history?${q({ topic: 'home/temp', points })}`)).status).toBe(200);
    }
    const twentyYears = 20 * 366 * DAY;
    expect(
      (await get(`/api/history?${q({ topic: 'home/temp', from: T0 - twentyYears, to: T0 })}`))
        .status,
    ).toBe(200);
  });
});

describe('/api/history.csv', () => {
  it('is a download with a time, unix_ms, topic and value column', async () => {
    const res = await get(
      `/api/history.csv?${q({ topic: 'home/temp', from: T0, to: T0 + 60_000 })}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="home_temp.csv"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toBe(
      'time,unix_ms,topic,value\r\n' +
        `2026-01-01T00:00:00.000Z,${T0},home/temp,20\r\n` +
        `2026-01-01T00:01:00.000Z,${T0 + 60_000},home/temp,20.1\r\n`,
    );
  });

  it('has min and max columns for a rollup', async () => {
    const res = await get(
      `/api/history.csv?${q({ topic: 'home/temp', from: T0, to: T0 + HOUR, points: 10 })}`,
    );
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('time,unix_ms,topic,value,min,max');
    expect(lines.length).toBeGreaterThan(2);
    expect(lines[1]!.split(',')).toHaveLength(6);
  });

  it('defuses a topic a spreadsheet would run as a formula, and quotes commas and quotes', async () => {
    const cmd = await get(`/api/history.csv?${q({ topic: '=cmd', from: T0, to: T0 + 2 * HOUR })}`);
    expect(cmd.body.split('\r\n')[1]).toBe(`2026-01-01T01:00:00.000Z,${T0 + HOUR},'=cmd,7`);
    expect(cmd.headers.get('content-disposition')).toBe('attachment; filename="_cmd.csv"');
    const quoted = await get(
      `/api/history.csv?${q({ topic: 'a,"b"', from: T0, to: T0 + 2 * HOUR })}`,
    );
    expect(quoted.body.split('\r\n')[1]).toBe(`2026-01-01T01:00:00.000Z,${T0 + HOUR},"a,""b""",8`);
  });

  it('allows more points than the JSON answer, and checks the rest the same way', async () => {
    expect(
      (await get(`/api/history.csv?${q({ topic: 'home/temp', points: 100_000 })}`)).status,
    ).toBe(200);
    expect(
      await badRequest(`/api/history.csv?${q({ topic: 'home/temp', points: 100_001 })}`),
    ).toMatch(/from 2 to 100000/);
    expect(await badRequest('/api/history.csv')).toBe('topic is missing');
  });
});

describe('methods and paths', () => {
  it('refuses anything but GET and HEAD', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const res = await get('/api/last?topic=a', { method });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
      expect(res.json().error).toBe('only GET is allowed here');
    }
    const head = await rawGet(api.port, '/api/recorder', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it('answers 404 for an unknown API, and leaves other paths to the caller', async () => {
    const res = await get('/api/x');
    expect(res.status).toBe(404);
    expect(res.json().error).toBe('no such API: /api/x');
    expect((await get('/api')).status).toBe(418);
    expect((await get('/index.html')).status).toBe(418);
  });

  it('says it is off in its status, and answers 404 for everything else, when the recorder is off', async () => {
    const off = await serve(null, () => T0);
    try {
      const status = await fetch(off.url('/api/recorder'));
      expect(status.status).toBe(200);
      expect(await status.json()).toEqual({
        enabled: false,
        reason: expect.stringMatching(/the recorder is off/),
      });
      for (const p of ['/api/last?topic=a', '/api/history?topic=a', '/api/history.csv?topic=a']) {
        const res = await fetch(off.url(p));
        expect(res.status, p).toBe(404);
        expect(((await res.json()) as { error: string }).error).toMatch(/the recorder is off/);
      }
      expect((await fetch(off.url('/api/last'), { method: 'POST' })).status).toBe(405);
    } finally {
      await off.close();
    }
  });

  it('answers 500 with the reason when the recorder fails unexpectedly', async () => {
    const broken = {
      history: () => {
        throw new Error('boom');
      },
    } as unknown as Recorder;
    const s = await serve(broken, () => T0);
    try {
      const res = await fetch(s.url('/api/history?topic=a'));
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: 'boom' });
    } finally {
      await s.close();
    }
  });
});
