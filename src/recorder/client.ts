/**
 * The browser's side of Tafel's recorder (server/recorder/): is there one, and does it record
 * the broker this page uses; the last values of topics; a chart's history; the CSV link.
 * A Tafel served by another web server, or a page on a plain broker, has no `/api/recorder`:
 * every question then answers "nothing" at once and the app works as without it.
 */
import { z } from 'zod';

/** What the page learns from `/api/recorder`. */
export interface RecorderInfo {
  /** Whether its values are this page's broker's (see `recordsBroker`). */
  readonly usable: boolean;
  /** Writing history now; false with a reason (a full disk …) in `error`. */
  readonly recording: boolean;
  readonly error: string | null;
  /** What kind of failure `error` is, for a text in the page's language (null: none or unknown). */
  readonly errorCode: RecorderErrorCode | null;
}

export const RECORDER_ERROR_CODES = [
  'disk-full',
  'damaged',
  'locked',
  'read-only',
  'io',
  'other',
] as const;
export type RecorderErrorCode = (typeof RECORDER_ERROR_CODES)[number];

const statusSchema = z.object({
  recording: z.boolean(),
  error: z.string().nullable(),
  // Older servers do not send it; a code this page does not know reads as "other".
  errorCode: z
    .string()
    .nullish()
    .transform((c): RecorderErrorCode | null =>
      c == null
        ? null
        : (RECORDER_ERROR_CODES as readonly string[]).includes(c)
          ? (c as RecorderErrorCode)
          : 'other',
    ),
  source: z.object({
    kind: z.enum(['embedded', 'mqtt']),
    url: z.string().nullable(),
  }),
});

const lastSchema = z.object({
  values: z
    .array(
      z.object({
        filter: z.string(),
        topic: z.string(),
        time: z.number(),
        retained: z.boolean(),
        payload: z.string(),
        encoding: z.enum(['utf8', 'base64']),
      }),
    )
    .max(1000),
});

const historySchema = z.object({
  series: z
    .array(
      z.object({
        topic: z.string(),
        path: z.string(),
        t: z.array(z.number()).max(200_000),
        v: z.array(z.number()).max(200_000),
      }),
    )
    .max(50),
});

/** One recorded last value. */
export interface RecordedValue {
  readonly filter: string;
  readonly topic: string;
  readonly time: number;
  readonly retained: boolean;
  readonly bytes: Uint8Array;
}

/** One line of recorded history: a topic's numbers, in time order. */
export interface RecordedLine {
  readonly topic: string;
  readonly t: Float64Array;
  readonly v: Float64Array;
}

/** The page's broker URL and where the page came from, to decide `usable`. */
export interface PageContext {
  readonly brokerUrl: string;
  readonly location: { protocol: string; host: string; hostname: string };
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * Whether the recorder records the broker this page is connected to. The embedded broker:
 * when the page uses this server's own `/mqtt`. A broker the server is a client of
 * (RECORD_FROM): when the page's broker is on the same host (its WebSocket port differs from
 * its TCP port, so only the host can be compared; a recorder on `localhost` is the page's
 * server host, and all names of the loopback are one). Otherwise its values would be another
 * broker's, shown as this one's.
 */
export function recordsBroker(
  source: { kind: 'embedded' | 'mqtt'; url: string | null },
  page: PageContext,
): boolean {
  let broker: URL;
  try {
    broker = new URL(page.brokerUrl);
  } catch {
    return false;
  }
  if (source.kind === 'embedded') {
    return broker.host === page.location.host && broker.pathname === '/mqtt';
  }
  let recorded: URL;
  try {
    recorded = new URL(source.url ?? '');
  } catch {
    return false;
  }
  // mqtt: URLs are not a web scheme: their host keeps its case ("NAS.local" is "nas.local").
  const name = recorded.hostname.toLowerCase();
  const host = LOCAL_HOSTS.has(name) ? page.location.hostname.toLowerCase() : name;
  // The page opened on the server itself: "localhost" and 127.0.0.1 are the same machine.
  const same = (h: string) => (LOCAL_HOSTS.has(h) ? 'localhost' : h);
  return same(host) === same(broker.hostname);
}

export interface RecorderClient {
  /** The recorder as last heard of; null before the first answer or where there is none. */
  info(): RecorderInfo | null;
  /** Ask `/api/recorder` again (on reconnect, every minute); resolves with the answer. */
  probe(): Promise<RecorderInfo | null>;
  /** Called after each probe that changed `info()`. */
  subscribe(listener: () => void): () => void;
  /** The last values of these topics/filters; [] without a usable recorder or on an error. */
  last(filters: readonly string[]): Promise<RecordedValue[]>;
  /** A topic's (or filter's lines') numbers in [from, to]; null without a recorder or on error. */
  history(
    topic: string,
    valuePath: string,
    from: number,
    to: number,
    points: number,
  ): Promise<RecordedLine[] | null>;
  /** The CSV download's address for a chart series. */
  csvUrl(topic: string, valuePath: string, from: number, to: number): string;
}

