import { create } from 'zustand';
import { emptyHistory, record, redo, undo, type History } from '@/dashboard/history';
import type { Dashboard, DashboardDocument } from '@/dashboard/schema';

/** Where the last change came from: sync publishes only local ones. */
export type ChangeSource = 'load' | 'local' | 'remote';

/** One dashboard as an edit found it and left it (undefined: absent). */
export interface DashboardChange {
  readonly id: string;
  readonly before: Dashboard | undefined;
  readonly after: Dashboard | undefined;
  /** Its place in the list before the edit, to put it back there. */
  readonly index: number;
}

/** What one edit changed: undo puts back `before` of exactly these dashboards. */
export type EditStep = readonly DashboardChange[];

export interface DashboardState {
  readonly document: DashboardDocument;
  readonly history: History<EditStep>;
  readonly lastSource: ChangeSource;
  /** Replace everything without history (startup load). */
  load(document: DashboardDocument): void;
  /**
   * A person's edit: `change` returns the next document (operations.ts). Dashboards it changed
   * get revision + 1 and a new updatedAt; the step goes on the undo stack.
   */
  edit(change: (doc: DashboardDocument) => DashboardDocument): void;
  /**
   * Another device's copy, revisions as they came. Replacing or removing a local dashboard is
   * recorded, so the losing local state stays reachable by undo; a dashboard that is simply
   * new here is not (undoing it would delete it on every device).
   */
  applyRemote(change: (doc: DashboardDocument) => DashboardDocument): void;
  undo(): void;
  redo(): void;
}

const EMPTY: DashboardDocument = { schemaVersion: 1, dashboards: [] };

/**
 * Give every dashboard that differs from `prev` (by reference: edits are immutable) a revision
 * above the previous one, so undo, redo and edits all move forward for the broker sync.
 */
export function bumpRevisions(
  prev: DashboardDocument,
  next: DashboardDocument,
  now = new Date(),
): DashboardDocument {
  const before = new Map(prev.dashboards.map((d) => [d.id, d]));
  let changed = false;
  const dashboards = next.dashboards.map((d): Dashboard => {
    const old = before.get(d.id);
    if (old === d) return d;
    changed = true;
    return {
      ...d,
      revision: Math.max(old?.revision ?? 0, d.revision) + 1,
      updatedAt: now.toISOString(),
    };
  });
  return changed ? { ...next, dashboards } : next;
}

/** The dashboards `next` changed, added or removed compared with `prev`. */
export function diffDocuments(prev: DashboardDocument, next: DashboardDocument): EditStep {
  const after = new Map(next.dashboards.map((d) => [d.id, d]));
  const changes: DashboardChange[] = [];
  prev.dashboards.forEach((d, index) => {
    const a = after.get(d.id);
    if (a !== d) changes.push({ id: d.id, before: d, after: a, index });
  });
  const known = new Set(prev.dashboards.map((d) => d.id));
  next.dashboards.forEach((d, index) => {
    if (!known.has(d.id)) changes.push({ id: d.id, before: undefined, after: d, index });
  });
  return changes;
}

/** Put one side of a step into `doc`, leaving every other dashboard as it is now. */
export function applyStep(
  doc: DashboardDocument,
  step: EditStep,
  side: 'before' | 'after',
): DashboardDocument {
  let dashboards = [...doc.dashboards];
  for (const change of step) {
    const target = change[side];
    const at = dashboards.findIndex((d) => d.id === change.id);
    if (!target) {
      if (at >= 0) dashboards = dashboards.filter((d) => d.id !== change.id);
    } else if (at >= 0) {
      dashboards[at] = target;
    } else {
      dashboards.splice(Math.min(change.index, dashboards.length), 0, target);
    }
  }
  return { ...doc, dashboards };
}

/** A dashboard store; the app has one (`useDashboardStore`), tests make their own. */
export function createDashboardStore() {
  return create<DashboardState>()((set, get) => ({
    document: EMPTY,
    history: emptyHistory,
    lastSource: 'load',
    load: (document) => set({ document, history: emptyHistory, lastSource: 'load' }),
    edit(change) {
      const { document, history } = get();
      const next = change(document);
      if (next === document) return;
      const bumped = bumpRevisions(document, next);
      set({
        document: bumped,
        history: record(history, diffDocuments(document, bumped)),
        lastSource: 'local',
      });
    },
    applyRemote(change) {
      const { document, history } = get();
      const next = change(document);
      if (next === document) return;
      const replaced = diffDocuments(document, next).filter((c) => c.before !== undefined);
      set({
        document: next,
        history: replaced.length > 0 ? record(history, replaced) : history,
        lastSource: 'remote',
      });
    },
    undo() {
      const { document, history } = get();
      const u = undo(history);
      if (!u) return;
      const next = bumpRevisions(document, applyStep(document, u.step, 'before'));
      set({ document: next, history: u.history, lastSource: 'local' });
    },
    redo() {
      const { document, history } = get();
      const r = redo(history);
      if (!r) return;
      const next = bumpRevisions(document, applyStep(document, r.step, 'after'));
      set({ document: next, history: r.history, lastSource: 'local' });
    },
  }));
}

/** Dashboard configuration: the slow-moving store. Edited by people, never by messages. */
export const useDashboardStore = createDashboardStore();

/** A dashboard by id, or the first one. */
export function selectDashboard(s: DashboardState, id?: string): Dashboard | undefined {
  const list = s.document.dashboards;
  return (id ? list.find((d) => d.id === id) : undefined) ?? list[0];
}
