import { create } from 'zustand';
import type { Dashboard, DashboardDocument } from '@/dashboard/schema';

export interface DashboardState {
  readonly document: DashboardDocument;
  /** Replace the whole document (load, import). Callers validate first. */
  setDocument(document: DashboardDocument): void;
}

const EMPTY: DashboardDocument = { schemaVersion: 1, dashboards: [] };

/** Dashboard configuration: the slow-moving store. Edited by people, never by messages. */
export const useDashboardStore = create<DashboardState>()((set) => ({
  document: EMPTY,
  setDocument: (document) => set({ document }),
}));

/** A dashboard by id, or the first one. */
export function selectDashboard(s: DashboardState, id?: string): Dashboard | undefined {
  const list = s.document.dashboards;
  return (id ? list.find((d) => d.id === id) : undefined) ?? list[0];
}
