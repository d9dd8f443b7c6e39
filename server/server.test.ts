import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { WebSocket } from 'ws';
import { dashboardMessage, widget } from './recorder/test-dashboards.ts';
import { recorderConfig } from './recorder/test-support.ts';
import { startServer, type RunningServer } from './server.ts';
import {
  fakeAppJs,
  freePort,
  isListening,
  makeFakeDist,
  occupyPort,
  rawGet,
  secretMarker,
  testConfig,
} from './test-helpers.ts';

const quiet = { log: () => {} };
const tempDirs: string[] = [];

async function fixture() {
  const { root, dist } = await makeFakeDist();
  const dataDir = path.join(root, 'data');
  tempDirs.push(root);
  return { root, dist, dataDir };
}

afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

/** Resolves with the HTTP status the server answered a WebSocket upgrade with. */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, 'mqtt');
    ws.on('open', () => {
      ws.terminate();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', reject);
  });
}

describe('static app', () => {
  let server: RunningServer;
  let dist: string;

  beforeAll(async () => {
    const f = await fixture();
    dist = f.dist;
    server = await startServer(testConfig({ distDir: f.dist, dataDir: f.dataDir }), quiet);
  });
  afterAll(() => server?.close());

  it('serves index.html without caching', async () => {
    const res = await rawGet(server.httpPort, '/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body.toString()).toContain('fake-index');
  });

  it('serves hashed assets as immutable with the right type', async () => {
    const res = await rawGet(server.httpPort, '/assets/app-AbC123.js');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^(application|text)\/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.toString()).toBe(fakeAppJs());

    const css = await rawGet(server.httpPort, '/assets/style-XyZ789.css');
    expect(css.headers['content-type']).toMatch(/^text\/css/);
  });

  it('compresses text assets with brotli or gzip', async () => {
    const original = await fs.readFile(path.join(dist, 'assets', 'app-AbC123.js'));

    const br = await rawGet(server.httpPort, '/assets/app-AbC123.js', {
      'Accept-Encoding': 'br, gzip',
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.body.length).toBeLessThan(original.length / 3);
    expect(zlib.brotliDecompressSync(br.body)).toEqual(original);

    const gz = await rawGet(server.httpPort, '/assets/app-AbC123.js', {
      'Accept-Encoding': 'gzip',
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body)).toEqual(original);
  });

  it('falls back to index.html for client-side routes', async () => {
    const res = await rawGet(server.httpPort, '/some/page');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body.toString()).toContain('fake-index');
  });

  it('answers 404 for missing files, never index.html', async () => {
    for (const missing of ['/assets/missing.js', '/assets/missing', '/favicon.ico']) {
      const res = await rawGet(server.httpPort, missing);
      expect(res.status, missing).toBe(404);
      expect(res.body.toString()).not.toContain('fake-index');
    }
  });

  it('never serves files from outside dist', async () => {
    for (const attack of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/assets/..%2f..%2fpackage.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/..%5c..%5cpackage.json',
      '/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    ]) {
      const res = await rawGet(server.httpPort, attack);
      expect([400, 403, 404], attack).toContain(res.status);
      expect(res.body.toString(), attack).not.toContain(secretMarker);
      expect(res.body.toString(), attack).not.toContain('root:');
    }
  });

  it('refuses other methods', async () => {
    const res = await rawGet(server.httpPort, '/', {}, 'POST');
    expect(res.status).toBe(405);
  });

  it('reports health', async () => {
    const res = await rawGet(server.httpPort, '/healthz');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(res.body.toString())).toEqual({
      status: 'ok',
      broker: true,
      clients: 0,
      tls: false,
      recorder: null,
    });
  });

  it('accepts WebSocket upgrades on /mqtt only', async () => {
    expect(await upgradeStatus(`ws://127.0.0.1:${server.httpPort}/mqtt`)).toBe(101);
    expect(await upgradeStatus(`ws://127.0.0.1:${server.httpPort}/other`)).toBe(404);
  });

  it('writes the precompressed variants into dist', async () => {
    await expect(fs.stat(path.join(dist, 'assets', 'app-AbC123.js.br'))).resolves.toBeTruthy();
    await expect(fs.stat(path.join(dist, 'assets', 'app-AbC123.js.gz'))).resolves.toBeTruthy();
  });
});

describe('--no-broker', () => {
  let server: RunningServer;

  beforeAll(async () => {
    const f = await fixture();
    server = await startServer(
      testConfig({ distDir: f.dist, dataDir: f.dataDir, broker: false }),
      quiet,
    );
  });
  afterAll(() => server?.close());

  it('refuses the /mqtt upgrade and says broker false', async () => {
    expect(server.mqttPort).toBeNull();
    expect(server.urls.ws).toEqual([]);
    expect(await upgradeStatus(`ws://127.0.0.1:${server.httpPort}/mqtt`)).toBe(404);
    const health = await rawGet(server.httpPort, '/healthz');
    expect(JSON.parse(health.body.toString())).toEqual({
      status: 'ok',
      broker: false,
      clients: 0,
      tls: false,
      recorder: null,
    });
  });

  it('still serves the app', async () => {
    const res = await rawGet(server.httpPort, '/');
    expect(res.body.toString()).toContain('fake-index');
  });
});