export interface RecorderClientOptions {
  /** The page's broker and location, read at each probe (the broker may change). */
  readonly page: () => PageContext;
  readonly fetch?: typeof fetch;
  /** Where the API is; default the page's own origin. */
  readonly base?: string;
  /** A request slower than this counts as no answer (a wall tablet must not wait long). */
  readonly timeoutMs?: number;
  /**
   * `/api/recorder`, asked before this client was made (app-recorder.ts's
   * `requestRecorderStatus`): the
   * first probe reads its answer instead of asking again.
   */
  readonly firstStatus?: Promise<Response>;
}

const decodeBase64 = (text: string): Uint8Array =>
  Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export function createRecorderClient(options: RecorderClientOptions): RecorderClient {
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const base = options.base ?? '';
  const timeoutMs = options.timeoutMs ?? 5000;
  const listeners = new Set<() => void>();
  let current: RecorderInfo | null = null;
  let probing: Promise<RecorderInfo | null> | null = null;
  let probedOnce = false;

  let firstStatus = options.firstStatus ?? null;

  async function getJson(path: string): Promise<unknown> {
    const early = path === '/api/recorder' ? firstStatus : null;
    firstStatus = null;
    const response = await (early ??
      doFetch(base + path, {
        cache: 'no-store',
        signal: AbortSignal.timeout(timeoutMs),
      }));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    if (!(response.headers.get('content-type') ?? '').includes('application/json')) {
      // Another web server's index.html for an unknown path: no recorder there.
      throw new Error('not JSON');
    }
    return response.json();
  }

  function set(next: RecorderInfo | null) {
    const same =
      current?.usable === next?.usable &&
      current?.recording === next?.recording &&
      current?.error === next?.error &&
      current?.errorCode === next?.errorCode;
    current = next;
    if (!same) for (const l of listeners) l();
  }

  function probe(): Promise<RecorderInfo | null> {
    probing ??= getJson('/api/recorder')
      .then((raw) => {
        const status = statusSchema.parse(raw);
        return {
          usable: recordsBroker(status.source, options.page()),
          recording: status.recording,
          error: status.error,
          errorCode: status.errorCode,
        };
      })
      .catch(() => null)
      .then((info) => {
        probing = null;
        probedOnce = true;
        set(info);
        return info;
      });
    return probing;
  }

  /** The recorder to ask, waiting for the first probe. */
  async function usable(): Promise<boolean> {
    const info = probedOnce && !probing ? current : await (probing ?? probe());
    return info?.usable === true;
  }

  return {
    info: () => current,
    probe,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async last(filters) {
      if (filters.length === 0 || !(await usable())) return [];
      const out: RecordedValue[] = [];
      // The API takes 200 topics per request.
      for (let i = 0; i < filters.length; i += 200) {
        const q = new URLSearchParams();
        for (const f of filters.slice(i, i + 200)) q.append('topic', f);
        try {
          const parsed = lastSchema.parse(await getJson(`/api/last?${q}`));
          for (const v of parsed.values) {
            out.push({
              filter: v.filter,
              topic: v.topic,
              time: v.time,
              retained: v.retained,
              bytes:
                v.encoding === 'base64'
                  ? decodeBase64(v.payload)
                  : new TextEncoder().encode(v.payload),
            });
          }
        } catch {
          // No answer: the widgets wait for the broker, as without a recorder.
        }
      }
      return out;
    },
    async history(topic, valuePath, from, to, points) {
      if (!(await usable())) return null;
      const q = new URLSearchParams({
        topic,
        path: valuePath,
        from: String(Math.floor(from)),
        to: String(Math.ceil(to)),
        points: String(points),
      });
      try {
        const parsed = historySchema.parse(await getJson(`/api/history?${q}`));
        return parsed.series.map((s) => {
          const n = Math.min(s.t.length, s.v.length);
          return {
            topic: s.topic,
            t: Float64Array.from(s.t.slice(0, n)),
            v: Float64Array.from(s.v.slice(0, n)),
          };
        });
      } catch {
        return null;
      }
    },
    csvUrl(topic, valuePath, from, to) {
      const q = new URLSearchParams({
        topic,
        path: valuePath,
        from: String(Math.floor(from)),
        to: String(Math.ceil(to)),
        points: '100000',
      });
      return `${base}/api/history.csv?${q}`;
    },
  };
}
