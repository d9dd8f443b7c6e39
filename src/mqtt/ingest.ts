import { useLiveStore, type LiveEntry, type LiveState } from '@/stores/live-store';
import { decodePayload, type DecodedPayload } from './payload';
import { RingBuffer } from './ring-buffer';
import { isWildcard, topicMatches } from './topic-filter';

/** One point of a topic's history. */
export interface HistoryPoint {
  readonly t: number;
  readonly payload: DecodedPayload;
}

/** Something that runs a callback "soon": next animation frame, or a timer when hidden. */
export type FrameScheduler = (flush: () => void) => void;

export interface IngestOptions {
  /** Points kept per topic. */
  historySize?: number;
  /** Payloads larger than this are kept in history only as a size note, to bound memory. */
  historyMaxPayloadBytes?: number;
  now?: () => number;
  schedule?: FrameScheduler;
  /** Where flushed values go; defaults to the app's live store. */
  setEntries?: (update: (s: LiveState) => LiveState) => void;
}

export interface Ingest {
  /** Called for every MQTT message. Cheap: decode, history, pending map — no React work. */
  handle(topic: string, bytes: Uint8Array, retained: boolean): void;
  /** Apply pending values to the store now (normally done by the scheduler). */
  flush(): void;
  /** Wildcard filters whose latest match should also be kept under the filter's own key. */
  setWildcardFilters(filters: Iterable<string>): void;
  /** A topic's history, oldest first. */
  history(topic: string): HistoryPoint[];
  /** Counters for benchmarks and tests. */
  readonly stats: { messages: number; flushes: number };
}

/**
 * Default scheduler: once per animation frame while visible; a 250 ms timer while the page is
 * hidden, because browsers pause requestAnimationFrame in background tabs and values must
 * still be current when the page comes back.
 */
export const frameScheduler: FrameScheduler = (flush) => {
  if (typeof document !== 'undefined' && document.visibilityState === 'visible') {
    requestAnimationFrame(() => flush());
  } else {
    setTimeout(flush, 250);
  }
};

export function createIngest(options: IngestOptions = {}): Ingest {
  const historySize = options.historySize ?? 1000;
  const maxBytes = options.historyMaxPayloadBytes ?? 4096;
  const now = options.now ?? Date.now;
  const schedule = options.schedule ?? frameScheduler;
  const setEntries =
    options.setEntries ?? ((update: (s: LiveState) => LiveState) => useLiveStore.setState(update));

  const histories = new Map<string, RingBuffer<HistoryPoint>>();
  let pending = new Map<string, LiveEntry>();
  let scheduled = false;
  let wildcards: string[] = [];
  const stats = { messages: 0, flushes: 0 };

  function flush() {
    scheduled = false;
    if (pending.size === 0) return;
    const batch = pending;
    pending = new Map();
    stats.flushes++;
    setEntries((s) => {
      const entries: Record<string, LiveEntry> = { ...s.entries };
      for (const [key, entry] of batch) entries[key] = entry;
      return { entries };
    });
  }

  return {
    stats,
    flush,
    handle(topic, bytes, retained) {
      stats.messages++;
      const payload = decodePayload(bytes);
      const t = now();
      const entry: LiveEntry = { topic, payload, receivedAt: t, retained };

      let h = histories.get(topic);
      if (!h) histories.set(topic, (h = new RingBuffer(historySize)));
      h.push({
        t,
        payload:
          payload.size > maxBytes
            ? { text: null, json: undefined, size: payload.size, hexPreview: '(not kept)' }
            : payload,
      });

      // Last value wins within a frame: a Map set replaces the earlier one.
      pending.set(topic, entry);
      for (const filter of wildcards) if (topicMatches(filter, topic)) pending.set(filter, entry);

      if (!scheduled) {
        scheduled = true;
        schedule(flush);
      }
    },
    setWildcardFilters(filters) {
      wildcards = [...filters].filter(isWildcard);
    },
    history(topic) {
      return histories.get(topic)?.toArray() ?? [];
    },
  };
}
