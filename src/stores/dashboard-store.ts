import { create } from 'zustand';
import { emptyHistory, record, redo, undo, type History } from '@/dashboard/history';
import type { Dashboard, DashboardDocument } from '@/dashboard/schema';

/** Where the last change came from: sync publishes only local ones. */
export type ChangeSource = 'load' | 'local' | 'remote';

export interface DashboardState {
  readonly document: DashboardDocument;
  readonly history: History<DashboardDocument>;
  readonly lastSource: ChangeSource;
  /** Replace everything without history (startup load). */
  load(document: DashboardDocument): void;
  /**
   * A person's edit: `change` returns the next document (operations.ts). Dashboards it changed
   * get revision + 1 and a new updatedAt; the previous document goes on the undo stack.
   */
  edit(change: (doc: DashboardDocument) => DashboardDocument): void;
  /** Another device's newer copy: recorded for undo, revisions kept as they came. */
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

/** Dashboard configuration: the slow-moving store. Edited by people, never by messages. */
export const useDashboardStore = create<DashboardState>()((set, get) => ({
  document: EMPTY,
  history: emptyHistory,
  lastSource: 'load',
  load: (document) => set({ document, history: emptyHistory, lastSource: 'load' }),
  edit(change) {
    const { document, history } = get();
    const next = change(document);
    if (next === document) return;
    set({
      document: bumpRevisions(document, next),
      history: record(history, document),
      lastSource: 'local',
    });
  },
  applyRemote(change) {
    const { document, history } = get();
    const next = change(document);
    if (next === document) return;
    set({ document: next, history: record(history, document), lastSource: 'remote' });
  },
  undo() {
    const { document, history } = get();
    const step = undo(history, document);
    if (step)
      set({
        document: bumpRevisions(document, step.state),
        history: step.history,
        lastSource: 'local',
      });
  },
  redo() {
    const { document, history } = get();
    const step = redo(history, document);
    if (step)
      set({
        document: bumpRevisions(document, step.state),
        history: step.history,
        lastSource: 'local',
      });
  },
}));

/** A dashboard by id, or the first one. */
export function selectDashboard(s: DashboardState, id?: string): Dashboard | undefined {
  const list = s.document.dashboards;
  return (id ? list.find((d) => d.id === id) : undefined) ?? list[0];
}
