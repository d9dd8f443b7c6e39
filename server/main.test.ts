import { spawn, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { generate } from 'selfsigned';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './paths.ts';
import { freePort, makeFakeDist } from './test-helpers.ts';

let root: string;
let dist: string;
const running: ChildProcess[] = [];

beforeAll(async () => {
  ({ root, dist } = await makeFakeDist());
});
afterEach(async () => {
  await Promise.all(running.splice(0).map(stop));
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

/** `npm start`'s process, as a user runs it; resolves with what it printed once it is ready. */
function startCli(args: string[]) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/main.ts', '--no-build', '--dist', dist, ...args],
    { cwd: repoRoot, env: { ...process.env, NO_BUILD: '1' } },
  );
  running.push(child);
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise<{ out: string; code: number | null }>((resolve) => {
    child.stdout.on('data', () => out.includes('Tafel is ready.') && resolve({ out, code: null }));
    child.once('exit', (code) => resolve({ out, code }));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

// Two real server starts (node + tsx each): seconds on a loaded 2-core machine.
describe('npm start -- --https', { timeout: 30_000 }, () => {
  it('prints https, wss and mqtts URLs, the certificate and its fingerprint', async () => {
    const dataDir = path.join(root, 'data-cli');
    const mqttsPort = await freePort();
    const args = ['--https', '--host', '127.0.0.1', '--port', '0', '--mqtt-port', '0'];
    const first = await startCli([
      ...args,
      '--mqtts-port',
      String(mqttsPort),
      '--data-dir',
      dataDir,
    ]);
    const certFile = path.join(dataDir, 'tls', 'cert.pem');
    const fingerprint = new X509Certificate(await fs.readFile(certFile)).fingerprint256;

    expect(first.out).toMatch(
      /^Made a new self-signed TLS certificate \(there was none yet\), valid until \d{4}-\d\d-\d\d, for localhost, .*127\.0\.0\.1, ::1.*\.\n/,
    );
    expect(first.out).toMatch(/^ {2}App {9}https:\/\/127\.0\.0\.1:\d+$/m);
    expect(first.out).toMatch(/^ {2}MQTT \(WSS\) {2}wss:\/\/127\.0\.0\.1:\d+\/mqtt$/m);
    expect(first.out).toContain(`  MQTT (TLS)  mqtts://127.0.0.1:${mqttsPort}\n`);
    expect(first.out).toContain(
      `  Certificate ${certFile}\n              install this on your tablet to trust it\n`,
    );
    expect(first.out).toContain(`  SHA-256     ${fingerprint}\n`);
    await Promise.all(running.splice(0).map(stop));

    // The second start reuses it, so it says nothing about a new one.
    const second = await startCli([...args, '--data-dir', dataDir]);
    expect(second.out).not.toContain('Made a new');
    expect(second.out).not.toContain('MQTT (TLS)');
    expect(second.out).toContain(`  SHA-256     ${fingerprint}\n`);
  });

  it('exits with code 2 and one line for a key that does not fit', async () => {
    const dir = path.join(root, 'cli-own');
    await fs.mkdir(dir);
    const a = await generate(undefined, { keyType: 'ec', algorithm: 'sha256' });
    const b = await generate(undefined, { keyType: 'ec', algorithm: 'sha256' });
    await fs.writeFile(path.join(dir, 'cert.pem'), a.cert);
    await fs.writeFile(path.join(dir, 'key.pem'), b.private);
    const { out, code } = await startCli([
      '--https',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--mqtt-port',
      '0',
      '--data-dir',
      path.join(root, 'data-cli-own'),
      '--tls-cert',
      path.join(dir, 'cert.pem'),
      '--tls-key',
      path.join(dir, 'key.pem'),
    ]);
    expect(code).toBe(2);
    expect(out).toBe(
      `tafel: TLS_KEY (--tls-key) ${path.join(dir, 'key.pem')} is not the key of the certificate in TLS_CERT (--tls-cert).\n`,
    );
  });
});
