/**
 * When the broker has sent what it retains. After the subscription is granted, the retained
 * dashboards arrive; what has not come once they stop is not on the broker. "Stopped" is:
 * at least `settleMs` after the grant, and `quietMs` after the last retained message, but
 * never later than `maxMs` after the grant.
 */

type Timer = ReturnType<typeof setTimeout>;

export interface SettleTimer {
  /** The subscription was granted: wait for the retained messages to settle. */
  start(): void;
  /** A retained message arrived: settling waits a little longer. */
  retained(): void;
  /** The connection dropped or the sync stopped: not settled, nothing pending. */
  cancel(): void;
  readonly settled: boolean;
}

export function createSettleTimer(options: {
  settleMs: number;
  quietMs: number;
  maxMs: number;
  now: () => number;
  onSettled(): void;
}): SettleTimer {
  const { settleMs, quietMs, maxMs, now } = options;
  let settled = false;
  let startedAt = 0;
  let lastRetained = 0;
  let timer: Timer | null = null;

  function check() {
    timer = null;
    const until = Math.min(
      Math.max(startedAt + settleMs, lastRetained + quietMs),
      startedAt + maxMs,
    );
    const t = now();
    if (t < until) {
      timer = setTimeout(check, until - t);
      return;
    }
    settled = true;
    options.onSettled();
  }

  function cancel() {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    settled = false;
  }

  return {
    start() {
      cancel();
      startedAt = now();
      timer = setTimeout(check, settleMs);
    },
    retained() {
      lastRetained = now();
    },
    cancel,
    get settled() {
      return settled;
    },
  };
}
