import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  getAppRecorder,
  requestRecorderStatus,
  setAppRecorder,
  subscribeAppRecorder,
  whenAppRecorder,
} from './app-recorder';
import { createRecorderClient, type RecorderClient } from './client';

const fake = (name: string) => ({ name }) as unknown as RecorderClient;

function later<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

afterEach(async () => {
  setAppRecorder(null);
  await whenAppRecorder();
  vi.unstubAllGlobals();
});

describe('the app recorder', () => {
  it('charts asking before its code came wait for it; listeners hear when it is there', async () => {
    const client = fake('a');
    const loading = later<RecorderClient | null>();
    const heard = vi.fn();
    const unsubscribe = subscribeAppRecorder(heard);
    setAppRecorder(loading.promise);
    expect(getAppRecorder()).toBeNull();
    const waiting = whenAppRecorder();
    loading.resolve(client);
    expect(await waiting).toBe(client);
    expect(getAppRecorder()).toBe(client);
    expect(heard).toHaveBeenCalledTimes(1);
    unsubscribe();
  });

  it('a later one replaces an earlier one, also for those already waiting', async () => {
    const slow = later<RecorderClient | null>();
    const fast = later<RecorderClient | null>();
    setAppRecorder(slow.promise);
    const waitingEarly = whenAppRecorder();
    setAppRecorder(fast.promise);
    slow.resolve(fake('old'));
    await Promise.resolve();
    fast.resolve(fake('new'));
    expect(await waitingEarly).toMatchObject({ name: 'new' });
    expect(await whenAppRecorder()).toMatchObject({ name: 'new' });
    expect(getAppRecorder()).toMatchObject({ name: 'new' });
  });

  it('code that failed to load (an old page after an update) is no recorder', async () => {
    const loading = later<RecorderClient | null>();
    setAppRecorder(loading.promise);
    loading.reject(new Error('Failed to fetch dynamically imported module'));
    expect(await whenAppRecorder()).toBeNull();
    expect(getAppRecorder()).toBeNull();
  });

  it('the status asked at start goes to /api/recorder, uncached; a failure is not unhandled', async () => {
    const fetch = vi.fn(() => Promise.reject(new TypeError('Failed to fetch')));
    vi.stubGlobal('fetch', fetch);
    const early = requestRecorderStatus('https://tafel.lan');
    expect(fetch).toHaveBeenCalledWith(
      'https://tafel.lan/api/recorder',
      expect.objectContaining({ cache: 'no-store' }),
    );
    // Nobody reads it for a while: no unhandled rejection (vitest would fail the run).
    await new Promise((r) => setTimeout(r, 10));
    // The client's first probe reads it: no recorder, no throw.
    const client = createRecorderClient({
      page: () => ({
        brokerUrl: 'ws://tafel.lan/mqtt',
        location: { protocol: 'http:', host: 'tafel.lan', hostname: 'tafel.lan' },
      }),
      firstStatus: early,
    });
    expect(await client.probe()).toBeNull();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('a client without its own fetch uses the page’s, uncached', async () => {
    const fetch = vi.fn(() =>
      Promise.resolve(
        new Response(
          JSON.stringify({ recording: true, error: null, source: { kind: 'embedded', url: null } }),
          { headers: { 'content-type': 'application/json' } },
        ),
      ),
    );
    vi.stubGlobal('fetch', fetch);
    const client = createRecorderClient({
      page: () => ({
        brokerUrl: 'ws://tafel.lan/mqtt',
        location: { protocol: 'http:', host: 'tafel.lan', hostname: 'tafel.lan' },
      }),
    });
    expect((await client.probe())?.usable).toBe(true);
    expect(fetch).toHaveBeenCalledWith(
      '/api/recorder',
      expect.objectContaining({ cache: 'no-store' }),
    );
  });
});
