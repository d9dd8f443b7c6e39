import { ensureBuild } from '../server/build.ts';
import { ROOT } from './processes.ts';

/** The tests run against the built app: build it once if it is missing or stale. */
export default function globalSetup(): void {
  ensureBuild({ root: ROOT, log: (m: string) => console.log(m) });
}
