import { X509Certificate } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { generate } from 'selfsigned';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { TlsConfig } from './config.ts';
import { startServer, type RunningServer } from './server.ts';
import {
  freePort,
  isListening,
  makeFakeDist,
  occupyPort,
  rawGet,
  rawGetTls,
  testConfig,
} from './test-helpers.ts';

const quiet = { log: () => {} };
const clients: MqttClient[] = [];
let root: string;
let dist: string;

beforeAll(async () => {
  ({ root, dist } = await makeFakeDist());
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

function tls(overrides: Partial<TlsConfig> = {}): TlsConfig {
  return { https: true, mqttsPort: null, certFile: null, keyFile: null, ...overrides };
}

async function connect(url: string, ca?: string): Promise<MqttClient> {
  const client = await mqtt.connectAsync(url, {
    reconnectPeriod: 0,
    connectTimeout: 5000,
    ...(ca ? { ca } : {}),
  });
  clients.push(client);
  return client;
}

async function roundTrip(from: MqttClient, to: MqttClient, topic: string, payload: string) {
  await to.subscribeAsync(topic, { qos: 1 });
  const received = new Promise<string>((resolve) =>
    to.on('message', (t, message) => t === topic && resolve(message.toString())),
  );
  await from.publishAsync(topic, payload, { qos: 1 });
  return received;
}

describe('HTTPS with a generated certificate', () => {
  let server: RunningServer;
  let ca: string;
  const dataDir = () => path.join(root, 'data-https');

  beforeAll(async () => {
    server = await startServer(
      testConfig({ distDir: dist, dataDir: dataDir(), tls: tls({ mqttsPort: 0 }) }),
      quiet,
    );
    ca = await fs.readFile(path.join(dataDir(), 'tls', 'cert.pem'), 'utf8');
  });
  afterAll(() => server?.close());

  it('serves the app over https to a client that trusts only this certificate', async () => {
    // With `ca`, Node checks the chain and that 127.0.0.1 is one of the certificate's names.
    const res = await rawGetTls(server.httpPort, '/', ca);
    expect(res.status).toBe(200);
    expect(res.body.toString()).toContain('fake-index');
  });

  it('is refused by a client that does not trust it', async () => {
    // fetch trusts the public CAs only, as a tablet does before the certificate is installed.
    await expect(fetch(`https://127.0.0.1:${server.httpPort}/healthz`)).rejects.toThrow();
    expect((await rawGetTls(server.httpPort, '/healthz')).status).toBe(200);
  });

  it('no longer speaks plain HTTP on that port', async () => {
    await expect(rawGet(server.httpPort, '/healthz')).rejects.toThrow();
  });

  it('reports tls in /healthz', async () => {
    const res = await rawGetTls(server.httpPort, '/healthz', ca);
    expect(JSON.parse(res.body.toString())).toEqual({
      status: 'ok',
      broker: true,
      clients: 0,
      tls: true,
      recorder: null,
    });
  });

  it('gives https, wss and mqtts URLs and the fingerprint', () => {
    expect(server.urls).toEqual({
      http: [`https://127.0.0.1:${server.httpPort}`],
      ws: [`wss://127.0.0.1:${server.httpPort}/mqtt`],
      mqtt: [`mqtt://127.0.0.1:${server.mqttPort}`],
      mqtts: [`mqtts://127.0.0.1:${server.mqttsPort}`],
    });
    expect(server.fingerprint).toBe(new X509Certificate(ca).fingerprint256);
    expect(server.certificate).toMatchObject({
      origin: 'generated',
      certFile: path.join(dataDir(), 'tls', 'cert.pem'),
    });
  });

  it('carries MQTT between wss:// and a sensor on TCP', async () => {
    const wss = await connect(`wss://127.0.0.1:${server.httpPort}/mqtt`, ca);
    const tcp = await connect(`mqtt://127.0.0.1:${server.mqttPort}`);
    expect(await roundTrip(tcp, wss, 'tafel/tls/tcp-to-wss', '21.5')).toBe('21.5');
    expect(await roundTrip(wss, tcp, 'tafel/tls/wss-to-tcp', 'on')).toBe('on');
  });

  it('carries MQTT between mqtts:// and wss://', async () => {
    const wss = await connect(`wss://127.0.0.1:${server.httpPort}/mqtt`, ca);
    const mqtts = await connect(`mqtts://127.0.0.1:${server.mqttsPort}`, ca);
    expect(await roundTrip(mqtts, wss, 'tafel/tls/mqtts-to-wss', '42')).toBe('42');
    expect(await roundTrip(wss, mqtts, 'tafel/tls/wss-to-mqtts', 'off')).toBe('off');
  });

  it('accepts the WebSocket upgrade on /mqtt only', async () => {
    const status = (url: string) =>
      new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(url, 'mqtt', { ca });
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
    expect(await status(`wss://127.0.0.1:${server.httpPort}/mqtt`)).toBe(101);
    expect(await status(`wss://127.0.0.1:${server.httpPort}/other`)).toBe(404);
  });

  it('reuses the certificate on the next start', async () => {
    const fingerprint = server.fingerprint;
    await server.close();
    server = await startServer(
      testConfig({ distDir: dist, dataDir: dataDir(), tls: tls() }),
      quiet,
    );
    expect(server.fingerprint).toBe(fingerprint);
    expect(server.certificate?.origin).toBe('reused');
    expect(server.mqttsPort).toBeNull();
    expect(server.urls.mqtts).toEqual([]);
    expect((await rawGetTls(server.httpPort, '/', ca)).status).toBe(200);
  });
});

describe('a certificate of your own', () => {
  let certFile: string;
  let keyFile: string;
  let cert: string;

  beforeAll(async () => {
    const dir = path.join(root, 'own');
    await fs.mkdir(dir);
    const pems = await generate([{ name: 'commonName', value: 'tafel.test' }], {
      // RSA here, EC in the generated one: both kinds must work.
      keySize: 2048,
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: true },
        { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
      ],
    });
    ({ cert } = pems);
    certFile = path.join(dir, 'cert.pem');
    keyFile = path.join(dir, 'key.pem');
    await fs.writeFile(certFile, pems.cert);
    await fs.writeFile(keyFile, pems.private);
  });

  it('is used as given, for HTTPS and MQTTS, and nothing is generated', async () => {
    const dataDir = path.join(root, 'data-own');
    const server = await startServer(
      testConfig({ distDir: dist, dataDir, tls: tls({ certFile, keyFile, mqttsPort: 0 }) }),
      quiet,
    );
    try {
      expect(server.fingerprint).toBe(new X509Certificate(cert).fingerprint256);
      expect(server.certificate).toMatchObject({ origin: 'provided', certFile });
      expect((await rawGetTls(server.httpPort, '/', cert)).status).toBe(200);
      const mqtts = await connect(`mqtts://127.0.0.1:${server.mqttsPort}`, cert);
      const wss = await connect(`wss://127.0.0.1:${server.httpPort}/mqtt`, cert);
      expect(await roundTrip(mqtts, wss, 'tafel/tls/own', 'yes')).toBe('yes');
      await expect(fs.stat(path.join(dataDir, 'tls'))).rejects.toThrow();
    } finally {
      await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
      await server.close();
    }
  });

  it('serves MQTTS beside plain HTTP when only MQTTS_PORT is set', async () => {
    const server = await startServer(
      testConfig({
        distDir: dist,
        dataDir: path.join(root, 'data-mqtts-only'),
        tls: tls({ https: false, certFile, keyFile, mqttsPort: 0 }),
      }),
      quiet,
    );
    try {
      expect(server.urls.http).toEqual([`http://127.0.0.1:${server.httpPort}`]);
      const health = JSON.parse((await rawGet(server.httpPort, '/healthz')).body.toString());
      expect(health.tls).toBe(false);
      const mqtts = await connect(`mqtts://127.0.0.1:${server.mqttsPort}`, cert);
      const ws = await connect(`ws://127.0.0.1:${server.httpPort}/mqtt`);
      expect(await roundTrip(ws, mqtts, 'tafel/tls/mixed', '1')).toBe('1');
    } finally {
      await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
      await server.close();
    }
  });

  it('refuses a key that is not the certificate’s, in one line, and releases everything', async () => {
    const other = await generate(undefined, { keyType: 'ec', algorithm: 'sha256' });
    const wrongKey = path.join(root, 'own', 'other-key.pem');
    await fs.writeFile(wrongKey, other.private);
    const dataDir = path.join(root, 'data-wrong-key');
    const port = await freePort();
    const error = await startServer(
      testConfig({ distDir: dist, dataDir, port, tls: tls({ certFile, keyFile: wrongKey }) }),
      quiet,
    ).catch((e: unknown) => e as Error);
    expect((error as Error).message).toBe(
      `TLS_KEY (--tls-key) ${wrongKey} is not the key of the certificate in TLS_CERT (--tls-cert).`,
    );
    expect(await isListening(port)).toBe(false);
    // The broker store was closed too, or this would fail with a lock error.
    const again = await startServer(testConfig({ distDir: dist, dataDir }), quiet);
    await again.close();
  });
});

describe('startup failures with TLS', () => {
  it('names MQTTS_PORT when its port is taken, and releases the HTTPS port', async () => {
    const taken = await occupyPort();
    const port = await freePort();
    const dataDir = path.join(root, 'data-mqtts-taken');
    try {
      const error = await startServer(
        testConfig({ distDir: dist, dataDir, port, tls: tls({ mqttsPort: taken.port }) }),
        quiet,
      ).catch((e: unknown) => e as Error);
      expect((error as Error).message).toBe(
        `Port ${taken.port} is already in use (MQTT over TLS). Set MQTTS_PORT or --mqtts-port to a free port.`,
      );
      expect(await isListening(port)).toBe(false);
    } finally {
      await taken.release();
    }
  });
});

describe('without TLS', () => {
  it('has no fingerprint and says tls false', async () => {
    const server = await startServer(
      testConfig({ distDir: dist, dataDir: path.join(root, 'data-plain') }),
      quiet,
    );
    try {
      expect(server.fingerprint).toBeNull();
      expect(server.certificate).toBeNull();
      expect(server.mqttsPort).toBeNull();
      const health = JSON.parse((await rawGet(server.httpPort, '/healthz')).body.toString());
      expect(health.tls).toBe(false);
      await expect(fs.stat(path.join(root, 'data-plain', 'tls'))).rejects.toThrow();
    } finally {
      await server.close();
    }
  });
});
