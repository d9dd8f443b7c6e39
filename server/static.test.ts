import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStaticHandler } from './static.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

async function serve(files: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tafel-static-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  const lines: string[] = [];
  const handler = await createStaticHandler(dir, { log: (l) => lines.push(l) });
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const url = (p: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${p}`;
  return { dir, url, lines };
}

describe('static files', () => {
  it('survives a file that vanished since start (a rebuild while running): that request fails, the server goes on', async () => {
    const big = 'x'.repeat(4096); // large enough to be precompressed too
    const { dir, url, lines } = await serve({
      'index.html': `<!doctype html><title>Tafel</title>${big}`,
      'assets/app-1.js': `console.log(1);${big}`,
    });
    for (const f of fs.readdirSync(path.join(dir, 'assets')))
      fs.rmSync(path.join(dir, 'assets', f));

    await expect(fetch(url('/assets/app-1.js'))).rejects.toThrow();
    const page = await fetch(url('/'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Tafel</title>');
    expect(lines.join('\n')).toMatch(/Could not send \/assets\/app-1\.js: ENOENT/);
  });
});
