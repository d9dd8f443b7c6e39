import { useNoticeStore } from '@/stores/notice-store';

let shown: number | null = null;

/**
 * Tell the person that this browser cannot save. Once while it lasts, not for every edit (a
 * dismissed notice stays dismissed), and again when saving failed anew after it had worked.
 */
export function reportCannotSave(text: string): void {
  if (shown !== null) return;
  shown = useNoticeStore.getState().show({ kind: 'warning', text });
}

/** A save worked: the notice goes, and the next failure is told again. */
export function reportSaved(): void {
  if (shown === null) return;
  useNoticeStore.getState().dismiss(shown);
  shown = null;
}
