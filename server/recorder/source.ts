/**
 * Where the recorder hears messages. With the embedded broker: inside the process (every
 * message aedes takes in, and the retained dashboards from its store at start). With
 * `--no-broker`: as an MQTT client of the user's broker (RECORD_FROM), subscribed to the
 * dashboards' sync prefix and to the recorded filters, re-subscribing as dashboards change,
 * reconnecting with backoff.
 */
import mqtt, { type MqttClient } from 'mqtt';
import type { Recorder, SourceStatus } from './recorder.ts';

export interface EmbeddedBroker {
  onPublish(listener: (topic: string, payload: Buffer, retained: boolean) => void): () => void;
  retained(filter: string): AsyncIterable<{ topic: string; payload: Buffer }>;
}

export interface Source {
  status(): SourceStatus;
  close(): Promise<void>;
}

/** Hears the embedded broker. Resolves once the retained dashboards are read. */
export async function embeddedSource(broker: EmbeddedBroker, recorder: Recorder): Promise<Source> {
  const off = broker.onPublish((topic, payload, retained) =>
    recorder.take(topic, payload, retained),
  );
  // Dashboards shared before this start: the retained copies, as a subscribing browser gets.
  for await (const m of broker.retained(`${recorder.dashboards.prefix}#`)) {
    recorder.take(m.topic, m.payload, true);
  }
  const status: SourceStatus = { kind: 'embedded', url: null, connected: true, error: null };
  recorder.setSource(() => status);
  return {
    status: () => status,
    close: async () => off(),
  };
}

export interface ClientSourceOptions {
  readonly url: string;
  readonly username?: string;
  readonly password?: string;
  readonly log?: (line: string) => void;
  /** Backoff bounds in ms (tests shorten them). */
  readonly minDelayMs?: number;
  readonly maxDelayMs?: number;
}

/** The URL as the log and /api/recorder show it: no username or password in it. */
export function publicUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

/**
 * The fewest subscriptions that hear every filter once: a filter another one covers (`a/b`
 * under `a/#`) is left out, so an overlapping pair does not deliver a message twice.
 */
export function coveringFilters(filters: readonly string[]): string[] {
  const unique = [...new Set(filters)];
  return unique.filter((f) => !unique.some((other) => other !== f && covers(other, f)));
}

/** Whether every topic `inner` matches is matched by `outer`. */
function covers(outer: string, inner: string): boolean {
  const o = outer.split('/');
  const i = inner.split('/');
  for (let k = 0; k < o.length; k++) {
    if (o[k] === '#') return true;
    if (k >= i.length) return false;
    if (i[k] === '#') return false;
    if (o[k] === '+') continue;
    if (i[k] === '+' || o[k] !== i[k]) return false;
  }
  return o.length === i.length;
}

/** A client of the user's broker. Resolves at once; it connects (and reconnects) by itself. */
export function clientSource(options: ClientSourceOptions, recorder: Recorder): Source {
  const log = options.log ?? (() => {});
  const minDelay = options.minDelayMs ?? 1000;
  const maxDelay = options.maxDelayMs ?? 60_000;
  const url = publicUrl(options.url);
  let connected = false;
  let error: string | null = null;
  let delay = minDelay;
  let subscribed = new Set<string>();
  let everConnected = false;

  const client: MqttClient = mqtt.connect(options.url, {
    username: options.username || undefined,
    password: options.password || undefined,
    clientId: `tafel-recorder-${Math.random().toString(16).slice(2, 10)}`,
    // A persistent session would make the broker queue for us while the server is down:
    // not wanted, a restarted recorder starts from the retained values.
    clean: true,
    reconnectPeriod: minDelay,
    connectTimeout: 10_000,
    keepalive: 30,
  });

  const wanted = () =>
    coveringFilters([`${recorder.dashboards.prefix}#`, ...recorder.filters().map((f) => f.filter)]);

  function resubscribe() {
    if (!connected) return;
    const next = new Set(wanted());
    const add = [...next].filter((f) => !subscribed.has(f));
    const remove = [...subscribed].filter((f) => !next.has(f));
    subscribed = next;
    if (remove.length > 0) client.unsubscribe(remove);
    if (add.length > 0) {
      client.subscribe(add, { qos: 1 }, (err, granted) => {
        if (err) log(`Recorder: subscribing at ${url} failed: ${err.message}`);
        for (const g of granted ?? []) {
          if (g.qos === 128) log(`Recorder: ${url} refused the subscription to ${g.topic}.`);
        }
      });
    }
  }

  const stopListening = recorder.onFiltersChanged(resubscribe);

  client.on('connect', () => {
    connected = true;
    error = null;
    delay = minDelay;
    client.options.reconnectPeriod = delay;
    subscribed = new Set();
    log(`Recorder: ${everConnected ? 'reconnected' : 'connected'} to ${url}.`);
    everConnected = true;
    resubscribe();
  });
  client.on('message', (topic, payload, packet) => {
    // MQTT sets retain only on what a new subscription replays: those are no new samples.
    recorder.take(topic, payload, packet.retain, packet.retain);
  });
  client.on('error', (err) => {
    const text = err.message;
    if (text !== error) log(`Recorder: ${url}: ${text}`);
    error = text;
  });
  client.on('close', () => {
    if (connected) log(`Recorder: lost ${url}; reconnecting.`);
    connected = false;
    // Backoff: 1 s, 2 s, 4 s … up to a minute, with jitter so many servers do not line up.
    delay = Math.min(maxDelay, delay * 2);
    client.options.reconnectPeriod = Math.round(delay * (0.8 + Math.random() * 0.4));
  });

  const status = (): SourceStatus => ({ kind: 'mqtt', url, connected, error });
  recorder.setSource(status);
  return {
    status,
    close: () =>
      new Promise<void>((resolve) => {
        stopListening();
        client.end(true, {}, () => resolve());
      }),
  };
}
