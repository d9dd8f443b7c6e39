import { useState, useSyncExternalStore } from 'react';

/**
 * One clock per interval for the whole page: every component that shows an age or a stale
 * mark ticks from the same timer, so a dashboard of 100 widgets re-renders them in ONE commit
 * a second, not in 100 renders scattered over it (which would also wake the page 100 times).
 */
interface Ticker {
  now: number;
  readonly listeners: Set<() => void>;
  timer: ReturnType<typeof setInterval> | null;
}

const tickers = new Map<number, Ticker>();

function tickerFor(intervalMs: number): Ticker {
  let ticker = tickers.get(intervalMs);
  if (!ticker) {
    ticker = { now: Date.now(), listeners: new Set(), timer: null };
    tickers.set(intervalMs, ticker);
  }
  return ticker;
}

function subscribe(intervalMs: number, listener: () => void): () => void {
  const ticker = tickerFor(intervalMs);
  ticker.listeners.add(listener);
  // The render before this read the clock already (fresh, see clockFor): moving it here
  // again would render every new subscriber twice.
  if (ticker.timer === null) {
    ticker.timer = setInterval(() => {
      ticker.now = Date.now();
      for (const l of ticker.listeners) l();
    }, intervalMs);
  }
  return () => {
    ticker.listeners.delete(listener);
    if (ticker.listeners.size === 0 && ticker.timer !== null) {
      clearInterval(ticker.timer);
      ticker.timer = null;
    }
  };
}

interface Clock {
  subscribe(listener: () => void): () => void;
  get(): number;
}

// Stable functions per interval, so React does not resubscribe on every render.
const clocks = new Map<number, Clock>();

function clockFor(intervalMs: number): Clock {
  let clock = clocks.get(intervalMs);
  if (!clock) {
    clock = {
      subscribe: (listener) => subscribe(intervalMs, listener),
      get() {
        // A clock that was stopped is read fresh (once per interval, so reads agree).
        const ticker = tickerFor(intervalMs);
        if (ticker.timer === null && Date.now() - ticker.now >= intervalMs) ticker.now = Date.now();
        return ticker.now;
      },
    };
    clocks.set(intervalMs, clock);
  }
  return clock;
}

const noSubscribe = () => () => {};

/** The current time, refreshed every `intervalMs` (null: not at all, the time of mounting). */
export function useNow(intervalMs: number | null): number {
  // A stable getter: a new one on each render makes React re-check it in an effect each time.
  const [mounted] = useState(() => {
    const at = Date.now();
    return () => at;
  });
  const clock = intervalMs === null ? null : clockFor(intervalMs);
  const get = clock ? clock.get : mounted;
  return useSyncExternalStore(clock ? clock.subscribe : noSubscribe, get, get);
}
