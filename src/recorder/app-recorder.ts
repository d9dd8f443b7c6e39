import type { RecorderClient } from './client';

/**
 * The app's recorder client, set once by the composition root (app/bootstrap.ts) — it knows
 * the broker URL — and read by the features that use the recorder (charts). Unset in tests
 * and where the app is not bootstrapped: they then work without one.
 */
let appRecorder: RecorderClient | null = null;

export function setAppRecorder(client: RecorderClient | null): void {
  appRecorder = client;
}

export function getAppRecorder(): RecorderClient | null {
  return appRecorder;
}
