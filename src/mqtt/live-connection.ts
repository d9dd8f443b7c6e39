/**
 * The page's live connection: the MQTT client and the ingest in a dedicated worker
 * (live-worker.ts) where the browser runs module workers, else in the page — behind the same
 * `LiveConnection`, so the app does not know which. The worker's batches (one per frame) go
 * to the page's sink; everything else crosses in the messages of live-protocol.ts.
 *
 * Should the worker fail to start (a browser that ignores `type: 'module'` fails on its first
 * `import`), the page switches to the in-page path before anything was lost: every
 * subscription, listener, tap and the last connect are taken over by the new path.
 */
import {
  createConnection,
  type ConnectionReport,
  type LiveConnection,
  type MessageListener,
} from './connection';
import { frameSink } from './frame-sink';
import { createIngest, type LiveSink, type TapListener } from './ingest';
import type { FromWorker, ToWorker } from './live-protocol';
import type { BrokerSettings } from './settings';

export interface LiveOptions {
  /** Where each frame's values go (the live store). */
  sink: LiveSink;
  onStatus(report: ConnectionReport): void;
  /** Run in the page even where a worker could (`?live=page`: to compare, and for tests). */
  inPage?: boolean;
}

export type LiveMode = 'worker' | 'page';

/** True where `new Worker(…, { type: 'module' })` is understood (the option is read). */
export function supportsModuleWorkers(): boolean {
  if (typeof Worker === 'undefined' || typeof Blob === 'undefined') return false;
  let understood = false;
  const options = {
    get type() {
      understood = true;
      return 'module' as const;
    },
  };
  try {
    const url = URL.createObjectURL(new Blob([''], { type: 'text/javascript' }));
    new Worker(url, options).terminate();
    URL.revokeObjectURL(url);
  } catch {
    // A policy that forbids blob: workers still read the option first.
  }
  return understood;
}

function inPageConnection(options: LiveOptions): LiveConnection {
  return createConnection({
    ingest: createIngest({ sink: options.sink }),
    onStatus: options.onStatus,
  });
}

/** The protocol's page side: a LiveConnection whose work happens in `worker`. */
export function workerConnection(
  worker: Worker,
  options: LiveOptions & { onFailure(): void },
): LiveConnection {
  let nextId = 1;
  let ready = false;
  let failed = false;
  const listeners = new Map<number, MessageListener>();
  const taps = new Map<number, TapListener>();
  const subscribed = new Set<(filter: string, granted: boolean) => void>();
  const publishes = new Map<number, { resolve(): void; reject(e: Error): void }>();
  // The worker batches on its own 16 ms clock; the page renders at most one batch a frame.
  const sink = frameSink(options.sink);
  const topicAsks = new Map<number, (topics: string[]) => void>();
  let closed: (() => void) | null = null;

  const send = (m: ToWorker) => {
    if (!failed) worker.postMessage(m);
  };
  const started = (id: number) => () => send({ type: 'release', id });

  worker.addEventListener('message', (e: MessageEvent<FromWorker>) => {
    const m = e.data;
    switch (m.type) {
      case 'ready':
        ready = true;
        return;
      case 'status':
        return options.onStatus(m.report);
      case 'batch':
        if (m.changes.length > 0 || m.forgotten.length > 0)
          sink.write(new Map(m.changes), m.forgotten);
        for (const [id, entries] of m.taps) {
          const tap = taps.get(id);
          if (tap) for (const entry of entries) tap(entry);
        }
        return;
      case 'message':
        return listeners.get(m.id)?.(m.topic, m.payload, m.retained);
      case 'subscribed':
        for (const l of subscribed) l(m.filter, m.granted);
        return;
      case 'published': {
        const p = publishes.get(m.id);
        publishes.delete(m.id);
        if (m.error === null) p?.resolve();
        else p?.reject(new Error(m.error));
        return;
      }
      case 'topics':
        topicAsks.get(m.id)?.([...m.topics]);
        topicAsks.delete(m.id);
        return;
      case 'closed':
        closed?.();
        return;
    }
  });
  worker.addEventListener('error', (e) => {
    if (ready || failed) return;
    // The worker did not start: the in-page path takes over (live-connection's switch).
    e.preventDefault();
    failed = true;
    worker.terminate();
    for (const p of publishes.values()) p.reject(new Error('not connected'));
    publishes.clear();
    for (const answer of topicAsks.values()) answer([]);
    topicAsks.clear();
    options.onFailure();
  });

  // The worker has no document: it is told when the page hides (slower reconnects and
  // batches) and when the network comes and goes.
  const tellPage = () =>
    send({
      type: 'page',
      hidden: document.visibilityState === 'hidden',
      online: navigator.onLine !== false,
    });
  if (typeof document !== 'undefined') {
    tellPage();
    document.addEventListener('visibilitychange', tellPage);
    window.addEventListener('online', tellPage);
    window.addEventListener('offline', tellPage);
  }

  return {
    connect: (url, settings) => send({ type: 'connect', url, settings }),
    reconnectNow: () => send({ type: 'reconnect-now' }),
    topics: () =>
      new Promise<string[]>((resolve) => {
        if (failed) return resolve([]);
        const id = nextId++;
        topicAsks.set(id, resolve);
        send({ type: 'topics', id });
      }),
    publish: (topic, payload, publishOptions) =>
      new Promise<void>((resolve, reject) => {
        if (failed) return reject(new Error('not connected'));
        const id = nextId++;
        publishes.set(id, { resolve, reject });
        send({ type: 'publish', id, topic, payload, options: publishOptions });
      }),
    subscriptions: {
      acquire(filter, qos) {
        const id = nextId++;
        send({ type: 'acquire', id, filter, qos });
        return once(started(id));
      },
    },
    listen(filter, listener, listenOptions) {
      const id = nextId++;
      listeners.set(id, listener);
      send({ type: 'listen', id, filter, exclusive: listenOptions?.exclusive ?? false });
      return once(() => {
        listeners.delete(id);
        started(id)();
      });
    },
    onSubscribed(listener) {
      subscribed.add(listener);
      return () => subscribed.delete(listener);
    },
    ingest: {
      tap(filter, listener, tapOptions) {
        const id = nextId++;
        taps.set(id, listener);
        send({ type: 'tap', id, filter, replay: tapOptions?.replay !== false });
        return once(() => {
          taps.delete(id);
          started(id)();
        });
      },
      keepHistory(filter) {
        const id = nextId++;
        send({ type: 'keep-history', id, filter });
        return once(started(id));
      },
    },
    close() {
      if (typeof document !== 'undefined') {
        document.removeEventListener('visibilitychange', tellPage);
        window.removeEventListener('online', tellPage);
        window.removeEventListener('offline', tellPage);
      }
      if (failed) return Promise.resolve();
      return new Promise<void>((resolve) => {
        closed = () => {
          worker.terminate();
          resolve();
        };
        send({ type: 'close' });
      });
    },
  };
}

