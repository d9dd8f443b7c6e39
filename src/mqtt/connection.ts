import type { IClientOptions, MqttClient } from 'mqtt';
import { msg, verbatim, type Message, type Verbatim } from '@/i18n/words';
import { reconnectDelay } from './backoff';
import { openBrowserSocket } from './browser-socket';
import { probeHealth, probeTls, sameOriginHealthUrl, tlsCheckUrl } from './probes';
import type { Ingest, LiveFeed } from './ingest';
import { redactUrl, type BrokerSettings } from './settings';
import { topicMatches } from './topic-filter';
import {
  createSubscriptionManager,
  type QoS,
  type SubscriptionManager,
  type SubscriptionTransport,
} from './subscriptions';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** What the connection reports about itself; each report names only what changed. */
export interface ConnectionReport {
  readonly status?: ConnectionStatus;
  /** The broker URL in use (never with credentials). */
  readonly url?: string;
  /** Reconnect attempt number while reconnecting (1, 2, …). */
  readonly attempt?: number;
  /** The broker's or the network's reason for the last failure, if any. */
  readonly reason?: Message | Verbatim | null;
  /** A page that helps with the failure (e.g. one to open to trust a certificate). */
  readonly help?: { readonly text: Message; readonly href: string } | null;
  /** When the next reconnect attempt is due (ms since epoch), while reconnecting. */
  readonly retryAt?: number | null;
}

export interface PublishOptions {
  qos: QoS;
  retain: boolean;
}

/** Sends one message. Resolves when sent (QoS 0) or acknowledged (QoS 1/2). */
export type Publish = (
  topic: string,
  payload: string | Uint8Array,
  options: PublishOptions,
) => Promise<void>;

/** A message for a non-widget listener (the dashboard sync): raw bytes, as received. */
export type MessageListener = (topic: string, payload: Uint8Array, retained: boolean) => void;

export interface Connection {
  /**
   * Hear every message whose topic matches `filter` (the caller acquires the subscription
   * itself). For the few non-widget consumers; widgets read the live store. `exclusive`:
   * these messages are the listener's alone and skip the ingest (the dashboard sync's
   * documents are no widget's business, and would only fill the live store and its history).
   */
  listen(filter: string, listener: MessageListener, options?: { exclusive?: boolean }): () => void;
  /** Told when the broker grants (true) or refuses (false) a subscription. */
  onSubscribed(listener: (filter: string, granted: boolean) => void): () => void;
  /** Connect (or reconnect with new settings) to `url`. */
  connect(url: string, settings: BrokerSettings): void;
  /** Skip the backoff wait and try now (network came back, page woke up, the server is back). */
  reconnectNow(): void;
  /** The concrete topics heard and still held: for suggestions, asked now and then. */
  topics(): Promise<string[]>;
  publish: Publish;
  readonly subscriptions: SubscriptionManager;
  readonly ingest: Ingest;
  /** Ends the connection and every timer and listener it holds. */
  close(): Promise<void>;
}

export interface ConnectionOptions {
  ingest: Ingest;
  /** Where status reports go (the app's connection store). */
  onStatus(report: ConnectionReport): void;
  /** The page's address, to tell the app's own server (and its /healthz) from another broker. */
  location?: { protocol: string; host: string } | null;
  /** For tests: fetch, and how often the health probe asks while the broker is away. */
  fetch?: typeof fetch;
  healthProbeMs?: number;
  /**
   * Whether the page is hidden (a slower backoff). Default: the document's visibility; in the
   * live worker, which has no document, what the page last told it.
   */
  isHidden?: () => boolean;
  /** Whether the device has a network (default: navigator.onLine). */
  isOnline?: () => boolean;
  /** Where 'online'/'offline' are heard (default: the global scope; the worker: the page's word). */
  events?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
}

/**
 * What the app uses of the connection — the same whether it runs in the page or in the live
 * worker (live-connection.ts): the worker's proxy offers exactly this.
 */
export interface LiveConnection {
  listen: Connection['listen'];
  onSubscribed: Connection['onSubscribed'];
  connect: Connection['connect'];
  reconnectNow: Connection['reconnectNow'];
  topics: Connection['topics'];
  publish: Publish;
  readonly subscriptions: Pick<SubscriptionManager, 'acquire'>;
  readonly ingest: LiveFeed & Pick<Ingest, 'keepHistory'>;
  close(): Promise<void>;
}

// MQTT.js is ~98 kB gzip: it loads in parallel with the first render instead of delaying it.
// Its browser build has only a default export.
let mqttLibrary: Promise<typeof import('mqtt').default> | null = null;
const loadMqtt = () =>
  (mqttLibrary ??= import('mqtt').then(
    (m) => m.default,
    (error: unknown) => {
      // Not cached: a server that was away while the page loaded serves it on the next try.
      mqttLibrary = null;
      throw error;
    },
  ));

