import { useEffect, useState } from 'react';
import { isWildcard } from '@/mqtt/topic-filter';
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
    let current = true;
    const read = () =>
      void connection.topics().then((heard) => {
        if (!current) return;
        const all = heard
          .filter((t) => !isWildcard(t) && !t.startsWith(excludePrefix))
          .sort()
          .slice(0, MAX_SUGGESTIONS);
        setTopics((prev) =>
          prev.length === all.length && prev.every((t, i) => t === all[i]) ? prev : all,
        );
      });
    read();
    const timer = setInterval(read, 1000);
    return () => {
      current = false;
      clearInterval(timer);
      release();
    };
  }, [active, excludePrefix]);
  return topics;
}
