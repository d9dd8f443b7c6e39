import fs from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ServerConfig } from './config.ts';

/** Written next to the fake dist; a response containing it escaped the dist dir. */
export const secretMarker = 'SECRET-OUTSIDE-DIST';

export async function makeTempDir(prefix = 'tafel-test-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

export function fakeAppJs(): string {
  // A few KB of realistic-looking code, so compression has something to do.
  const widgets = Array.from(
    { length: 60 },
    (_, i) =>
      `export function widget${i}(state) {\n  return { id: 'w${i}', value: state.values[${i}] ?? null, label: 'Widget ${i}' };\n}`,
  );
  return `${widgets.join('\n')}\nconsole.log('tafel fake app');\n`;
}

/** `<root>/dist` with an index.html and two hashed assets, and a secret file beside it. */
export async function makeFakeDist(): Promise<{ root: string; dist: string }> {
  const root = await makeTempDir();
  const dist = path.join(root, 'dist');
  await fs.mkdir(path.join(dist, 'assets'), { recursive: true });
  await fs.writeFile(
    path.join(dist, 'index.html'),
    '<!doctype html><html><head><title>Tafel test</title>' +
      '<script type="module" src="/assets/app-AbC123.js"></script>' +
      '<link rel="stylesheet" href="/assets/style-XyZ789.css"></head>' +
      '<body><div id="root">fake-index</div></body></html>\n',
  );
  await fs.writeFile(path.join(dist, 'assets', 'app-AbC123.js'), fakeAppJs());
  const rules = Array.from({ length: 40 }, (_, i) => `.widget-${i} { padding: ${i}px; }`);
  await fs.writeFile(path.join(dist, 'assets', 'style-XyZ789.css'), rules.join('\n'));
  await fs.writeFile(path.join(root, 'package.json'), JSON.stringify({ name: secretMarker }));
  return { root, dist };
}

export function testConfig(
  overrides: Partial<ServerConfig> & { distDir: string; dataDir: string },
) {
  return {
    port: 0,
    host: '127.0.0.1',
    mqttPort: 0,
    broker: true,
    ...overrides,
  } satisfies ServerConfig;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** http.request sends the path exactly as given; fetch would normalise `..` away. */
export function rawGet(
  port: number,
  requestPath: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: requestPath, method, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * rawGet over TLS. With `ca` the certificate is checked as a browser would (chain and the
 * address 127.0.0.1 in its names); without, anything is accepted.
 */
export function rawGetTls(port: number, requestPath: string, ca?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        port,
        path: requestPath,
        agent: false,
        ...(ca === undefined ? { rejectUnauthorized: false } : { ca }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Holds a port so the code under test finds it taken. */
export async function occupyPort(): Promise<{ port: number; release(): Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { port, release: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function freePort(): Promise<number> {
  const held = await occupyPort();
  await held.release();
  return held.port;
}

/** True when something accepts connections on the port. */
export function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
