import { decodePayload, type DecodedPayload } from './payload';
import { RingBuffer } from './ring-buffer';
import { isWildcard, topicMatches } from './topic-filter';
import { TopicTrie } from './topic-trie';

/** The latest message seen for a topic (or for a wildcard filter: the latest match). */
export interface LiveEntry {
  /** The concrete topic the message arrived on. */
  readonly topic: string;
  readonly payload: DecodedPayload;
  /** Local receive time, ms since the epoch. */
  readonly receivedAt: number;
  readonly retained: boolean;
  /**
   * Not a message of this page: the recorder's last value from before it opened
   * (`receivedAt` is when the server received it). Shown with its age, never as fresh.
   */
  readonly recorded?: boolean;
}

/** Where the ingest's output goes, once per frame (the app's live store; tests their own). */
export interface LiveSink {
  /**
   * `changes`: the latest entry per key (a topic, or a wildcard filter for its latest match)
   * since the last write. `forgotten`: keys no subscription covers any more.
   */
  write(changes: ReadonlyMap<string, LiveEntry>, forgotten: readonly string[]): void;
}

/** Called for each message on a tapped filter, in the order they arrived. */
export type TapListener = (entry: LiveEntry) => void;

/** Every message of some topics, in order: for consumers that need all points (charts). */
export interface LiveFeed {
  /**
   * Hear every message whose topic matches `filter`: first, at once, what the kept history
   * holds for matching topics (oldest first, topic by topic; not with `replay: false`), then
   * each new message as it is handled. Returns the unsubscribe.
   */
  tap(filter: string, listener: TapListener, options?: { replay?: boolean }): () => void;
}

/** Something that runs a callback "soon": next animation frame, or a timer when hidden. */
export type FrameScheduler = (flush: () => void) => void;

export interface IngestOptions {
  /** Where flushed values go. */
  sink: LiveSink;
  /** Points kept per topic that has a history (see `keepHistory`). */
  historySize?: number;
  /** Payloads larger than this are kept in history only as a size note, to bound memory. */
  historyMaxPayloadBytes?: number;
  /** How long a topic no subscription covers is kept (an unsubscribe racing its last messages). */
  forgetAfterMs?: number;
  /**
   * Most topics held at once. Beyond it the least recently heard topics go first, except
   * those a subscription names exactly (a widget's own topic is never pushed out by a flood
   * under a wildcard).
   */
  maxTopics?: number;
  now?: () => number;
  schedule?: FrameScheduler;
  /** Timers, for the delayed forgetting; tests pass their own. */
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface Ingest extends LiveFeed {
  /** Called for every MQTT message. Cheap: decode, history, taps, pending map — no React work. */
  handle(topic: string, bytes: Uint8Array, retained: boolean): void;
  /** Hand pending values to the sink now (normally done by the scheduler). */
  flush(): void;
  /**
   * The filters subscribed right now. A wildcard filter's latest match is also kept under the
   * filter's own key; topics that no filter covers any more are forgotten after a grace time.
   */
  setFilters(filters: Iterable<string>): void;
  /**
   * Keep a bounded history for topics matching `filter`, from now on, until the release: a
   * chart that appears later still gets the points it missed. Reference-counted.
   */
  keepHistory(filter: string): () => void;
  /** A topic's kept history, oldest first. */
  history(topic: string): LiveEntry[];
  /** Every concrete topic heard and still held (the topic fields' suggestions). */
  knownTopics(): string[];
  /** Forget topics no filter covers now (what the grace timer runs). */
  sweep(): void;
  /** Counters for benchmarks and tests. */
  readonly stats: { messages: number; flushes: number; readonly topics: number };
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

interface TopicState {
  /** Receive time of the last message: the eviction order under the topic cap. */
  last: number;
  /** Null when no history filter matches the topic. */
  history: RingBuffer<LiveEntry> | null;
}

export function createIngest(options: IngestOptions): Ingest {
  const { sink } = options;
  const historySize = options.historySize ?? 1000;
  const maxBytes = options.historyMaxPayloadBytes ?? 4096;
  const forgetAfterMs = options.forgetAfterMs ?? 30_000;
  const maxTopics = options.maxTopics ?? 20_000;
  const now = options.now ?? Date.now;
  const schedule = options.schedule ?? frameScheduler;
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer =
    options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));

  const topics = new Map<string, TopicState>();
  let pending = new Map<string, LiveEntry>();
  let forgotten: string[] = [];
  let scheduled = false;
  const stats = {
    messages: 0,
    flushes: 0,
    get topics() {
      return topics.size;
    },
  };

  // Subscribed filters: exact ones cover their topic; wildcard ones also get their own key.
  let exact = new Set<string>();
  let wildcards: string[] = [];
  // The same wildcard filters as a trie: one walk per message, however many there are.
  let wildcardTrie = new TopicTrie<string>();
  let sweepTimer: unknown = null;

  // Taps, by filter: exact filters by a map lookup, wildcard ones by matching.
  const exactTaps = new Map<string, Set<TapListener>>();
  const wildcardTaps = new Map<string, Set<TapListener>>();
  const tapTrie = new TopicTrie<string>();

  // History filters, reference-counted; whether a topic wants one is decided on its first message.
  const historyFilters = new Map<string, number>();

  const wantsHistory = (topic: string) => {
    for (const f of historyFilters.keys()) if (topicMatches(f, topic)) return true;
    return false;
  };