/** A page or a worker of one, where MQTT.js uses the browser's WebSocket (not Node's ws). */
function inBrowser(): boolean {
  return (
    typeof WebSocket === 'function' &&
    (typeof document !== 'undefined' ||
      typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined')
  );
}

function randomClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return 'tafel-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A refused CONNECT in a person's terms: MQTT 3.1.1's return codes 1–5, else as it came. */
function describeRefusal(err: Error & { code?: unknown }): Message | Verbatim {
  switch (err.code) {
    case 1:
      return msg('app:connection.reason.refused.1');
    case 2:
      return msg('app:connection.reason.refused.2');
    case 3:
      return msg('app:connection.reason.refused.3');
    case 4:
      return msg('app:connection.reason.refused.4');
    case 5:
      return msg('app:connection.reason.refused.5');
  }
  const m = /Connection refused: (.*)/i.exec(err.message);
  return verbatim(m?.[1]?.toLowerCase() ?? err.message);
}

const NO_ANSWER = msg('app:connection.reason.noAnswer');
const NO_NETWORK = msg('app:connection.reason.noNetwork');
const NO_CODE = msg('app:connection.reason.noCode');
/** How long "Connected" waits for the broker to acknowledge the subscriptions, at most. */
const SUBACK_WAIT_MS = 2000;

/**
 * The one MQTT connection of the page, created outside React. MQTT.js's own fixed-period
 * reconnect is switched off: we reconnect on our own schedule (backoff.ts), and re-subscribe
 * everything ourselves on every connect (sessions are clean), so the subscription manager is
 * the single source of truth for what is subscribed. Where the page comes from Tafel's own
 * server, its /healthz is asked twice a second while the broker is away, so the page is back
 * the moment the server is.
 */
export function createConnection(options: ConnectionOptions): Connection {
  const { ingest, onStatus } = options;
  // The page's address; in the live worker its own, which has the page's origin.
  const location =
    options.location === undefined
      ? typeof globalThis.location !== 'undefined'
        ? globalThis.location
        : null
      : options.location;
  const doFetch = options.fetch ?? (typeof fetch !== 'undefined' ? fetch.bind(globalThis) : null);
  const healthProbeMs = options.healthProbeMs ?? 500;

  let client: MqttClient | null = null;
  let url = '';
  let attempt = 0;
  /** True from a (re)connect call until its 'connect' or 'close'. */
  let attempting = false;
  /** When the connection was lost (or first tried); the backoff grows with it. */
  let downSince = Date.now();
  let everConnected = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let healthTimer: ReturnType<typeof setInterval> | null = null;
  /** The broker's own refusal of the last CONNECT (bad credentials, …): says it all. */
  let lastReason: Message | Verbatim | null = null;
  /** A transport error of the last attempt (Node names them; browsers hide them). */
  let lastTransportError: Verbatim | null = null;
  let tlsChecked = false;
  let tlsHint: { reason: Message; help: { text: Message; href: string } } | null = null;
  /** Bumped by every connect/close, so a connect still loading the library knows it was superseded. */
  let generation = 0;
  const listeners = new Set<{ filter: string; listener: MessageListener; exclusive: boolean }>();
  const subscribedListeners = new Set<(filter: string, granted: boolean) => void>();

  const transport: SubscriptionTransport = {
    isConnected: () => client?.connected ?? false,
    subscribe(filter, qos, done) {
      if (!client) return done?.();
      client.subscribe(filter, { qos }, (err, granted) => {
        done?.();
        // A SUBACK with 0x80 is the broker saying no (MQTT.js reports it as an error carrying
        // the SUBACK packet). Any other error is a connection that closed meanwhile:
        // restore() subscribes again on the next connect.
        const suback = (err as { packet?: { granted?: unknown[] } } | null)?.packet;
        const refused =
          !!suback?.granted?.some((g) => typeof g === 'number' && (g & 0x80) !== 0) ||
          !!granted?.some((g) => g.qos === 128);
        if (err && !refused) return;
        const ok = !refused;
        if (!ok) console.warn(`Subscription to ${filter} refused by the broker`);
        for (const l of subscribedListeners) l(filter, ok);
      });
    },
    unsubscribe(filter) {
      client?.unsubscribe(filter);
    },
  };
  const subscriptions = createSubscriptionManager(transport);
  subscriptions.onChange((filters) => ingest.setFilters(filters));

  const hidden =
    options.isHidden ??
    (() => typeof document !== 'undefined' && document.visibilityState === 'hidden');
  const offline = options.isOnline
    ? () => !options.isOnline!()
    : () => typeof navigator !== 'undefined' && navigator.onLine === false;

  function clearRetry() {
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
  }

  function stopHealthProbe() {
    if (healthTimer !== null) clearInterval(healthTimer);
    healthTimer = null;
  }

  /** Ask the app's own server whether its broker is up again; reconnect at once when it is. */
  function startHealthProbe(c: MqttClient) {
    const healthUrl = location ? sameOriginHealthUrl(url, location) : null;
    if (!healthUrl || !doFetch || healthTimer !== null) return;
    healthTimer = setInterval(() => {
      if (client !== c || c.connected) return stopHealthProbe();
      if (hidden() || offline()) return;
      void probeHealth(doFetch, healthUrl).then((answer) => {
        if (client !== c) return;
        if (answer === 'not-tafel') stopHealthProbe();
        else if (answer === 'up') reconnectNow();
      });
    }, healthProbeMs);
  }

  function scheduleReconnect(c: MqttClient) {
    clearRetry();
    if (offline()) {
      onStatus({ status: 'offline', reason: NO_NETWORK, retryAt: null });
      return; // the 'online' event brings us back
    }
    attempt++;
    const delay = reconnectDelay(attempt, Date.now() - downSince, { hidden: hidden() });
    // Browsers hide why a WebSocket failed; the broker's own refusal (lastReason) is kept.
    onStatus({
      status: 'reconnecting',
      attempt,
      reason: lastReason ?? tlsHint?.reason ?? lastTransportError ?? NO_ANSWER,
      help: lastReason ? null : (tlsHint?.help ?? null),
      retryAt: Date.now() + delay,
    });
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (client === c) attemptNow(c);
    }, delay);
    startHealthProbe(c);
    if (!everConnected && lastReason === null) checkTls(c);
  }

  /**
   * A wss:// broker that never answered: browsers do not say whether its certificate was the
   * problem, but a plain https:// request to the same host and port fails the same way when
   * it is, and succeeds when the broker is merely refusing MQTT. Asked once per connect.
   */
  function checkTls(c: MqttClient) {
    const href = tlsCheckUrl(url, location);
    if (tlsChecked || !href || !doFetch) return;
    tlsChecked = true;
    void probeTls(doFetch, href).then((reachable) => {
      if (client !== c || reachable || c.connected) return;
      tlsHint = {
        reason: msg('app:connection.reason.tls'),
        help: { text: msg('app:connection.reason.tlsHelp', { href }), href },
      };
      if (lastReason === null) onStatus({ reason: tlsHint.reason, help: tlsHint.help });
    });
  }

  function attemptNow(c: MqttClient) {
    if (attempting) return; // the one under way answers soon enough (connectTimeout)
    attempting = true;
    c.reconnect();
  }

  /** Set while the MQTT client's code could not be downloaded: the next try. */
  let loadPending: (() => void) | null = null;

  function connect(nextUrl: string, settings: BrokerSettings) {
    const gen = ++generation;
    const old = client;
    client = null;
    url = nextUrl;
    clearRetry();
    stopHealthProbe();
    old?.end(true);
    attempt = 0;
    attempting = true;
    everConnected = false;
    tlsChecked = false;
    tlsHint = null;
    downSince = Date.now();
    lastReason = null;
    onStatus({
      status: 'connecting',
      url: redactUrl(nextUrl),
      attempt: 0,
      reason: null,
      help: null,
      retryAt: null,
    });

    const opts: IClientOptions = {
      clientId: settings.clientId || randomClientId(),
      keepalive: settings.keepalive,
      clean: true,
      protocolVersion: 4, // aedes speaks 3.1.1 only; every broker speaks it
      reconnectPeriod: 0,
      // A LAN broker answers in milliseconds; a hung attempt must not hold up the next one.
      connectTimeout: 5000,
      resubscribe: false,
      // A slider position from minutes ago must not be replayed after a reconnect.
      queueQoSZero: false,
      // MQTT.js' default pre-builds 65,536 two-byte buffers for packet ids on the first write:
      // 8 MiB of heap (measured in Chromium) to save a few nanoseconds on a dashboard that
      // publishes a few messages a second.
      writeCache: false,
      // In a browser or its worker (not in Node, where MQTT.js uses ws): no writes into a
      // closing socket (browser-socket.ts).
      ...(inBrowser()
        ? { createWebsocket: (u: string, protocols: string[]) => openBrowserSocket(u, protocols) }
        : {}),
      ...(settings.username ? { username: settings.username } : {}),
      ...(settings.password ? { password: settings.password } : {}),
    };
    // The MQTT client's code is a download of its own: when the server is away it is tried
    // again like a connect (backoff, 'online', Reconnect now), never given up on.
    const begin = () => {
      loadPending = null;
      loadMqtt().then(
        (mqtt) => {
          if (gen === generation) start(mqtt.connect(nextUrl, opts));
        },
        () => {
          if (gen !== generation) return;
          attempt++;
          const delay = reconnectDelay(attempt, Date.now() - downSince, { hidden: hidden() });
          onStatus({
            status: 'reconnecting',
            attempt,
            reason: NO_CODE,
            help: null,
            retryAt: Date.now() + delay,
          });
          loadPending = begin;
          retryTimer = setTimeout(() => {
            retryTimer = null;
            if (gen === generation) begin();
          }, delay);
        },
      );
    };
    begin();
  }

  function deliver(topic: string, payload: Uint8Array, retained: boolean) {
    let exclusive = false;
    for (const l of listeners) {
      if (!topicMatches(l.filter, topic)) continue;
      l.listener(topic, payload, retained);
      exclusive ||= l.exclusive;
    }
    if (!exclusive) ingest.handle(topic, payload, retained);
  }

  function start(c: MqttClient) {
    client = c;
    c.on('connect', () => {
      if (client !== c) return;
      attempting = false;
      clearRetry();
      stopHealthProbe();
      attempt = 0;
      everConnected = true;
      lastReason = null;
      tlsHint = null;
      // "Connected" once the broker has the subscriptions back: a value published the moment
      // the badge says so must arrive. A broker that never answers a SUBSCRIBE gets the badge
      // after SUBACK_WAIT_MS all the same (the sync says what is missing).
      let said = false;
      const ready = () => {
        clearTimeout(wait);
        if (said || client !== c || !c.connected) return;
        said = true;
        onStatus({ status: 'connected', attempt: 0, reason: null, help: null, retryAt: null });
      };
      const wait = setTimeout(ready, SUBACK_WAIT_MS);
      void subscriptions.restore().then(ready);
    });
    c.on('message', (topic, payload, packet) => deliver(topic, payload, packet.retain));
    c.on('error', (err: Error & { code?: unknown }) => {
      if (client !== c) return;
      // A CONNACK's return code is a number; a socket's error code a string (ECONNREFUSED).
      if (typeof err.code === 'number') {
        lastReason = describeRefusal(err);
        onStatus({ reason: lastReason, help: null });
      } else if (err.message) {
        lastTransportError = verbatim(err.message);
      }
    });
    c.on('close', () => {
      if (client !== c) return;
      attempting = false;
      if (attempt === 0 && everConnected) downSince = Date.now();
      scheduleReconnect(c);
      lastReason = null; // a refusal is reported once per attempt
      lastTransportError = null;
    });
  }

  function reconnectNow() {
    const c = client;
    if (!c && loadPending) {
      clearRetry();
      loadPending();
      return;
    }
    if (!c || c.connected) return;
    clearRetry();
    attemptNow(c);
  }

  // The device lost its network: a connection that still looks open cannot carry anything
  // (the socket only notices after the keepalive, up to a minute later), so it is ended now,
  // the values go stale, and 'online' reconnects at once.
  const onOffline = () => {
    const c = client;
    if (!c) return;
    if (c.connected) c.end(true);
    else onStatus({ status: 'offline', reason: NO_NETWORK, retryAt: null });
  };
  // A window and a worker both hear the network come and go.
  const events =
    options.events !== undefined
      ? options.events
      : typeof globalThis.addEventListener === 'function'
        ? globalThis
        : null;
  events?.addEventListener('online', reconnectNow);
  events?.addEventListener('offline', onOffline);

  return {
    listen(filter, listener, opts) {
      const entry = { filter, listener, exclusive: opts?.exclusive ?? false };
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
    onSubscribed(listener) {
      subscribedListeners.add(listener);
      return () => subscribedListeners.delete(listener);
    },
    connect,
    reconnectNow,
    topics: () => Promise.resolve(ingest.knownTopics()),
    subscriptions,
    ingest,
    publish(topic, payload, { qos, retain }) {
      return new Promise((resolve, reject) => {
        const c = client;
        if (!c?.connected) {
          reject(new Error('not connected'));
          return;
        }
        c.publish(topic, payload as string, { qos, retain }, (err) =>
          err ? reject(err) : resolve(),
        );
      });
    },
    close() {
      generation++;
      clearRetry();
      stopHealthProbe();
      events?.removeEventListener('online', reconnectNow);
      events?.removeEventListener('offline', onOffline);
      const c = client;
      client = null;
      return new Promise((resolve) => (c ? c.end(true, {}, () => resolve()) : resolve()));
    },
  };
}
