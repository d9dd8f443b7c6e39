/** Undo/redo over immutable snapshots: cheap, since unchanged parts are shared. */
export interface History<T> {
  readonly past: readonly T[];
  readonly future: readonly T[];
}

export const emptyHistory: History<never> = { past: [], future: [] };

/** At least the last 50 steps are kept (the issue asks 50; snapshots share structure). */
export const HISTORY_LIMIT = 100;

/** `present` is about to be replaced: remember it, and forget what could be redone. */
export function record<T>(h: History<T>, present: T, limit = HISTORY_LIMIT): History<T> {
  const past = [...h.past, present];
  return { past: past.length > limit ? past.slice(past.length - limit) : past, future: [] };
}

/** Step back: the snapshot to restore, and the history after it; null when nothing to undo. */
export function undo<T>(h: History<T>, present: T): { history: History<T>; state: T } | null {
  const state = h.past.at(-1);
  if (state === undefined) return null;
  return { state, history: { past: h.past.slice(0, -1), future: [present, ...h.future] } };
}

export function redo<T>(h: History<T>, present: T): { history: History<T>; state: T } | null {
  const state = h.future[0];
  if (state === undefined) return null;
  return { state, history: { past: [...h.past, present], future: h.future.slice(1) } };
}