describe('the recorder', () => {
  const json = async (port: number, p: string) =>
    JSON.parse((await rawGet(port, p)).body.toString()) as Record<string, unknown>;

  it('records the embedded broker’s dashboard topics and keeps them over a restart', async () => {
    const f = await fixture();
    const config = testConfig({
      distDir: f.dist,
      dataDir: f.dataDir,
      recorder: recorderConfig({ topics: ['extra/#'] }),
    });
    const first = await startServer(config, quiet);
    try {
      expect(first.recorder).not.toBeNull();
      const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${first.mqttPort}`, {
        reconnectPeriod: 0,
      });
      await client.publishAsync(
        'tafel/dashboards/srv',
        dashboardMessage('srv', [widget('gauge', { topic: 'srv/temp' })]),
        { retain: true, qos: 1 },
      );
      await client.publishAsync('srv/temp', '21', { qos: 1 });
      await client.publishAsync('extra/x', '5', { qos: 1 });
      await client.endAsync();
      // The broker hands messages to the recorder in-process, before the publish is acked.
      const history = await json(first.httpPort, '/api/history?topic=srv/temp');
      expect(history.series).toMatchObject([{ topic: 'srv/temp', v: [21] }]);
      const last = await json(first.httpPort, '/api/last?topic=extra/%2B');
      expect(last.values).toMatchObject([{ topic: 'extra/x', payload: '5', retained: false }]);
      expect(await json(first.httpPort, '/healthz')).toMatchObject({
        recorder: {
          recording: true,
          source: { kind: 'embedded', url: null, connected: true, error: null },
        },
      });
    } finally {
      await first.close();
    }

    // The shared dashboard is read from the broker's store at start; the samples were written
    // at close.
    const second = await startServer(config, quiet);
    try {
      const status = await json(second.httpPort, '/api/recorder');
      expect(status).toMatchObject({
        recording: true,
        dashboards: 1,
        topicsSample: ['extra/#', 'srv/temp'],
        rows: { raw: 2 },
      });
      const history = await json(second.httpPort, '/api/history?topic=srv/temp');
      expect(history.series).toMatchObject([{ topic: 'srv/temp', v: [21] }]);
      await fs.access(path.join(f.dataDir, 'history.db'));
    } finally {
      await second.close();
    }
  });

  it('serves the app for a path that only looks like the API', async () => {
    const f = await fixture();
    const server = await startServer(
      testConfig({ distDir: f.dist, dataDir: f.dataDir, recorder: recorderConfig() }),
      quiet,
    );
    try {
      // Resolved, /api/../index.html is /index.html: not the API's, and it used to hang.
      const res = await rawGet(server.httpPort, '/api/../index.html');
      expect([200, 400, 403, 404]).toContain(res.status);
      expect((await rawGet(server.httpPort, '/api/nothing')).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('is off without a recorder config, and with --no-broker and no RECORD_FROM', async () => {
    const f = await fixture();
    const plain = await startServer(testConfig({ distDir: f.dist, dataDir: f.dataDir }), quiet);
    try {
      expect(plain.recorder).toBeNull();
      const status = await rawGet(plain.httpPort, '/api/recorder');
      expect(status.status).toBe(200);
      expect(JSON.parse(status.body.toString())).toMatchObject({ enabled: false });
      expect((await rawGet(plain.httpPort, '/api/last?topic=a')).status).toBe(404);
    } finally {
      await plain.close();
    }
    const noBroker = await startServer(
      testConfig({
        distDir: f.dist,
        dataDir: f.dataDir,
        broker: false,
        recorder: recorderConfig(),
      }),
      quiet,
    );
    try {
      expect(noBroker.recorder).toBeNull();
      expect((await rawGet(noBroker.httpPort, '/api/last?topic=a')).status).toBe(404);
    } finally {
      await noBroker.close();
    }
  });
});

describe('startup failures', () => {
  const held: { release(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(held.splice(0).map((h) => h.release()));
  });

  it('names PORT when the HTTP port is taken, and releases everything', async () => {
    const f = await fixture();
    const taken = await occupyPort();
    held.push(taken);
    const mqttPort = await freePort();

    const error = await startServer(
      testConfig({ distDir: f.dist, dataDir: f.dataDir, port: taken.port, mqttPort }),
      quiet,
    ).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      `Port ${taken.port} is already in use (HTTP). Set PORT or --port to a free port.`,
    );
    expect(await isListening(mqttPort)).toBe(false);

    // The broker store was closed too, or this would fail with a lock error.
    const again = await startServer(testConfig({ distDir: f.dist, dataDir: f.dataDir }), quiet);
    await again.close();
  });

  it('names MQTT_PORT when the MQTT port is taken, and releases the HTTP port', async () => {
    const f = await fixture();
    const taken = await occupyPort();
    held.push(taken);
    const port = await freePort();

    const error = await startServer(
      testConfig({ distDir: f.dist, dataDir: f.dataDir, port, mqttPort: taken.port }),
      quiet,
    ).catch((e: unknown) => e as Error);
    expect((error as Error).message).toBe(
      `Port ${taken.port} is already in use (MQTT over TCP). Set MQTT_PORT or --mqtt-port to a free port.`,
    );
    expect(await isListening(port)).toBe(false);
    const again = await startServer(testConfig({ distDir: f.dist, dataDir: f.dataDir }), quiet);
    await again.close();
  });

  it('explains a data dir held by another server', async () => {
    const f = await fixture();
    const first = await startServer(testConfig({ distDir: f.dist, dataDir: f.dataDir }), quiet);
    try {
      const error = await startServer(
        testConfig({ distDir: f.dist, dataDir: f.dataDir }),
        quiet,
      ).catch((e: unknown) => e as Error);
      expect((error as Error).message).toMatch(/in use by another Tafel server.*DATA_DIR/);
    } finally {
      await first.close();
    }
  });

  it('explains a missing build', async () => {
    const f = await fixture();
    const error = await startServer(
      testConfig({ distDir: path.join(f.root, 'nowhere'), dataDir: f.dataDir }),
      quiet,
    ).catch((e: unknown) => e as Error);
    expect((error as Error).message).toMatch(/^No app build in .*index\.html is missing/);
  });
});
