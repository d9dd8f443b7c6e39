/**
 * The live worker: the MQTT client, decoding, matching, history and coalescing off the main
 * thread. The page's proxy (live-connection.ts) talks to it through live-protocol.ts; it
 * hands the page one batch per frame, so the main thread only does React work.
 */
import { createConnection } from './connection';
import { createIngest, type LiveEntry } from './ingest';
import type { FromWorker, ToWorker } from './live-protocol';

/** The worker's global scope, as far as the live path uses it (a MessagePort in tests). */
export interface LiveScope {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<ToWorker>) => void): void;
  close(): void;
}

/**
 * One batch per frame at most, and at once after a quiet spell: a message that arrives alone
 * goes to the page right after it was read (painted in the next frame), a flood in one batch per
 * 16 ms. Timers, not the worker's requestAnimationFrame, which Chromium need not run for a
 * worker that draws nothing. Hidden: every 250 ms, as in the page.
 */
const FRAME_MS = 16;
const HIDDEN_MS = 250;

/** Run the live path for the page at the other end of `scope`. */
export function serveLive(scope: LiveScope): void {
  const post = (message: FromWorker, transfer?: Transferable[]) =>
    scope.postMessage(message, transfer);

  let hidden = false;
  let online = true;
  // The page's word on the network: a worker's own online events need not follow every
  // change the page sees (an emulated offline, for one).
  const network = new EventTarget();

  let lastBatch = -Infinity;
  const nextFrame = (run: () => void) => {
    const wait = hidden ? HIDDEN_MS : Math.max(0, lastBatch + FRAME_MS - performance.now());
    setTimeout(() => {
      lastBatch = performance.now();
      run();
    }, wait);
  };

  // What the taps heard since the last batch, per tap id (in order).
  const tapped = new Map<number, LiveEntry[]>();
  let tapsOnly = false;

  function sendBatch(changes: ReadonlyMap<string, LiveEntry>, forgotten: readonly string[]) {
    const taps = [...tapped];
    tapped.clear();
    // Only what a widget can read: 100 widgets on `+` filters over 1,000 topics get 100
    // entries a frame, not 1,100 (cloning them was most of the page's work).
    const wanted = connection.subscriptions.active();
    const read: Array<[string, LiveEntry]> = [];
    for (const [key, entry] of changes) if (wanted.has(key)) read.push([key, entry]);
    post({ type: 'batch', changes: read, forgotten, taps });
  }

  const ingest = createIngest({ sink: { write: sendBatch }, schedule: nextFrame });

  /** Taps replaying kept history hear it without a message arriving: send it on its own. */
  function flushTapsSoon() {
    if (tapsOnly) return;
    tapsOnly = true;
    nextFrame(() => {
      tapsOnly = false;
      if (tapped.size > 0) sendBatch(new Map(), []);
    });
  }

  const connection = createConnection({
    ingest,
    onStatus: (report) => post({ type: 'status', report }),
    isHidden: () => hidden,
    isOnline: () => online,
    events: network,
  });
  connection.onSubscribed((filter, granted) => post({ type: 'subscribed', filter, granted }));

  /** What each request id started, to be ended by its 'release'. */
  const releases = new Map<number, () => void>();

  function handle(m: ToWorker) {
    switch (m.type) {
      case 'connect':
        return connection.connect(m.url, m.settings);
      case 'reconnect-now':
        return connection.reconnectNow();
      case 'topics':
        return void connection
          .topics()
          .then((topics) => post({ type: 'topics', id: m.id, topics }));
      case 'page':
        hidden = m.hidden;
        if (m.online !== online) {
          online = m.online;
          network.dispatchEvent(new Event(online ? 'online' : 'offline'));
        }
        return;
      case 'publish':
        return void connection.publish(m.topic, m.payload, m.options).then(
          () => post({ type: 'published', id: m.id, error: null }),
          (e: unknown) =>
            post({
              type: 'published',
              id: m.id,
              error: e instanceof Error ? e.message : String(e),
            }),
        );
      case 'acquire':
        return void releases.set(m.id, connection.subscriptions.acquire(m.filter, m.qos));
      case 'keep-history':
        return void releases.set(m.id, ingest.keepHistory(m.filter));
      case 'listen':
        return void releases.set(
          m.id,
          connection.listen(
            m.filter,
            (topic, bytes, retained) => {
              // A copy of just this message, moved over. Not `bytes.slice()`: MQTT.js hands a
              // Buffer, whose slice is a view of the chunk it was read from — moving that
              // buffer detached the messages after it (they arrived empty).
              const payload = new Uint8Array(bytes);
              post({ type: 'message', id: m.id, topic, payload, retained }, [payload.buffer]);
            },
            { exclusive: m.exclusive },
          ),
        );
      case 'tap': {
        const off = ingest.tap(
          m.filter,
          (entry) => {
            const list = tapped.get(m.id);
            if (list) list.push(entry);
            else tapped.set(m.id, [entry]);
          },
          { replay: m.replay },
        );
        releases.set(m.id, () => {
          off();
          tapped.delete(m.id);
        });
        if (tapped.has(m.id)) flushTapsSoon();
        return;
      }
      case 'release': {
        const release = releases.get(m.id);
        releases.delete(m.id);
        return release?.();
      }
      case 'close':
        return void connection.close().then(() => {
          post({ type: 'closed' });
          scope.close();
        });
    }
  }

  scope.addEventListener('message', (e) => handle(e.data));
  post({ type: 'ready' });
}

// In the worker itself (not when a test imports this module).
if (typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined')
  serveLive(globalThis as unknown as LiveScope);
