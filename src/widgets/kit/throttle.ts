export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface Throttle<T> {
  /** A new value while moving: sent now, or at most `intervalMs` after the previous send. */
  push(value: T): void;
  /** The user let go: send `value` now unless it was already the last one sent. */
  flush(value: T): void;
  cancel(): void;
}

/**
 * Leading-and-trailing throttle for live controls: the first move is sent at once, then at
 * most one message per interval carrying the newest value, and the final value is always the
 * last message sent.
 */
export function createThrottle<T>(
  send: (value: T) => void,
  intervalMs: number,
  clock: Clock = realClock,
): Throttle<T> {
  let lastSentAt = -Infinity;
  let hasSent = false;
  let lastSent: T | undefined;
  let pending: { value: T } | null = null;
  let timer: unknown = null;

  function fire(value: T) {
    pending = null;
    lastSentAt = clock.now();
    hasSent = true;
    lastSent = value;
    send(value);
  }

  function clearTimer() {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
  }

  return {
    push(value) {
      const wait = lastSentAt + intervalMs - clock.now();
      if (wait <= 0 && timer === null) {
        fire(value);
        return;
      }
      pending = { value };
      if (timer === null) {
        timer = clock.setTimeout(
          () => {
            timer = null;
            if (pending) fire(pending.value);
          },
          Math.max(0, wait),
        );
      }
    },
    flush(value) {
      clearTimer();
      pending = null;
      if (!hasSent || !Object.is(lastSent, value)) fire(value);
    },
    cancel() {
      clearTimer();
      pending = null;
    },
  };
}
