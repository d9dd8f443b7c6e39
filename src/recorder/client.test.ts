import { describe, expect, it, vi } from 'vitest';
import { createRecorderClient, recordsBroker, type PageContext } from './client';

const tablet = (brokerUrl: string, host = 'tafel.lan:8080'): PageContext => ({
  brokerUrl,
  location: { protocol: 'http:', host, hostname: host.replace(/:\d+$/, '') },
});

describe('recordsBroker', () => {
  it.each([
    // The embedded broker: only when the page uses this very server's /mqtt.
    ['embedded', null, 'ws://tafel.lan:8080/mqtt', true],
    ['embedded', null, 'wss://tafel.lan:8080/mqtt', true],
    ['embedded', null, 'ws://tafel.lan:9001/mqtt', false], // another port: another broker
    ['embedded', null, 'ws://tafel.lan:8080/', false],
    ['embedded', null, 'ws://mosquitto.lan:9001', false],
    // RECORD_FROM: the same host as the page's broker (the ports differ: TCP vs WebSockets).
    ['mqtt', 'mqtt://mosquitto.lan:1883', 'ws://mosquitto.lan:9001', true],
    ['mqtt', 'mqtts://mosquitto.lan:8883', 'wss://mosquitto.lan:8081/mqtt', true],
    ['mqtt', 'mqtt://mosquitto.lan:1883', 'ws://other.lan:9001', false],
    // A recorder that records "localhost" records the broker on the page's server host.
    ['mqtt', 'mqtt://localhost:1883', 'ws://tafel.lan:9001', true],
    ['mqtt', 'mqtt://127.0.0.1:1883', 'ws://tafel.lan:9001', true],
    ['mqtt', 'mqtt://localhost:1883', 'ws://elsewhere.lan:9001', false],
    ['mqtt', null, 'ws://mosquitto.lan:9001', false],
    ['mqtt', 'not a url', 'ws://mosquitto.lan:9001', false],
    ['embedded', null, 'not a url', false],
  ] as const)('%s %s, page on %s → %s', (kind, url, broker, expected) => {
    expect(recordsBroker({ kind, url }, tablet(broker))).toBe(expected);
  });
});

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });

const STATUS = {
  recording: true,
  error: null,
  errorCode: null,
  source: { kind: 'embedded', url: null, connected: true, error: null },
  rows: { raw: 1 }, // more than the client reads: accepted
};

function client(answer: (url: string) => Response | Promise<Response>) {
  const fetch = vi.fn((input: RequestInfo | URL) => Promise.resolve(answer(String(input))));
  const c = createRecorderClient({
    page: () => tablet('ws://tafel.lan:8080/mqtt'),
    fetch: fetch as unknown as typeof globalThis.fetch,
  });
  return { c, fetch };
}

