import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface EnsureBuildOptions {
  /** Repository root: holds src/, package.json, node_modules/ and dist/. */
  root: string;
  log?: (line: string) => void;
}

export interface EnsureBuildResult {
  built: boolean;
  /** Why a build ran (or why it was not needed), for logs. */
  reason: string;
}

/**
 * Rebuilds dist/ with `vite build` when it is missing or older than any input, so `npm start`
 * and Playwright never serve a stale app. Synchronous on purpose: nothing else can happen
 * until the build exists.
 */
export function ensureBuild({ root, log = () => {} }: EnsureBuildOptions): EnsureBuildResult {
  const reason = staleReason(root);
  if (reason === null) return { built: false, reason: 'dist/ is up to date' };

  log(`Building the app (${reason}): vite build`);
  const vite = path.join(root, 'node_modules', '.bin', 'vite');
  const result = spawnSync(vite, ['build'], { cwd: root, stdio: 'inherit' });
  if (result.error) {
    const hint =
      (result.error as NodeJS.ErrnoException).code === 'ENOENT'
        ? ` (${vite} not found; run npm install)`
        : '';
    throw new Error(`App build failed: ${result.error.message}${hint}.`);
  }
  if (result.status !== 0) {
    const how = result.signal
      ? `was killed by ${result.signal}`
      : `exited with code ${result.status}`;
    throw new Error(`App build failed: vite build ${how} (see its output above).`);
  }
  if (!fs.existsSync(path.join(root, 'dist', 'index.html'))) {
    throw new Error('App build failed: vite build finished but dist/index.html is missing.');
  }
  return { built: true, reason };
}

/** null when dist/index.html is newer than every build input. */
export function staleReason(root: string): string | null {
  const indexMtime = mtimeOf(path.join(root, 'dist', 'index.html'));
  if (indexMtime === undefined) return 'dist/index.html is missing';
  const newest = newestInput(root);
  if (newest && newest.mtime > indexMtime) {
    return `${path.relative(root, newest.file)} changed since the last build`;
  }
  return null;
}

function newestInput(root: string): { file: string; mtime: number } | undefined {
  const topLevel = fs
    .readdirSync(root)
    .filter(
      (name) =>
        ['index.html', 'vite.config.ts', 'package.json'].includes(name) ||
        /^tsconfig.*\.json$/.test(name),
    )
    .map((name) => path.join(root, name));
  const files = [
    ...topLevel,
    ...filesUnder(path.join(root, 'src')),
    ...filesUnder(path.join(root, 'public')),
  ];

  let newest: { file: string; mtime: number } | undefined;
  for (const file of files) {
    const mtime = mtimeOf(file);
    if (mtime !== undefined && (!newest || mtime > newest.mtime)) newest = { file, mtime };
  }
  return newest;
}

/** Files and folders: a folder's mtime moves when a file in it is deleted or renamed. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const entries = fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() || entry.isDirectory())
    .map((entry) => path.join(entry.parentPath, entry.name));
  return [dir, ...entries];
}

function mtimeOf(file: string): number | undefined {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    // Missing, or deleted while we walked: either way it cannot make dist stale.
    return undefined;
  }
}
