/**
 * When a chart redraws: at most once per `intervalMs` however often its data changes
 * (leading and trailing, so the newest data is always drawn), and on a slow tick so the
 * window slides when nothing arrives. Its value, the time of the last redraw, is the chart's
 * "now". An external store for useSyncExternalStore: renders read it, never set it.
 */
export interface RedrawClock {
  get(): number;
  subscribe(listener: () => void): () => void;
  /** Data changed: redraw now, or at the end of the current interval. */
  bump(): void;
  /** Also redraw every `ms` (null: stop). */
  tickEvery(ms: number | null): void;
  /** Stop the timers; listeners stay (React unsubscribes them itself). */
  dispose(): void;
}

export function createRedrawClock(intervalMs: number, now: () => number = Date.now): RedrawClock {
  let value = now();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let ticker: ReturnType<typeof setInterval> | null = null;
  const listeners = new Set<() => void>();

  function fire() {
    timer = null;
    value = Math.max(value + 1, now());
    for (const l of listeners) l();
  }

  return {
    get: () => value,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    bump() {
      if (timer !== null) return;
      const wait = value + intervalMs - now();
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    },
    tickEvery(ms) {
      if (ticker !== null) clearInterval(ticker);
      ticker = ms === null ? null : setInterval(fire, ms);
    },
    dispose() {
      if (timer !== null) clearTimeout(timer);
      if (ticker !== null) clearInterval(ticker);
      timer = ticker = null;
    },
  };
}
