import { create } from 'zustand';

export interface EditorState {
  /** Edit mode on (view mode is the default). */
  readonly editing: boolean;
  /** The dashboard on screen (set by the app's route). */
  readonly dashboardId: string | null;
  /** The widget whose settings panel is open. */
  readonly selectedWidgetId: string | null;
  setEditing(editing: boolean): void;
  setDashboardId(id: string | null): void;
  select(widgetId: string | null): void;
}

/** UI state of the editor: which dashboard is shown, whether it is being edited. */
export const useEditorStore = create<EditorState>()((set) => ({
  editing: false,
  dashboardId: null,
  selectedWidgetId: null,
  setEditing: (editing) => set(editing ? { editing } : { editing, selectedWidgetId: null }),
  setDashboardId: (dashboardId) => set({ dashboardId }),
  select: (selectedWidgetId) => set({ selectedWidgetId }),
}));
