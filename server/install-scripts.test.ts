import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './paths.ts';

const json = (file: string) =>
  JSON.parse(readFileSync(path.join(repoRoot, file), 'utf8')) as Record<string, unknown>;

describe('install scripts', () => {
  it('every dependency with an install script was reviewed (allowScripts), so npm install is quiet', () => {
    const lock = json('package-lock.json') as {
      packages: Record<string, { hasInstallScript?: boolean; optional?: boolean }>;
    };
    const withScripts = Object.entries(lock.packages)
      .filter(([, p]) => p.hasInstallScript)
      .map(([where]) => where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length));
    const allowed = (json('package.json').allowScripts ?? {}) as Record<string, boolean>;
    expect(withScripts.length).toBeGreaterThan(0);
    expect(withScripts.filter((name) => !(name in allowed))).toEqual([]);
  });
});
