import { useEffect, useState } from 'react';
import { isWildcard } from '@/mqtt/topic-filter';
import { useLiveStore } from '@/stores/live-store';
import { connection } from './bootstrap';

const MAX_SUGGESTIONS = 300;

/**
 * Topics seen on the broker, for the topic fields' suggestions. While `active` (a settings
 * panel is open) Tafel listens to `#` to discover them; the list is refreshed once a second,
 * not per message. Topics under `excludePrefix` (the dashboard sync's) are left out.
 */
export function useTopicSuggestions(active: boolean, excludePrefix: string): readonly string[] {
  const [topics, setTopics] = useState<readonly string[]>([]);
  useEffect(() => {
    if (!active) return;
    const release = connection.subscriptions.acquire('#', 0);
    const read = () => {
      const all = Object.keys(useLiveStore.getState().entries)
        .filter((t) => !isWildcard(t) && !t.startsWith(excludePrefix))
        .sort();
      setTopics((prev) =>
        prev.length === all.length && prev.every((t, i) => t === all[i])
          ? prev
          : all.slice(0, MAX_SUGGESTIONS),
      );
    };
    read();
    const timer = setInterval(read, 1000);
    return () => {
      clearInterval(timer);
      release();
    };
  }, [active, excludePrefix]);
  return topics;
}
