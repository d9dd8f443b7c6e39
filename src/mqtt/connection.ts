import type { IClientOptions, MqttClient } from 'mqtt';
import { useConnectionStore, type ConnectionState } from '@/stores/connection-store';
import { reconnectDelay } from './backoff';
import { createIngest, type Ingest } from './ingest';
import { redactUrl, type BrokerSettings } from './settings';
import { topicMatches } from './topic-filter';
import {
  createSubscriptionManager,
  type QoS,
  type SubscriptionManager,
  type SubscriptionTransport,
} from './subscriptions';

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
   * these messages are the listener's alone and skip the live store (the dashboard sync's
   * documents are no widget's business, and would only fill its history).
   */
  listen(filter: string, listener: MessageListener, options?: { exclusive?: boolean }): () => void;
  /** Told when the broker grants (true) or refuses (false) a subscription. */
  onSubscribed(listener: (filter: string, granted: boolean) => void): () => void;
  /** Connect (or reconnect with new settings) to `url`. */
  connect(url: string, settings: BrokerSettings): void;
  /** Skip the backoff wait and try now (network came back, page woke up). */
  reconnectNow(): void;
  publish: Publish;
  readonly subscriptions: SubscriptionManager;
  readonly ingest: Ingest;
  close(): Promise<void>;
}

// MQTT.js is ~98 kB gzip: it loads in parallel with the first render instead of delaying it.
// Its browser build has only a default export.
let mqttLibrary: Promise<typeof import('mqtt').default> | null = null;
const loadMqtt = () => (mqttLibrary ??= import('mqtt').then((m) => m.default));

function randomClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return 'tafel-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The broker's words for a refused CONNECT, in a person's terms. */
function describeError(err: Error & { code?: unknown }): string {
  const m = /Connection refused: (.*)/i.exec(err.message);
  if (m?.[1]) return m[1].toLowerCase();
  return err.message || 'connection error';
}

/**
 * The one MQTT connection of the page, created outside React. MQTT.js's own fixed-period
 * reconnect is switched off: we reconnect with backoff and jitter, and re-subscribe
 * everything ourselves on every connect (sessions are clean), so the subscription manager is
 * the single source of truth for what is subscribed.
 */
export function createConnection(
  options: { ingest?: Ingest; setStatus?: (s: Partial<ConnectionState>) => void } = {},
): Connection {
  const ingest = options.ingest ?? createIngest();
  const setStatus =
    options.setStatus ??
    ((s: Partial<ConnectionState>) =>
      useConnectionStore.setState((prev) => {
        const now = Date.now();
        const status = s.status ?? prev.status;
        return {
          ...s,
          // `since` moves only when the status changes, not on every reconnect attempt.
          since: s.status && s.status !== prev.status ? now : prev.since,
          disconnectedAt: status === 'connected' ? null : (prev.disconnectedAt ?? now),
        };
      }));

  let client: MqttClient | null = null;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let lastReason: string | null = null;
  /** Bumped by every connect/close, so a connect still loading the library knows it was superseded. */
  let generation = 0;
  const listeners = new Set<{ filter: string; listener: MessageListener; exclusive: boolean }>();
  const subscribedListeners = new Set<(filter: string, granted: boolean) => void>();

  const transport: SubscriptionTransport = {
    isConnected: () => client?.connected ?? false,
    subscribe(filter, qos) {
      client?.subscribe(filter, { qos }, (err, granted) => {
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
  subscriptions.onChange((filters) => ingest.setWildcardFilters(filters));

  function clearRetry() {
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
  }

  function scheduleReconnect(c: MqttClient) {
    clearRetry();
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      setStatus({ status: 'offline', reason: 'this device has no network', retryAt: null });
      return; // the 'online' event brings us back
    }
    attempt++;
    const delay = reconnectDelay(attempt);
    // Browsers hide why a WebSocket failed; the broker's own refusal (lastReason) is kept.
    const reason = lastReason ?? 'no answer from the broker';
    setStatus({ status: 'reconnecting', attempt, reason, retryAt: Date.now() + delay });
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (client === c) c.reconnect();
    }, delay);
  }

  function connect(url: string, settings: BrokerSettings) {
    const gen = ++generation;
    const old = client;
    client = null;
    clearRetry();
    old?.end(true);
    attempt = 0;
    lastReason = null;
    setStatus({
      status: 'connecting',
      url: redactUrl(url),
      attempt: 0,
      reason: null,
      retryAt: null,
    });

    const opts: IClientOptions = {
      clientId: settings.clientId || randomClientId(),
      keepalive: settings.keepalive,
      clean: true,
      protocolVersion: 4, // aedes speaks 3.1.1 only; every broker speaks it
      reconnectPeriod: 0,
      connectTimeout: 10_000,
      resubscribe: false,
      // A slider position from minutes ago must not be replayed after a reconnect.
      queueQoSZero: false,
      ...(settings.username ? { username: settings.username } : {}),
      ...(settings.password ? { password: settings.password } : {}),
    };
    void loadMqtt().then((mqtt) => {
      if (gen === generation) start(mqtt.connect(url, opts));
    });
  }

  function start(c: MqttClient) {
    client = c;
    c.on('connect', () => {
      if (client !== c) return;
      clearRetry();
      attempt = 0;
      lastReason = null;
      setStatus({ status: 'connected', attempt: 0, reason: null, retryAt: null });
      subscriptions.restore();
    });
    c.on('message', (topic, payload, packet) => {
      ingest.handle(topic, payload, packet.retain);
      for (const l of listeners)
        if (topicMatches(l.filter, topic)) l.listener(topic, payload, packet.retain);
    });
    c.on('error', (err) => {
      if (client !== c) return;
      lastReason = describeError(err);
      setStatus({ reason: lastReason });
    });
    c.on('close', () => {
      if (client !== c) return;
      scheduleReconnect(c);
      lastReason = null; // a refusal is reported once per attempt
    });
  }

  function reconnectNow() {
    const c = client;
    if (!c || c.connected) return;
    clearRetry();
    c.reconnect();
  }

  if (typeof window !== 'undefined') {
    window.addEventListener('online', reconnectNow);
    window.addEventListener('offline', () => {
      if (client && !client.connected) {
        setStatus({ status: 'offline', reason: 'this device has no network', retryAt: null });
      }
    });
  }

  return {
    listen(filter, listener, options) {
      const entry = { filter, listener, exclusive: options?.exclusive ?? false };
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
    onSubscribed(listener) {
      subscribedListeners.add(listener);
      return () => subscribedListeners.delete(listener);
    },
    connect,
    reconnectNow,
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
      const c = client;
      client = null;
      return new Promise((resolve) => (c ? c.end(true, {}, () => resolve()) : resolve()));
    },
  };
}
