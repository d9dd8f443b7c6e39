/**
 * Undo/redo as two stacks of steps. What a step is belongs to the caller (the dashboard store
 * records which dashboards an edit changed, before and after), so undoing one edit never
 * reverts what another device changed meanwhile.
 */
export interface History<S> {
  readonly past: readonly S[];
  readonly future: readonly S[];
}

export const emptyHistory: History<never> = { past: [], future: [] };

/** The last 100 steps are kept (steps share their snapshots with the document, so they are cheap). */
export const HISTORY_LIMIT = 100;

/** A new step was done: it can be undone, and what could be redone is forgotten. */
export function record<S>(h: History<S>, step: S, limit = HISTORY_LIMIT): History<S> {
  const past = [...h.past, step];
  return { past: past.length > limit ? past.slice(past.length - limit) : past, future: [] };
}

/** The step to undo and the history after it; null when there is none. */
export function undo<S>(h: History<S>): { history: History<S>; step: S } | null {
  const step = h.past.at(-1);
  if (step === undefined) return null;
  return { step, history: { past: h.past.slice(0, -1), future: [step, ...h.future] } };
}

/** The step to redo and the history after it; null when there is none. */
export function redo<S>(h: History<S>): { history: History<S>; step: S } | null {
  const step = h.future[0];
  if (step === undefined) return null;
  return { step, history: { past: [...h.past, step], future: h.future.slice(1) } };
}
