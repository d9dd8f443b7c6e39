import { createContext, useContext } from 'react';
import type { LiveFeed } from '@/mqtt/ingest';

const none: LiveFeed = { tap: () => () => {} };

/**
 * Every message of a topic, in order, for widgets that need all points rather than the
 * latest (the chart). Provided by the app with the connection's ingest; tests provide their own.
 */
export const LiveFeedContext = createContext<LiveFeed>(none);

export function useLiveFeed(): LiveFeed {
  return useContext(LiveFeedContext);
}