function once(run: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    run();
  };
}

/**
 * A LiveConnection that can change what runs it, keeping every handle alive across the
 * change: each acquire, listen, tap and kept history is started again on the new one.
 */
function switchable(first: LiveConnection) {
  let current = first;
  let lastConnect: { url: string; settings: BrokerSettings } | null = null;
  const handles = new Set<{ start(c: LiveConnection): () => void; stop: () => void }>();

  function hold(start: (c: LiveConnection) => () => void): () => void {
    const handle = { start, stop: start(current) };
    handles.add(handle);
    return () => {
      if (handles.delete(handle)) handle.stop();
    };
  }

  const connection: LiveConnection = {
    connect(url, settings) {
      lastConnect = { url, settings };
      current.connect(url, settings);
    },
    reconnectNow: () => current.reconnectNow(),
    topics: () => current.topics(),
    publish: (topic, payload, o) => current.publish(topic, payload, o),
    subscriptions: { acquire: (f, qos) => hold((c) => c.subscriptions.acquire(f, qos)) },
    listen: (f, l, o) => hold((c) => c.listen(f, l, o)),
    onSubscribed: (l) => hold((c) => c.onSubscribed(l)),
    ingest: {
      tap: (f, l, o) => hold((c) => c.ingest.tap(f, l, o)),
      keepHistory: (f) => hold((c) => c.ingest.keepHistory(f)),
    },
    close: () => current.close(),
  };
  return {
    connection,
    switchTo(next: LiveConnection) {
      current = next;
      for (const h of handles) h.stop = h.start(next);
      if (lastConnect) next.connect(lastConnect.url, lastConnect.settings);
    },
  };
}

/** The live connection for this page, in a worker where it can be, and which one it is. */
export function createLiveConnection(options: LiveOptions): {
  connection: LiveConnection;
  mode: () => LiveMode;
} {
  if (options.inPage || !supportsModuleWorkers()) {
    return { connection: inPageConnection(options), mode: () => 'page' };
  }
  let mode: LiveMode = 'worker';
  let worker: Worker;
  try {
    worker = new Worker(new URL('./live-worker.ts', import.meta.url), {
      type: 'module',
      name: 'tafel-live',
    });
  } catch {
    return { connection: inPageConnection(options), mode: () => 'page' };
  }
  const live = switchable(
    workerConnection(worker, {
      ...options,
      onFailure() {
        console.warn('The live worker did not start: messages are handled in the page.');
        mode = 'page';
        live.switchTo(inPageConnection(options));
      },
    }),
  );
  return { connection: live.connection, mode: () => mode };
}
