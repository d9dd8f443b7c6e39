import { useTranslation } from 'react-i18next';
import { useCallback, useEffect, useState } from 'react';
import { LoadArea, LoadFailed } from '@/components/lazy-retry';
import { useDashboardStore } from '@/stores/dashboard-store';
import { useEditorStore } from '@/stores/editor-store';
import * as ops from '@/dashboard/operations';
import { currentSyncSettings } from './bootstrap';
import { AppHeader } from './header/app-header';
import { SettingsPanel } from './lazy-editor';
import { rememberDashboard } from './routes';
import { DialogHost } from './screen/dialog-host';
import { NO_DIALOG, type DialogState } from './screen/dialog-state';
import { EditToolbar } from './screen/edit-toolbar';
import { PageTabs } from './screen/page-tabs';
import { PageView } from './screen/page-view';
import { useAddress } from './screen/use-address';
import { useDashboardActions } from './screen/use-dashboard-actions';
import { SyncOffer } from '@/sync/sync-status';
import { ConnectionBanner } from './tablet/tablet-parts';
import { useTabletStore } from './tablet/tablet-settings';
import { useEditShortcuts } from './use-edit-shortcuts';
import { useTopicSuggestions } from './use-topic-suggestions';

/**
 * One dashboard on screen: header, page tabs, groups; in edit mode everything to change them.
 * `dashboardRef` and `pageRef` are the address's segments: slugs, or ids (use-address.ts).
 */
export function DashboardScreen({
  dashboardRef,
  pageRef,
}: {
  dashboardRef: string;
  pageRef?: string | undefined;
}) {
  const { t } = useTranslation(['app', 'common']);
  const { dashboard, page } = useAddress(dashboardRef, pageRef);
  const noDashboards = useDashboardStore((s) => s.document.dashboards.length === 0);
  const editing = useEditorStore((s) => s.editing);
  const selectedWidgetId = useEditorStore((s) => s.selectedWidgetId);
  const kiosk = useTabletStore((s) => s.kiosk);
  const hideTabs = useTabletStore((s) => s.settings.hideTabs);
  const [dialog, openDialog] = useState<DialogState>(NO_DIALOG);
  const actions = useDashboardActions(dashboard, page, openDialog);
  const topics = useTopicSuggestions(
    editing && selectedWidgetId !== null,
    currentSyncSettings().prefix,
  );
  useEditShortcuts();

  // Kiosk mode shows only the dashboard: never the editor.
  useEffect(() => {
    if (kiosk && editing) useEditorStore.getState().setEditing(false);
  }, [kiosk, editing]);

  // The rest of the app (subscriptions, the sync, `/` next time) knows it by its id.
  const dashboardId = dashboard?.id ?? null;
  useEffect(() => {
    const { setDashboardId } = useEditorStore.getState();
    setDashboardId(dashboardId);
    if (dashboardId !== null) rememberDashboard(dashboardId);
    return () => setDashboardId(null);
  }, [dashboardId]);

  // The sticky top (header, tabs, edit toolbar) changes height; the settings panel sits below it.
  const measureTop = useCallback((el: HTMLDivElement | null) => {
    if (!el) return;
    const observer = new ResizeObserver(() =>
      document.documentElement.style.setProperty('--top-height', `${el.offsetHeight}px`),
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const header = (
    <AppHeader
      title={dashboard?.title ?? 'Tafel'}
      onDashboards={() => openDialog({ kind: 'dashboards' })}
      onTablet={() => openDialog({ kind: 'tablet' })}
      onBroker={actions.openBrokerSettings}
      onExitKiosk={() =>
        useTabletStore.getState().settings.pinHash
          ? openDialog({ kind: 'pin-exit-kiosk' })
          : useTabletStore.getState().setKiosk(false)
      }
      {...(dashboard ? { editing, onToggleEdit: actions.toggleEditing } : {})}
    />
  );
  const dialogs = (
    <DialogHost
      dialog={dialog}
      openDialog={openDialog}
      dashboard={dashboard}
      page={page}
      actions={actions}
    />
  );

  if (!dashboard || !page) {
    return (
      <div className="app">
        <div className="app-top" ref={measureTop}>
          {header}
          <ConnectionBanner />
        </div>
        <main className="page page--message">
          <div className="empty">
            <p>
              {noDashboards
                ? t('screen.noDashboards')
                : t('screen.noSuchDashboard', { name: dashboardRef })}
            </p>
            <button
              type="button"
              className="button"
              onClick={() => openDialog({ kind: 'dashboards' })}
            >
              {t('screen.showDashboards')}
            </button>{' '}
            <button
              type="button"
              className="button button--primary"
              onClick={() => openDialog({ kind: 'new-dashboard' })}
            >
              {t('screen.newDashboard')}
            </button>
          </div>
        </main>
        {dialogs}
      </div>
    );
  }

  return (
    <div className={`app${editing ? ' app--editing' : ''}`}>
      <div className="app-top" ref={measureTop}>
        {header}
        {(dashboard.pages.length > 1 || editing) && !(kiosk && hideTabs) && (
          <PageTabs
            dashboard={dashboard}
            current={page}
            editing={editing}
            onAddPage={() => openDialog({ kind: 'page', pageId: null })}
          />
        )}
        {editing && (
          <EditToolbar
            dashboard={dashboard}
            page={page}
            actions={actions}
            openDialog={openDialog}
          />
        )}
        <ConnectionBanner />
        <SyncOffer dashboardId={dashboard.id} />
      </div>
      <div className={`workspace${editing && selectedWidgetId ? ' workspace--panel' : ''}`}>
        <PageView
          dashboard={dashboard}
          page={page}
          editing={editing}
          actions={actions}
          openDialog={openDialog}
        />
        {editing && selectedWidgetId && (
          <LoadArea failed={<LoadFailed text={t('common:loadFailed')} />}>
            <SettingsPanel
              // A fresh form per widget: a half-typed, invalid draft never carries over.
              key={selectedWidgetId}
              dashboard={dashboard}
              widgetId={selectedWidgetId}
              topicSuggestions={topics}
              onChangeConfig={(config) =>
                useDashboardStore
                  .getState()
                  .edit((doc) =>
                    ops.updateWidgetConfig(doc, dashboard.id, selectedWidgetId, config),
                  )
              }
              onMoveToGroup={(groupId) =>
                useDashboardStore
                  .getState()
                  .edit((doc) =>
                    ops.moveWidgetToGroup(doc, dashboard.id, selectedWidgetId, groupId),
                  )
              }
              onClose={() => useEditorStore.getState().select(null)}
            />
          </LoadArea>
        )}
      </div>
      {dialogs}
    </div>
  );
}
