import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureBuild, staleReason } from './build.ts';
import { makeTempDir } from './test-helpers.ts';

let root: string;

/** A stand-in for vite: writes dist/index.html (or fails), so no real build runs. */
async function fakeVite(exitCode = 0) {
  const bin = path.join(root, 'node_modules', '.bin');
  await fs.mkdir(bin, { recursive: true });
  const script =
    exitCode === 0
      ? '#!/bin/sh\nmkdir -p dist && echo "$@" > dist/index.html\n'
      : `#!/bin/sh\nexit ${exitCode}\n`;
  await fs.writeFile(path.join(bin, 'vite'), script, { mode: 0o755 });
}

async function age(file: string, seconds: number) {
  const time = new Date(Date.now() + seconds * 1000);
  await fs.utimes(file, time, time);
}

beforeEach(async () => {
  root = await makeTempDir('tafel-build-');
  await fs.mkdir(path.join(root, 'src', 'widgets'), { recursive: true });
  await fs.writeFile(path.join(root, 'src', 'widgets', 'gauge.tsx'), 'export {};');
  await fs.writeFile(path.join(root, 'package.json'), '{}');
  await fs.writeFile(path.join(root, 'tsconfig.app.json'), '{}');
  await fs.writeFile(path.join(root, 'index.html'), '<!doctype html>');
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('ensureBuild', () => {
  it('builds when dist is missing, then not again', async () => {
    await fakeVite();
    const lines: string[] = [];
    expect(ensureBuild({ root, log: (l) => lines.push(l) })).toEqual({
      built: true,
      reason: 'dist/index.html is missing',
    });
    expect(await fs.readFile(path.join(root, 'dist', 'index.html'), 'utf8')).toBe('build\n');
    expect(lines.join('\n')).toContain('vite build');
    expect(ensureBuild({ root }).built).toBe(false);
  });

  it.each([
    ['src/widgets/gauge.tsx'],
    ['tsconfig.app.json'],
    ['package.json'],
    ['index.html'],
    ['public/manifest.webmanifest'],
  ])('rebuilds when %s is newer than the build', async (input) => {
    await fakeVite();
    ensureBuild({ root });
    await age(path.join(root, 'dist', 'index.html'), -60);
    await fs.mkdir(path.dirname(path.join(root, input)), { recursive: true });
    await fs.writeFile(path.join(root, input), 'changed');
    // A new folder is as new as the file in it, so either may be named.
    expect(staleReason(root)).toMatch(`${input.split('/')[0]}`);
    expect(staleReason(root)).toMatch(/changed since the last build$/);
    expect(ensureBuild({ root }).built).toBe(true);
    expect(staleReason(root)).toBeNull();
  });

  it('rebuilds when a source file was deleted', async () => {
    await fakeVite();
    ensureBuild({ root });
    await age(path.join(root, 'dist', 'index.html'), -60);
    await fs.rm(path.join(root, 'src', 'widgets', 'gauge.tsx'));
    expect(staleReason(root)).toBe('src/widgets changed since the last build');
  });

  it('throws a clear error when vite fails', async () => {
    await fakeVite(3);
    expect(() => ensureBuild({ root })).toThrow(
      'App build failed: vite build exited with code 3 (see its output above).',
    );
  });

  it('throws a clear error when vite is not installed', () => {
    expect(() => ensureBuild({ root })).toThrow(/App build failed: .*not found; run npm install/);
  });
});
