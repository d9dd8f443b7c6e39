import { fileURLToPath } from 'node:url';

/** The repository root, found from this file so the CLI works from any cwd. */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export const defaultDistDir = fileURLToPath(new URL('../dist', import.meta.url));
