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
