import type { RecorderClient } from './client';

/**
 * The app's recorder client, made by the composition root (app/bootstrap.ts — it knows the
 * broker URL) from a lazily loaded module, so a first load without a recorder does not carry
 * its code; read by the features that use it (charts). Until it is there, `whenAppRecorder`
 * waits for it; unset in tests and where the app is not bootstrapped: they work without one.
 */
let appRecorder: RecorderClient | null = null;
let ready: Promise<RecorderClient | null> = Promise.resolve(null);
let generation = 0;
const listeners = new Set<() => void>();

/** The client to come (or null for none); a later call replaces an earlier one. */
export function setAppRecorder(client: Promise<RecorderClient | null> | RecorderClient | null) {
  const mine = ++generation;
  const settle = (
    c: RecorderClient | null,
  ): Promise<RecorderClient | null> | RecorderClient | null => {
    // Replaced meanwhile: who waited for this one gets the newer one.
    if (mine !== generation) return ready;
    appRecorder = c;
    for (const listener of listeners) listener();
    return c;
  };
  ready = Promise.resolve(client).then(settle, () => settle(null));
}

/** The client now (null before the module came, or without one). */
export function getAppRecorder(): RecorderClient | null {
  return appRecorder;
}

/** The client once it came (null without one). */
export function whenAppRecorder(): Promise<RecorderClient | null> {
  return ready;
}

export function subscribeAppRecorder(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Ask for the recorder's status now, before its client's code has loaded: on a wall tablet
 * the main thread is busy with the first render for a few hundred milliseconds, and the
 * answer can travel meanwhile. A failure is the first probe's to report.
 */
export function requestRecorderStatus(base = ''): Promise<Response> {
  const request = fetch(`${base}/api/recorder`, {
    cache: 'no-store',
    signal: AbortSignal.timeout(5000),
  });
  request.catch(() => {}); // not unhandled while nobody reads it yet
  return request;
}
