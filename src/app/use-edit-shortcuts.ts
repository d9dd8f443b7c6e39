import { useEffect } from 'react';
import { useDashboardStore } from '@/stores/dashboard-store';
import { useEditorStore } from '@/stores/editor-store';

const isTextField = (el: EventTarget | null) =>
  el instanceof HTMLElement &&
  (el.isContentEditable ||
    el.tagName === 'TEXTAREA' ||
    (el.tagName === 'INPUT' &&
      !['checkbox', 'radio', 'range', 'button', 'color'].includes((el as HTMLInputElement).type)));

/**
 * Edit mode's keys: Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z (or Ctrl+Y) redo, Esc leaves edit mode.
 * Text fields keep their own undo; an open dialog gets Esc first.
 */
export function useEditShortcuts(): void {
  const editing = useEditorStore((s) => s.editing);
  useEffect(() => {
    if (!editing) return;
    const onKey = (e: KeyboardEvent) => {
      if (document.querySelector('dialog[open]')) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 'z' && !isTextField(e.target)) {
        e.preventDefault();
        if (e.shiftKey) useDashboardStore.getState().redo();
        else useDashboardStore.getState().undo();
      } else if (mod && key === 'y' && !isTextField(e.target)) {
        e.preventDefault();
        useDashboardStore.getState().redo();
      } else if (e.key === 'Escape' && !e.defaultPrevented) {
        const { selectedWidgetId, select, setEditing } = useEditorStore.getState();
        if (selectedWidgetId) select(null);
        else setEditing(false);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editing]);
}
