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

/** The ingest's output, into a live store: one `setState` per batch. */
export function liveStoreSink(
  store: { setState(update: (s: LiveState) => LiveState): void } = useLiveStore,
): LiveSink {
  return {
    write(changes, forgotten) {
      store.setState((s) => {
        const entries: Record<string, LiveEntry> = { ...s.entries };
        for (const key of forgotten) delete entries[key];
        for (const [key, entry] of changes) entries[key] = entry;
        return { entries };
      });
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
