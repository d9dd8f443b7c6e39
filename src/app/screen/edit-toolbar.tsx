import { useTranslation } from 'react-i18next';
import type { Dashboard, Page } from '@/dashboard/schema';
import { useDashboardStore } from '@/stores/dashboard-store';
import type { DashboardActions } from './use-dashboard-actions';
import type { OpenDialog } from './dialog-state';

/** Edit mode's toolbar: undo/redo, add widget/group, the page's own settings and order. */
export function EditToolbar({
  dashboard,
  page,
  actions,
  openDialog,
}: {
  dashboard: Dashboard;
  page: Page;
  actions: DashboardActions;
  openDialog: OpenDialog;
}) {
  const { t } = useTranslation(['app', 'common']);
  const canUndo = useDashboardStore((s) => s.history.past.length > 0);
  const canRedo = useDashboardStore((s) => s.history.future.length > 0);
  const { undo, redo } = useDashboardStore.getState();
  return (
    <div className="edit-toolbar" role="toolbar" aria-label={t('toolbar.name')}>
      <button type="button" className="button button--small" disabled={!canUndo} onClick={undo}>
        {t('common:undo')}
      </button>
      <button type="button" className="button button--small" disabled={!canRedo} onClick={redo}>
        {t('common:redo')}
      </button>
      <span className="edit-toolbar__sep" />
      <button
        type="button"
        className="button button--small button--primary"
        onClick={actions.pickWidget}
      >
        {t('toolbar.addWidget')}
      </button>
      <button
        type="button"
        className="button button--small"
        onClick={() => openDialog({ kind: 'group', groupId: null })}
      >
        {t('toolbar.addGroup')}
      </button>
      <span className="edit-toolbar__sep" />
      <button
        type="button"
        className="button button--small"
        onClick={() => openDialog({ kind: 'page', pageId: page.id })}
      >
        {t('toolbar.pageSettings')}
      </button>
      <button
        type="button"
        className="button button--small"
        aria-label={t('toolbar.movePageLeft')}
        disabled={dashboard.pages[0]?.id === page.id}
        onClick={() => actions.movePage(-1)}
      >
        {t('toolbar.pageLeft')}
      </button>
      <button
        type="button"
        className="button button--small"
        aria-label={t('toolbar.movePageRight')}
        disabled={dashboard.pages.at(-1)?.id === page.id}
        onClick={() => actions.movePage(1)}
      >
        {t('toolbar.pageRight')}
      </button>
      <button
        type="button"
        className="button button--small"
        disabled={dashboard.pages.length <= 1}
        onClick={() => openDialog({ kind: 'delete-page' })}
      >
        {t('toolbar.deletePage')}
      </button>
    </div>
  );
}
