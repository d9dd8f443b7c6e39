import { useTranslation } from 'react-i18next';
import { LoadArea, LoadFailed } from '@/components/lazy-retry';
import type { Dashboard, Page } from '@/dashboard/schema';
import { useDashboardStore } from '@/stores/dashboard-store';
import { useEditorStore } from '@/stores/editor-store';
import * as ops from '@/dashboard/operations';
import {
  applySyncSettings,
  connectBroker,
  currentSyncSettings,
  loadBrokerSettings,
  saveBrokerSettings,
} from '../bootstrap';
import { ConnectionSettings } from '../connection-settings';
import {
  ConfirmDialog,
  DashboardsDialog,
  GroupDialog,
  NewDashboardDialog,
  PageDialog,
  PinDialog,
  RenameDialog,
  TabletSettingsDialog,
  TransferDialogHost,
  WidgetPicker,
} from '../lazy-editor';
import { hrefFor } from '../routes';
import { useTabletStore } from '../tablet/tablet-settings';
import type { DialogState, OpenDialog } from './dialog-state';
import type { DashboardActions } from './use-dashboard-actions';

/**
 * Every dialog of the dashboard screen, chosen by `dialog.kind` in one place. `dashboard` and
 * `page` are what is on screen; the dialogs about them are not offered without them.
 */
export function DialogHost({
  dialog,
  openDialog,
  dashboard,
  page,
  actions,
}: {
  dialog: DialogState;
  openDialog: OpenDialog;
  dashboard: Dashboard | undefined;
  page: Page | undefined;
  actions: DashboardActions;
}) {
  const { t } = useTranslation(['app', 'common']);
  const dashboards = useDashboardStore((s) => s.document.dashboards);
  const tabletSettings = useTabletStore((s) => s.settings);
  const close = actions.close;
  const backToList = () => openDialog({ kind: 'dashboards' });
  const titleOf = (id: string) => dashboards.find((d) => d.id === id)?.title ?? '';
  const edit = useDashboardStore.getState().edit;

  function body() {
    switch (dialog.kind) {
      case 'none':
        return null;
      case 'broker':
        return (
          <ConnectionSettings
            open
            initial={dialog.settings}
            sync={dialog.sync}
            onClose={close}
            onSave={(s, sync) => {
              saveBrokerSettings(s);
              applySyncSettings(sync);
              close();
              connectBroker(s);
            }}
          />
        );
      case 'dashboards':
        return (
          <DashboardsDialog
            open
            dashboards={dashboards}
            currentId={dashboard?.id ?? null}
            hrefOf={(id) => hrefFor(dashboards, id)}
            onNew={() => openDialog({ kind: 'new-dashboard' })}
            onRename={(id) => openDialog({ kind: 'rename-dashboard', id })}
            onDuplicate={(id) => edit((doc) => ops.duplicateDashboard(doc, id))}
            onDelete={(id) => openDialog({ kind: 'delete-dashboard', id })}
            onTransfer={() => openDialog({ kind: 'transfer' })}
            onClose={close}
          />
        );
      case 'new-dashboard':
        return <NewDashboardDialog open onCreate={actions.createDashboard} onClose={close} />;
      case 'rename-dashboard': {
        const { id } = dialog;
        return (
          <RenameDialog
            open
            title={t('confirm.renameDashboard')}
            label={t('confirm.name')}
            value={titleOf(id)}
            onSave={(title) => {
              edit((doc) => ops.renameDashboard(doc, id, title));
              backToList();
            }}
            onClose={backToList}
          />
        );
      }
      case 'delete-dashboard': {
        const { id } = dialog;
        const everywhere = currentSyncSettings().enabled;
        return (
          <ConfirmDialog
            open
            title={t('confirm.deleteDashboard')}
            text={t(
              everywhere ? 'confirm.deleteDashboardEverywhere' : 'confirm.deleteDashboardText',
              {
                name: titleOf(id),
              },
            )}
            confirmLabel={t('confirm.deleteDashboard')}
            onConfirm={() => actions.deleteDashboard(id)}
            onClose={backToList}
          />
        );
      }
      case 'tablet':
        return (
          <TabletSettingsDialog
            open
            initial={tabletSettings}
            onSave={(next) => {
              const tablet = useTabletStore.getState();
              tablet.save(next);
              tablet.setKiosk(next.kiosk);
              close();
            }}
            onClose={close}
          />
        );
      case 'pin-edit':
        return (
          <PinDialog
            open
            pinHash={tabletSettings.pinHash}
            purpose={t('pin.forEditing')}
            onUnlock={() => {
              close();
              useEditorStore.getState().setEditing(true);
            }}
            onClose={close}
          />
        );
      case 'pin-exit-kiosk':
        return (
          <PinDialog
            open
            pinHash={tabletSettings.pinHash}
            purpose={t('pin.forKioskExit')}
            onUnlock={() => {
              close();
              useTabletStore.getState().setKiosk(false);
            }}
            onClose={close}
          />
        );
      case 'transfer':
        return (
          <TransferDialogHost
            open
            currentId={dashboard?.id ?? null}
            onClose={close}
            // A flow's broker: the broker settings, with its WebSocket address to check.
            onUseBroker={(url) =>
              openDialog({
                kind: 'broker',
                settings: { ...loadBrokerSettings(), url },
                sync: currentSyncSettings(),
              })
            }
          />
        );
    }
    // The rest are about the page on screen.
    if (!dashboard || !page) return null;
    switch (dialog.kind) {
      case 'picker':
        return (
          <WidgetPicker
            open
            groups={page.groups}
            groupId={dialog.groupId}
            onPick={actions.addWidget}
            onClose={close}
          />
        );
      case 'page': {
        const { pageId } = dialog;
        return (
          <PageDialog
            open
            page={pageId ? (dashboard.pages.find((x) => x.id === pageId) ?? null) : null}
            onSave={(patch) => actions.savePage(pageId, patch)}
            onClose={close}
          />
        );
      }
      case 'delete-page': {
        const count = page.groups.reduce((n, g) => n + g.widgets.length, 0);
        return (
          <ConfirmDialog
            open
            title={t('confirm.deletePage')}
            text={t('confirm.deletePageText', { name: page.title, count })}
            confirmLabel={t('confirm.deletePage')}
            onConfirm={actions.deletePage}
            onClose={close}
          />
        );
      }
      case 'group': {
        const { groupId } = dialog;
        return (
          <GroupDialog
            open
            group={groupId ? (page.groups.find((g) => g.id === groupId) ?? null) : null}
            onSave={(patch) => actions.saveGroup(groupId, patch)}
            onClose={close}
          />
        );
      }
      case 'delete-group': {
        const group = page.groups.find((g) => g.id === dialog.groupId);
        if (!group) return null;
        return (
          <ConfirmDialog
            open
            title={t('confirm.deleteGroup')}
            text={t('confirm.deleteGroupText')}
            confirmLabel={t('confirm.deleteGroup')}
            onConfirm={() => actions.deleteGroup(group, true)}
            onClose={close}
          />
        );
      }
    }
  }

  return (
    <LoadArea
      failed={
        <LoadFailed text={t('common:loadFailed')} className="load-failed load-failed--toast" />
      }
    >
      {body()}
    </LoadArea>
  );
}
