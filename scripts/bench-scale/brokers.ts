/**
 * The two set-ups scripts/bench-scale.ts runs on: the Tafel server with its embedded broker
 * (in this process, as scripts/with-running-app.ts does), and Debian's Mosquitto (its own
 * process, configured as e2e/processes.ts does) with the Tafel server serving the app only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultDistDir } from '../../server/paths.ts';
import { startServer } from '../../server/server.ts';

export type BrokerKind = 'embedded' | 'mosquitto';

export interface BenchBroker {
  kind: BrokerKind;
  /** The app's origin, ending in `/`. */
  origin: string;
  /** What to append to an app address: `?broker=…` for Mosquitto, else empty. */
  query: string;
  /** Where a page's MQTT.js connects (the baseline). */
  wsUrl: string;
  /** Where Node's MQTT.js clients connect: plain MQTT over TCP. */
  tcpUrl: string;
  /** Stops everything it started (idempotent). */
  close(): Promise<void>;
}

/** Processes this script spawned, by PID: killed on the way out, however it goes. */
const spawned = new Set<ChildProcess>();
/** Throw-away directories (configs, data dirs): removed on the way out too. */
const tempDirs = new Set<string>();

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

function removeTemp(dir: string): void {
  tempDirs.delete(dir);
  rmSync(dir, { recursive: true, force: true });
}

/** For exit and signal handlers: SIGKILL to every child still running, temp dirs removed. Synchronous. */
export function cleanUpNow(): void {
  for (const p of spawned) {
    if (p.pid !== undefined && p.exitCode === null && p.signalCode === null) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  spawned.clear();
  for (const dir of [...tempDirs]) removeTemp(dir);
}

async function stopChild(p: ChildProcess): Promise<void> {
  spawned.delete(p);
  if (p.pid === undefined || p.exitCode !== null || p.signalCode !== null) return;
  const pid = p.pid;
  await new Promise<void>((resolve) => {
    const force = setTimeout(() => {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        resolve();
      }
    }, 5000);
    p.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      clearTimeout(force);
      resolve();
    }
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, alive: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (!alive()) throw new Error(`the process that should listen on port ${port} exited`);
    if (Date.now() > deadline)
      throw new Error(`nothing listens on port ${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const quietLog = (line: string) => console.warn(`[tafel server] ${line}`);

export async function startEmbedded(): Promise<BenchBroker> {
  const dataDir = tempDir('tafel-bench-scale-');
  const server = await startServer(
    {
      port: 0,
      host: '127.0.0.1',
      mqttPort: 0,
      dataDir,
      distDir: defaultDistDir,
      broker: true,
    },
    { log: quietLog },
  );
  let closed = false;
  return {
    kind: 'embedded',
    origin: `http://127.0.0.1:${server.httpPort}/`,
    query: '',
    wsUrl: `ws://127.0.0.1:${server.httpPort}/mqtt`,
    tcpUrl: `mqtt://127.0.0.1:${server.mqttPort}`,
    async close() {
      if (closed) return;
      closed = true;
      await server.close();
      removeTemp(dataDir);
    },
  };
}

export async function startMosquitto(): Promise<BenchBroker> {
  const [tcpPort, wsPort] = [await freePort(), await freePort()];
  const confDir = tempDir('tafel-bench-mosquitto-');
  // Started as root, Mosquitto drops to its own user, which must still read the config.
  chmodSync(confDir, 0o755);
  const conf = path.join(confDir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [
      'per_listener_settings false',
      'allow_anonymous true',
      'persistence false',
      'log_dest stderr',
      'log_type error',
      'log_type warning',
      `listener ${tcpPort} 127.0.0.1`,
      'protocol mqtt',
      // Mosquitto 2.0.11 ignores a websockets listener's bind address.
      `listener ${wsPort}`,
      'protocol websockets',
      '',
    ].join('\n'),
    { mode: 0o644 },
  );
  const proc = spawn(process.env.MOSQUITTO_PATH ?? '/usr/sbin/mosquitto', ['-c', conf], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  spawned.add(proc);
  let log = '';
  proc.stderr?.on('data', (d: Buffer) => {
    log += d.toString();
    if (log.length > 20_000) log = log.slice(-10_000);
  });
  let exited = false;
  proc.on('exit', () => (exited = true));
  proc.on('error', (e) => {
    exited = true;
    log += `\n${e.message}`;
  });

  const dataDir = tempDir('tafel-bench-scale-');
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await server?.close();
    await stopChild(proc);
    removeTemp(dataDir);
    removeTemp(confDir);
  };
  try {
    await waitForPort(tcpPort, () => !exited);
    await waitForPort(wsPort, () => !exited);
    server = await startServer(
      {
        port: 0,
        host: '127.0.0.1',
        mqttPort: null,
        dataDir,
        distDir: defaultDistDir,
        broker: false,
      },
      { log: quietLog },
    );
  } catch (e) {
    await close();
    throw new Error(`Mosquitto did not start: ${(e as Error).message}\n${log}`);
  }
  const wsUrl = `ws://127.0.0.1:${wsPort}`;
  return {
    kind: 'mosquitto',
    origin: `http://127.0.0.1:${server.httpPort}/`,
    query: `?broker=${encodeURIComponent(wsUrl)}`,
    wsUrl,
    tcpUrl: `mqtt://127.0.0.1:${tcpPort}`,
    close,
  };
}
