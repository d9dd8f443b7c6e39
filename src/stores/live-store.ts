import { create } from 'zustand';
import type { DecodedPayload } from '@/mqtt/payload';

/** The latest message seen for a topic (or for a wildcard filter: the latest match). */
export interface LiveEntry {
  /** The concrete topic the message arrived on. */
  readonly topic: string;
  readonly payload: DecodedPayload;
  /** Local receive time, ms since the epoch. */
  readonly receivedAt: number;
  readonly retained: boolean;
}

export interface LiveState {
  /** Keyed by topic, and by wildcard filter for widgets that subscribe to one. */
  readonly entries: Readonly<Record<string, LiveEntry>>;
}

/**
 * Live values: the fast-moving store. Written ONLY by the ingest's per-frame flush (one
 * setState per frame, however many messages arrived); never persisted.
 */
export const useLiveStore = create<LiveState>()(() => ({ entries: {} }));

/**
 * The entry for one topic or filter. Each new message makes a new entry object, so a widget
 * re-renders only when its own topic got a message.
 */
export function useLiveEntry(topic: string | undefined): LiveEntry | undefined {
  return useLiveStore((s) => (topic ? s.entries[topic] : undefined));
}
