import { createContext, useContext } from 'react';
import type { HistoryPoint } from '@/mqtt/ingest';

/** Read access to the live path's bounded per-topic history (for charts). */
export interface LiveHistory {
  /** Oldest first. */
  history(topic: string): readonly HistoryPoint[];
}

const none: LiveHistory = { history: () => [] };

/** Provided by the app with the connection's ingest; tests provide their own. */
export const LiveHistoryContext = createContext<LiveHistory>(none);

export function useLiveHistory(): LiveHistory {
  return useContext(LiveHistoryContext);
}