  function requestFlush() {
    if (scheduled) return;
    scheduled = true;
    schedule(flush);
  }

  function flush() {
    scheduled = false;
    if (pending.size === 0 && forgotten.length === 0) return;
    const batch = pending;
    const gone = forgotten;
    pending = new Map();
    forgotten = [];
    stats.flushes++;
    sink.write(batch, gone);
  }

  function forget(key: string) {
    pending.delete(key);
    forgotten.push(key);
  }

  const covered = (topic: string) => exact.has(topic) || wildcardTrie.matches(topic);

  function sweep() {
    if (sweepTimer !== null) clearTimer(sweepTimer);
    sweepTimer = null;
    for (const topic of topics.keys()) {
      if (!covered(topic)) {
        topics.delete(topic);
        forget(topic);
      }
    }
    if (forgotten.length > 0) requestFlush();
  }

  /** Over the cap: drop the least recently heard tenth of the topics not named exactly. */
  function evict() {
    const candidates: Array<[string, number]> = [];
    for (const [topic, s] of topics) if (!exact.has(topic)) candidates.push([topic, s.last]);
    candidates.sort((a, b) => a[1] - b[1]);
    const n = Math.min(candidates.length, topics.size - maxTopics + Math.ceil(maxTopics / 10));
    for (let i = 0; i < n; i++) {
      const topic = candidates[i]![0];
      topics.delete(topic);
      forget(topic);
    }
  }

  function notifyTaps(set: Set<TapListener> | undefined, entry: LiveEntry) {
    if (set) for (const listener of set) listener(entry);
  }

  function historyEntry(entry: LiveEntry): LiveEntry {
    if (entry.payload.size <= maxBytes) return entry;
    // The live store keeps the whole payload (for the widget); the history only its size.
    return {
      ...entry,
      payload: { text: null, json: undefined, size: entry.payload.size, hexPreview: '(not kept)' },
    };
  }

  return {
    stats,
    flush,
    sweep,

    handle(topic, bytes, retained) {
      stats.messages++;
      const t = now();
      const entry: LiveEntry = { topic, payload: decodePayload(bytes), receivedAt: t, retained };

      let state = topics.get(topic);
      if (!state) {
        state = { last: t, history: wantsHistory(topic) ? new RingBuffer(historySize) : null };
        topics.set(topic, state);
        if (topics.size > maxTopics) evict();
      }
      state.last = t;
      state.history?.push(historyEntry(entry));

      // Last value wins within a frame: a Map set replaces the earlier one.
      pending.set(topic, entry);
      notifyTaps(exactTaps.get(topic), entry);
      wildcardTrie.forEachMatch(topic, (filter) => pending.set(filter, entry));
      tapTrie.forEachMatch(topic, (filter) => notifyTaps(wildcardTaps.get(filter), entry));

      requestFlush();
    },

    setFilters(filters) {
      const all = [...filters];
      const nextWildcards = all.filter(isWildcard);
      const nextExact = new Set(all.filter((f) => !isWildcard(f)));
      // A wildcard filter that went takes its own key along with it, at once.
      for (const f of wildcards) if (!nextWildcards.includes(f)) forget(f);
      const lost =
        [...exact].some((f) => !nextExact.has(f)) ||
        wildcards.some((f) => !nextWildcards.includes(f));
      wildcards = nextWildcards;
      exact = nextExact;
      wildcardTrie = new TopicTrie();
      for (const f of wildcards) wildcardTrie.add(f, f);
      if (forgotten.length > 0) requestFlush();
      // Topics may have lost their cover: look again once late messages had time to arrive.
      if (lost && sweepTimer === null) sweepTimer = setTimer(sweep, forgetAfterMs);
    },

    keepHistory(filter) {
      historyFilters.set(filter, (historyFilters.get(filter) ?? 0) + 1);
      // Topics already known start keeping history from now on.
      for (const [topic, s] of topics)
        if (!s.history && topicMatches(filter, topic)) s.history = new RingBuffer(historySize);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const n = (historyFilters.get(filter) ?? 1) - 1;
        if (n > 0) {
          historyFilters.set(filter, n);
          return;
        }
        historyFilters.delete(filter);
        for (const [topic, s] of topics)
          if (s.history && topicMatches(filter, topic) && !wantsHistory(topic)) s.history = null;
      };
    },

    history(topic) {
      return topics.get(topic)?.history?.toArray() ?? [];
    },

    knownTopics: () => [...topics.keys()],

    tap(filter, listener, options) {
      const wild = isWildcard(filter);
      const taps = wild ? wildcardTaps : exactTaps;
      const set = taps.get(filter) ?? new Set<TapListener>();
      if (wild && set.size === 0) tapTrie.add(filter, filter);
      taps.set(filter, set);
      set.add(listener);
      // What is kept already, oldest first, before anything new.
      if (options?.replay === false) {
        // only what comes from now on
      } else if (isWildcard(filter)) {
        for (const [topic, s] of topics)
          if (s.history && topicMatches(filter, topic))
            for (const e of s.history.toArray()) listener(e);
      } else {
        for (const e of topics.get(filter)?.history?.toArray() ?? []) listener(e);
      }
      return () => {
        set.delete(listener);
        if (set.size > 0 || taps.get(filter) !== set) return;
        taps.delete(filter);
        if (wild) tapTrie.remove(filter, filter);
      };
    },
  };
}
