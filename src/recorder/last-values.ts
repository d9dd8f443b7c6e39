import type { LiveEntry } from '@/mqtt/ingest';
import { decodePayload } from '@/mqtt/payload';
import type { RecordedValue, RecorderClient } from './client';

/** Where recorded values go: the live store, through the composition root. */
export interface LastValueTarget {
  get(key: string): LiveEntry | undefined;
  write(changes: ReadonlyMap<string, LiveEntry>): void;
}

/**
 * The recorder's last values for what the widgets subscribe to, asked when the subscriptions
 * change and on every (re)connect. A value is written only where the page has nothing newer:
 * no message yet (a sensor that does not retain), or an older one (messages missed while
 * the connection was down). A message that arrives later always wins; a recorded entry is
 * marked (`recorded`), so it is shown with its age and never taken for a fresh message.
 */
export function createLastValues(client: RecorderClient, target: LastValueTarget) {
  let filters: readonly string[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let asked = new Set<string>();
  let disposed = false;

  /** `before`: the entries when the request went out. */
  function apply(
    values: readonly RecordedValue[],
    before: ReadonlyMap<string, LiveEntry | undefined>,
  ) {
    if (disposed) return;
    const changes = new Map<string, LiveEntry>();
    for (const v of values) {
      const existing = target.get(v.filter);
      // A message that came while the request travelled is the newest there is, whatever
      // the clocks say (the tablet's own and the server's may be seconds apart).
      if (existing && existing !== before.get(v.filter) && !existing.recorded) continue;
      if (existing && existing.receivedAt >= v.time) continue;
      // A wildcard's topics share its entry, as live messages do: the newest one shows.
      const other = changes.get(v.filter);
      if (other && other.receivedAt >= v.time) continue;
      changes.set(v.filter, {
        topic: v.topic,
        payload: decodePayload(v.bytes),
        receivedAt: v.time,
        retained: v.retained,
        recorded: true,
      });
    }
    if (changes.size > 0) target.write(changes);
  }

  function run(only: readonly string[]) {
    if (disposed || only.length === 0) return;
    const before = new Map(only.map((f) => [f, target.get(f)]));
    void client.last(only).then((values) => apply(values, before));
  }

  return {
    /** The filters the shown widgets need; only new ones are asked (a short debounce). */
    setFilters(next: readonly string[]) {
      if (disposed) return;
      filters = [...new Set(next)];
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        const fresh = filters.filter((f) => !asked.has(f));
        asked = new Set(filters);
        run(fresh);
      }, 30);
    },
    /** A (re)connect: everything may have missed messages. */
    connected() {
      asked = new Set(filters);
      run(filters);
    },
    dispose() {
      disposed = true;
      if (timer !== null) clearTimeout(timer);
    },
  };
}
