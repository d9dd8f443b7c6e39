import type { LiveEntry, LiveSink } from './ingest';

export interface FrameSinkOptions {
  /** The next frame (tests pass their own). */
  readonly onFrame?: (run: () => void) => void;
  /** A backstop where frames do not come (a hidden page draws none): ms. */
  readonly backstopMs?: number;
}

/**
 * At most one write per frame into `sink`, for batches that arrive on their own clock (the
 * worker's). A batch that finds the frame free is written at once, so a lone value is on
 * screen in the next paint; batches that arrive while a written one is still waiting for its
 * frame are merged (the newest entry per key) and written in the next animation frame,
 * before its paint. Without this, a main thread slower than the worker's 16 ms (100 widgets
 * on a 2-core tablet) found several batches queued per frame and rendered each: its
 * renders, not the messages, then filled the thread (98 % of a core, 21 frames/s).
 */
export function frameSink(
  sink: LiveSink,
  {
    onFrame = typeof requestAnimationFrame === 'function'
      ? (run) => requestAnimationFrame(() => run())
      : (run) => setTimeout(run, 16), // no frames (Node, tests): a frame's time
    backstopMs = 250,
  }: FrameSinkOptions = {},
): LiveSink {
  let busy = false;
  let changes: Map<string, LiveEntry> | null = null;
  const gone = new Set<string>();
  let waiting = false;
  let backstop: ReturnType<typeof setTimeout> | undefined;

  // The frame or the backstop, whichever comes first; one timer at a time, not one per batch.
  function fire() {
    if (!waiting) return;
    waiting = false;
    clearTimeout(backstop);
    next();
  }

  function wait() {
    waiting = true;
    onFrame(fire);
    backstop = setTimeout(fire, backstopMs);
  }

  function next() {
    busy = false;
    if (!changes && gone.size === 0) return;
    const c = changes ?? new Map<string, LiveEntry>();
    const g = [...gone];
    changes = null;
    gone.clear();
    write(c, g);
  }

  function write(c: ReadonlyMap<string, LiveEntry>, g: readonly string[]) {
    busy = true;
    try {
      sink.write(c, g);
    } finally {
      wait(); // a sink that threw must not hold every later batch back
    }
  }

  return {
    write(c, g) {
      if (!busy) return write(c, g);
      changes ??= new Map();
      for (const key of g) {
        changes.delete(key);
        gone.add(key);
      }
      for (const [key, entry] of c) {
        changes.set(key, entry);
        gone.delete(key);
      }
    },
  };
}
