import { create } from 'zustand';

export interface Notice {
  readonly id: number;
  readonly kind: 'info' | 'warning' | 'error';
  readonly text: string;
  /** One button, e.g. "Undo" or "Download the backup". */
  readonly action?: { readonly label: string; readonly run: () => void };
  /** Milliseconds until it goes by itself; undefined = stays until dismissed. */
  readonly timeoutMs?: number;
  /** 'widget': a dashboard's notification (it wakes a dimmed screen); else Tafel's own. */
  readonly source?: 'widget';
}

interface NoticeState {
  readonly notices: readonly Notice[];
  show(notice: Omit<Notice, 'id'>): number;
  dismiss(id: number): void;
}

let nextId = 1;

/** Messages to the user (toasts): load problems, "deleted — undo", sync and import results. */
export const useNoticeStore = create<NoticeState>()((set) => ({
  notices: [],
  show(notice) {
    const id = nextId++;
    set((s) => ({ notices: [...s.notices.slice(-4), { ...notice, id }] }));
    return id;
  },
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));
