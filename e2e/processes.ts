import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A port that was free a moment ago (the OS picks it). */
export async function freePort(): Promise<number> {
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

/** Resolves once something accepts TCP connections on `port`. */
export async function waitForPort(port: number, timeoutMs = 30_000): Promise<void> {
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
    if (Date.now() > deadline)
      throw new Error(`Nothing listens on port ${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A child process whose output is kept for error messages, stopped by PID. */
export class Child {
  private proc: ChildProcess | null = null;
  private output = '';

  constructor(
    private readonly name: string,
    private readonly command: string,
    private readonly args: string[],
    private readonly env: Record<string, string> = {},
  ) {}

  start(): void {
    this.output = '';
    const proc = spawn(this.command, this.args, {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...this.env },
    });
    proc.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    proc.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    proc.on('exit', (code, signal) => {
      if (this.proc === proc) this.proc = null;
      if (code && code !== 0) this.output += `\n[${this.name} exited with ${code ?? signal}]`;
    });
    this.proc = proc;
  }

  get log(): string {
    return this.output;
  }

  async stop(): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null) return;
    this.proc = null;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => proc.kill('SIGKILL'), 5000);
      proc.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      proc.kill('SIGTERM');
    });
  }
}

/** The Tafel server (`npm start`'s process), on the given ports. */
export function tafelServer(opts: {
  port: number;
  mqttPort: number;
  broker: boolean;
  /** Serve over HTTPS/WSS (a certificate is made in the data dir). */
  https?: boolean;
  /** Reuse a data dir (and so its certificate, retained messages and history). */
  dataDir?: string;
  /** More environment (RECORD_FROM …). */
  env?: Record<string, string>;
}): Child {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'tafel-e2e-data-'));
  return new Child(
    'tafel',
    process.execPath,
    [
      '--import',
      'tsx',
      'server/main.ts',
      '--no-build',
      '--host',
      '127.0.0.1',
      '--port',
      String(opts.port),
      '--mqtt-port',
      String(opts.mqttPort),
      '--data-dir',
      dataDir,
      ...(opts.broker ? [] : ['--no-broker']),
      ...(opts.https ? ['--https'] : []),
    ],
    opts.env,
  );
}

/** Debian's Mosquitto with its own config: a TCP and a WebSockets listener. */
export function mosquitto(opts: {
  tcpPort: number;
  wsPort: number;
  allowAnonymous?: boolean;
  /** acl_file lines; without it every client may do anything. */
  acl?: string[];
}): Child {
  const dir = mkdtempSync(path.join(tmpdir(), 'tafel-e2e-mosquitto-'));
  const conf = path.join(dir, 'mosquitto.conf');
  const aclFile = path.join(dir, 'acl');
  // Started as root, Mosquitto drops to its own user, which must still read the ACL.
  chmodSync(dir, 0o755);
  if (opts.acl) writeFileSync(aclFile, opts.acl.join('\n') + '\n', { mode: 0o644 });
  writeFileSync(
    conf,
    [
      'per_listener_settings false',
      `allow_anonymous ${opts.allowAnonymous === false ? 'false' : 'true'}`,
      'persistence false',
      'log_dest stderr',
      'log_type error',
      'log_type warning',
      ...(opts.acl ? [`acl_file ${aclFile}`] : []),
      `listener ${opts.tcpPort} 127.0.0.1`,
      'protocol mqtt',
      // Mosquitto 2.0.11 ignores a websockets listener's bind address (STACK-NOTES).
      `listener ${opts.wsPort}`,
      'protocol websockets',
      '',
    ].join('\n'),
  );
  return new Child('mosquitto', process.env.MOSQUITTO_PATH ?? '/usr/sbin/mosquitto', ['-c', conf]);
}
