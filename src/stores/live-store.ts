import { create } from 'zustand';
import type { LiveEntry, LiveSink } from '@/mqtt/ingest';

export type { LiveEntry };

export interface LiveState {
  /** Keyed by topic, and by wildcard filter for widgets that subscribe to one. */
  readonly entries: Readonly<Record<string, LiveEntry>>;
}

/**
 * Live values: the fast-moving store. Written ONLY through its sink, by the ingest's
 * per-frame flush (one setState per frame, however many messages arrived); never persisted.
 */
export const useLiveStore = create<LiveState>()(() => ({ entries: {} }));

/** How long one task may spend writing live values and rendering what they change. */
const TASK_BUDGET_MS = 12;
/** At least this many changes go in one write: a few values are never held back. */
const MIN_CHUNK = 16;
/**
 * What one changed value costs (setState, React's render and commit) before it is measured:
 * a value's first appearance on a 2-core machine (later ones are cheaper, and measured).
 */
const FIRST_MS_PER_CHANGE = 0.7;

export interface PacedSinkOptions {
  /** The clock (tests). */
  readonly now?: () => number;
  /** Runs the rest of a write in a later task (tests run it by hand). */
  readonly later?: (run: () => void) => void;
}

/**
 * The ingest's output, into a live store: one `setState` per batch — as long as React can
 * render it within a frame's share of the main thread. A batch that changes more values than
 * that (a dashboard of 100 widgets getting its retained values at once, a flood over every
 * widget) is written in chunks, one per task, oldest changes first, so no task grows long
 * and the page keeps answering taps; what arrives meanwhile joins the rest (the newest entry
 * per key wins). The cost per change is measured on every write, so a fast machine takes the
 * whole batch at once.
 */
export function liveStoreSink(
  store: { setState(update: (s: LiveState) => LiveState): void } = useLiveStore,
  { now = () => performance.now(), later = (run) => setTimeout(run, 0) }: PacedSinkOptions = {},
): LiveSink {
  const pending = new Map<string, LiveEntry>();
  const gone = new Set<string>();
  let msPerChange = FIRST_MS_PER_CHANGE;
  let scheduled = false;

  function flush() {
    scheduled = false;
    const limit = Math.max(MIN_CHUNK, Math.floor(TASK_BUDGET_MS / msPerChange));
    const chunk: Array<[string, LiveEntry]> = [];
    for (const entry of pending) {
      if (chunk.length >= limit) break;
      chunk.push(entry);
    }
    for (const [key] of chunk) pending.delete(key);
    const forgotten = [...gone];
    gone.clear();
    const started = now();
    store.setState((s) => {
      const entries: Record<string, LiveEntry> = { ...s.entries };
      for (const key of forgotten) delete entries[key];
      for (const [key, entry] of chunk) entries[key] = entry;
      return { entries };
    });
    // React renders a store change in a microtask queued during setState: this one runs after.
    if (chunk.length >= MIN_CHUNK) {
      queueMicrotask(() => {
        const sample = (now() - started) / chunk.length;
        msPerChange = 0.5 * msPerChange + 0.5 * sample;
      });
    }
    if (pending.size > 0) {
      scheduled = true;
      later(flush);
    }
  }

  return {
    write(changes, forgotten) {
      for (const key of forgotten) {
        pending.delete(key);
        gone.add(key);
      }
      for (const [key, entry] of changes) {
        pending.set(key, entry);
        gone.delete(key);
      }
      if (!scheduled) flush();
    },
  };
}

/**
 * The entry for one topic or filter. Each new message makes a new entry object, so a widget
 * re-renders only when its own topic got a message.
 */
export function useLiveEntry(topic: string | undefined): LiveEntry | undefined {
  return useLiveStore((s) => (topic ? s.entries[topic] : undefined));
}