describe('createRecorderClient', () => {
  it.each([
    ['a 404 (a Tafel without the recorder)', () => new Response('Not found', { status: 404 })],
    [
      'HTML (another web server answers index.html for every path)',
      () =>
        new Response('<!doctype html><title>Tafel</title>', {
          headers: { 'content-type': 'text/html' },
        }),
    ],
    ['no network', () => Promise.reject(new TypeError('Failed to fetch'))],
    [
      'broken JSON',
      () => new Response('{"recording":', { headers: { 'content-type': 'application/json' } }),
    ],
    ['a status of another shape', () => json({ recording: 'yes' })],
    [
      'a Tafel whose recorder is off',
      () => json({ enabled: false, reason: 'the recorder is off (--no-recorder …)' }),
    ],
  ])('%s: no recorder, and every question answers nothing at once', async (_, answer) => {
    const { c, fetch } = client(answer);
    expect(await c.probe()).toBeNull();
    expect(c.info()).toBeNull();
    expect(await c.last(['a/b'])).toEqual([]);
    expect(await c.history('a/b', '', 0, 1000, 100)).toBeNull();
    // Only the probe went out: nothing is asked of a server without a recorder.
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('a recorder of another broker is not used', async () => {
    const { c, fetch } = client(() =>
      json({ ...STATUS, source: { kind: 'mqtt', url: 'mqtt://other.lan:1883' } }),
    );
    expect(await c.probe()).toMatchObject({ usable: false, recording: true });
    expect(await c.history('a/b', '', 0, 1000, 100)).toBeNull();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('says why it is not recording, with a code the page can translate', async () => {
    const { c } = client(() =>
      json({ ...STATUS, recording: false, error: 'the disk is full', errorCode: 'disk-full' }),
    );
    expect(await c.probe()).toEqual({
      usable: true,
      recording: false,
      error: 'the disk is full',
      errorCode: 'disk-full',
    });
    const { c: newer } = client(() =>
      json({ ...STATUS, recording: false, error: 'quota', errorCode: 'quota-exceeded' }),
    );
    expect((await newer.probe())?.errorCode).toBe('other'); // a newer server's code
  });

  it('the first history waits for the first probe, then asks with the given range', async () => {
    let release!: () => void;
    const statusAnswered = new Promise<void>((r) => (release = r));
    const { c, fetch } = client(async (url) => {
      if (url.startsWith('/api/recorder')) {
        await statusAnswered;
        return json(STATUS);
      }
      return json({
        series: [{ topic: 'haus/temp', path: 'temp', t: [1000, 2000, 3000], v: [20.5, 21, 21.5] }],
      });
    });
    void c.probe();
    const lines = c.history('haus/+', 'temp', 999.6, 3000.2, 500);
    await Promise.resolve();
    expect(fetch).toHaveBeenCalledTimes(1); // still waiting for /api/recorder
    release();
    const answer = await lines;
    expect(answer).toEqual([
      {
        topic: 'haus/temp',
        t: Float64Array.from([1000, 2000, 3000]),
        v: Float64Array.from([20.5, 21, 21.5]),
      },
    ]);
    const url = new URL(String(fetch.mock.calls[1]![0]), 'http://x');
    expect(url.pathname).toBe('/api/history');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      topic: 'haus/+',
      path: 'temp',
      from: '999',
      to: '3001',
      points: '500',
    });
  });

  it('a history the server refuses (400) is no history, not an error', async () => {
    const { c } = client((url) =>
      url.startsWith('/api/recorder')
        ? json(STATUS)
        : json({ error: 'from must be before to' }, 400),
    );
    expect(await c.history('a', '', 5, 1, 10)).toBeNull();
  });

  it('last values: UTF-8 and base64 payloads as bytes, 200 topics per request', async () => {
    const asked: string[][] = [];
    const { c } = client((url) => {
      if (url.startsWith('/api/recorder')) return json(STATUS);
      const topics = new URL(url, 'http://x').searchParams.getAll('topic');
      asked.push(topics);
      return json({
        now: 5000,
        values: topics.slice(0, 2).map((t, i) => ({
          filter: t,
          topic: t,
          time: 1000 + i,
          retained: false,
          payload: i === 0 ? '21,5 °C' : btoa(String.fromCharCode(0xff, 0x00, 0x41)),
          encoding: i === 0 ? 'utf8' : 'base64',
        })),
        missing: [],
      });
    });
    const filters = Array.from({ length: 250 }, (_, i) => `t/${i}`);
    const values = await c.last(filters);
    expect(asked.map((a) => a.length)).toEqual([200, 50]);
    expect(values).toHaveLength(4);
    expect(new TextDecoder().decode(values[0]!.bytes)).toBe('21,5 °C');
    expect([...values[1]!.bytes]).toEqual([0xff, 0x00, 0x41]);
  });

  it('the CSV link names the series and the window', () => {
    const { c } = client(() => json(STATUS));
    const url = new URL(
      c.csvUrl('haus/wohnzimmer/temp', 'sensor.values[0]', 1000.4, 2000.5),
      'http://x',
    );
    expect(url.pathname).toBe('/api/history.csv');
    expect(url.searchParams.get('topic')).toBe('haus/wohnzimmer/temp');
    expect(url.searchParams.get('path')).toBe('sensor.values[0]');
    expect(url.searchParams.get('from')).toBe('1000');
    expect(url.searchParams.get('to')).toBe('2001');
  });

  it('a status asked before the client was made is read by the first probe, not asked again', async () => {
    const fetch = vi.fn(() => Promise.resolve(json(STATUS)));
    const c = createRecorderClient({
      page: () => tablet('ws://tafel.lan:8080/mqtt'),
      fetch: fetch as unknown as typeof globalThis.fetch,
      firstStatus: Promise.resolve(
        json({ ...STATUS, recording: false, error: 'x', errorCode: 'io' }),
      ),
    });
    expect((await c.probe())?.errorCode).toBe('io');
    expect(fetch).not.toHaveBeenCalled();
    expect((await c.probe())?.recording).toBe(true); // the next probe asks
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

describe('recordsBroker, more hosts', () => {
  it.each([
    // Default ports: the page's host has none, the broker URL may name it or not.
    ['embedded', null, 'ws://tafel.lan/mqtt', 'tafel.lan', true],
    ['embedded', null, 'ws://tafel.lan:80/mqtt', 'tafel.lan', true],
    ['embedded', null, 'wss://tafel.lan/mqtt', 'tafel.lan', true],
    ['embedded', null, 'ws://tafel.lan:8080/mqtt?client=wall', 'tafel.lan:8080', true],
    ['embedded', null, 'ws://TAFEL.lan:8080/mqtt', 'tafel.lan:8080', true],
    // Credentials and upper case in RECORD_FROM do not matter; IPv6's loopback is local.
    ['mqtt', 'mqtt://user:secret@MOSQUITTO.lan:1883', 'ws://mosquitto.lan:9001', 'x.lan', true],
    ['mqtt', 'mqtt://[::1]:1883', 'ws://tafel.lan:9001', 'tafel.lan:8080', true],
    // The page opened on the server itself: localhost and 127.0.0.1 are the same machine.
    ['mqtt', 'mqtt://localhost:1883', 'ws://localhost:9001', 'localhost:8080', true],
    ['mqtt', 'mqtt://localhost:1883', 'ws://localhost:9001', '127.0.0.1:8080', true],
    ['mqtt', 'mqtt://127.0.0.1:1883', 'ws://localhost:9001', 'localhost:8080', true],
    // A broker on the tablet's own localhost is not the server's, when the page is not local.
    ['mqtt', 'mqtt://localhost:1883', 'ws://localhost:9001', 'tafel.lan:8080', false],
    ['mqtt', 'mqtt://127.0.0.1:1883', 'ws://127.0.0.1:9001', 'tafel.lan:8080', false],
  ] as const)('%s %s, page on %s from %s → %s', (kind, url, broker, host, expected) => {
    expect(recordsBroker({ kind, url }, tablet(broker, host))).toBe(expected);
  });
});

describe('createRecorderClient, more', () => {
  it('an older server without errorCode, or a newer one with more fields, is a recorder', async () => {
    const { errorCode: _, ...older } = STATUS;
    expect(await client(() => json(older)).c.probe()).toEqual({
      usable: true,
      recording: true,
      error: null,
      errorCode: null,
    });
    const newer = {
      ...STATUS,
      errorDetail: { sqlite: 'SQLITE_FULL' },
      source: { ...STATUS.source, lag: 3 },
    };
    expect((await client(() => json(newer)).c.probe())?.usable).toBe(true);
  });

  it('a server that does not answer counts as none after the timeout', async () => {
    const fetch = vi.fn(
      (_: RequestInfo | URL, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal!.reason));
        }),
    );
    const c = createRecorderClient({
      page: () => tablet('ws://tafel.lan:8080/mqtt'),
      fetch: fetch as unknown as typeof globalThis.fetch,
      timeoutMs: 20,
    });
    const started = Date.now();
    expect(await c.history('a', '', 0, 1000, 10)).toBeNull();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(c.info()).toBeNull();
  });

  it('probes asked together are one request; listeners hear of changes only', async () => {
    let status: unknown = STATUS;
    const { c, fetch } = client(() => json(status));
    const heard = vi.fn();
    const unsubscribe = c.subscribe(heard);
    const [a, b] = await Promise.all([c.probe(), c.probe()]);
    expect(a).toBe(b);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(heard).toHaveBeenCalledTimes(1);
    await c.probe(); // the same answer
    expect(heard).toHaveBeenCalledTimes(1);
    status = { ...STATUS, recording: false, error: 'full', errorCode: 'disk-full' };
    await c.probe();
    expect(heard).toHaveBeenCalledTimes(2);
    expect(c.info()).toMatchObject({ recording: false, errorCode: 'disk-full' });
    unsubscribe();
    status = STATUS;
    await c.probe();
    expect(heard).toHaveBeenCalledTimes(2);
  });

  it('after the page changed broker, the next probe says so and nothing is asked of it', async () => {
    let broker = 'ws://tafel.lan:8080/mqtt';
    const fetch = vi.fn((input: RequestInfo | URL) =>
      Promise.resolve(
        String(input).startsWith('/api/recorder') ? json(STATUS) : json({ values: [] }),
      ),
    );
    const c = createRecorderClient({
      page: () => tablet(broker),
      fetch: fetch as unknown as typeof globalThis.fetch,
    });
    expect((await c.probe())?.usable).toBe(true);
    broker = 'ws://mosquitto.lan:9001';
    const probing = c.probe();
    // Asked while that probe travels: it waits for it.
    const values = c.last(['a']);
    expect((await probing)?.usable).toBe(false);
    expect(await values).toEqual([]);
    expect(fetch.mock.calls.map(([u]) => String(u).split('?')[0])).toEqual([
      '/api/recorder',
      '/api/recorder',
    ]);
  });

  it('history without a probe first asks for the status itself, once', async () => {
    const { c, fetch } = client((url) =>
      url.startsWith('/api/recorder') ? json(STATUS) : json({ series: [] }),
    );
    const [a, b] = await Promise.all([
      c.history('a', '', 0, 1000, 10),
      c.history('b', '', 0, 1000, 10),
    ]);
    expect(a).toEqual([]);
    expect(b).toEqual([]);
    expect(fetch.mock.calls.map(([u]) => String(u).split('?')[0])).toEqual([
      '/api/recorder',
      '/api/history',
      '/api/history',
    ]);
  });

  it('history: numbers as Float64Arrays, a line with more times than values cut to the pairs', async () => {
    const { c } = client((url) =>
      url.startsWith('/api/recorder')
        ? json(STATUS)
        : json({
            topic: 'haus/+',
            path: '',
            from: 0,
            to: 5000,
            series: [
              { topic: 'haus/a', path: '', t: [1000, 2000, 3000], v: [1, 2] },
              { topic: 'haus/b', path: '', t: [], v: [] },
            ],
          }),
    );
    const lines = await c.history('haus/+', '', 0, 5000, 100);
    expect(lines![0]!.t).toBeInstanceOf(Float64Array);
    expect(lines![0]!.v).toBeInstanceOf(Float64Array);
    expect(Array.from(lines![0]!.t)).toEqual([1000, 2000]);
    expect(Array.from(lines![0]!.v)).toEqual([1, 2]);
    expect(lines![1]!.t.length).toBe(0);
  });

  it.each([
    ['a server error', () => json({ error: 'disk I/O error' }, 500)],
    ['an answer of another shape', () => json({ lines: [] })],
    [
      'values that are not numbers',
      () => json({ series: [{ topic: 'a', path: '', t: [1], v: ['x'] }] }),
    ],
    ['no network', () => Promise.reject(new TypeError('Failed to fetch'))],
  ])('history with %s is null, not an error', async (_, answer) => {
    const { c } = client((url) => (url.startsWith('/api/recorder') ? json(STATUS) : answer()));
    expect(await c.history('a', '', 0, 1000, 10)).toBeNull();
    expect(c.info()?.usable).toBe(true); // the recorder itself is still there
  });

  it('last values: none asked for nothing; a failed request loses only its own topics', async () => {
    let n = 0;
    const { c, fetch } = client((url) => {
      if (url.startsWith('/api/recorder')) return json(STATUS);
      if (n++ === 0) return json({ error: 'at most 20 wildcard filters per request' }, 400);
      const topic = new URL(url, 'http://x').searchParams.get('topic')!;
      return json({
        values: [
          { filter: topic, topic, time: 5, retained: true, payload: 'on', encoding: 'utf8' },
        ],
      });
    });
    expect(await c.last([])).toEqual([]);
    expect(fetch).not.toHaveBeenCalled();
    const values = await c.last(Array.from({ length: 201 }, (_, i) => `t/${i}`));
    expect(values).toEqual([
      {
        filter: 't/200',
        topic: 't/200',
        time: 5,
        retained: true,
        bytes: new TextEncoder().encode('on'),
      },
    ]);
  });

  it('last values of a recorder of another broker are not asked', async () => {
    const { c, fetch } = client(() =>
      json({ ...STATUS, source: { kind: 'mqtt', url: 'mqtt://other.lan:1883' } }),
    );
    expect(await c.last(['a'])).toEqual([]);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('the CSV link keeps wildcards, spaces, & and umlauts of a topic, and the base', () => {
    const c = createRecorderClient({
      page: () => tablet('ws://tafel.lan:8080/mqtt'),
      base: 'https://tafel.lan/wand',
      fetch: vi.fn() as unknown as typeof globalThis.fetch,
    });
    for (const topic of ['haus/+/temp', 'haus/#', 'a b&c=d/Küche', '100%/x?y']) {
      const url = new URL(c.csvUrl(topic, 'values[0].v', 1, 2));
      expect(url.origin + url.pathname).toBe('https://tafel.lan/wand/api/history.csv');
      expect(url.hash).toBe('');
      expect(Object.fromEntries(url.searchParams)).toEqual({
        topic,
        path: 'values[0].v',
        from: '1',
        to: '2',
        points: '100000',
      });
    }
  });

  it('a status asked early that failed: no recorder for now, the next probe asks', async () => {
    const fetch = vi.fn(() => Promise.resolve(json(STATUS)));
    const c = createRecorderClient({
      page: () => tablet('ws://tafel.lan:8080/mqtt'),
      fetch: fetch as unknown as typeof globalThis.fetch,
      firstStatus: Promise.reject(new TypeError('Failed to fetch')),
    });
    expect(await c.probe()).toBeNull();
    expect(fetch).not.toHaveBeenCalled();
    expect((await c.probe())?.usable).toBe(true);
  });
});
