import { t } from '@/i18n/i18n';
import { useLocation } from 'wouter';
import { newId } from '@/dashboard/ids';
import * as ops from '@/dashboard/operations';
import type { Dashboard, Group, Page } from '@/dashboard/schema';
import { useDashboardStore } from '@/stores/dashboard-store';
import { useEditorStore } from '@/stores/editor-store';
import { useNoticeStore } from '@/stores/notice-store';
import { createDefaultDashboard } from '@/widgets/default-dashboard';
import { getWidgetType } from '@/widgets/registry';
import { currentSyncSettings, loadBrokerSettings } from '../bootstrap';
import { dashboardHref, hrefFor } from '../routes';
import { useTabletStore } from '../tablet/tablet-settings';
import type { OpenDialog } from './dialog-state';

/**
 * What a person can do on the dashboard screen, as plain functions over the stores: the
 * header, toolbar, page and dialogs call these and hold no editing logic of their own.
 * `dashboard`/`page` are the ones on screen (undefined on the "no such dashboard" screen).
 */
export function useDashboardActions(
  dashboard: Dashboard | undefined,
  page: Page | undefined,
  openDialog: OpenDialog,
) {
  const [, navigate] = useLocation();
  const close = () => openDialog({ kind: 'none' });
  const { setEditing, select } = useEditorStore.getState();
  const change = useDashboardStore.getState().edit;
  /** Go to a dashboard or page by id, at its address as the edit just made left it. */
  const go = (dashboardId: string, pageId?: string) =>
    navigate(hrefFor(useDashboardStore.getState().document.dashboards, dashboardId, pageId));

  /** A page without groups: make one, then pick a widget for it. */
  function addGroupAndPick() {
    if (!dashboard || !page) return;
    const title = t('app:group.defaultTitle', { n: 1 });
    const group: Group = { id: newId(), title, width: 6, showTitle: true, widgets: [] };
    change((doc) => ops.addGroup(doc, dashboard.id, page.id, group));
    openDialog({ kind: 'picker', groupId: group.id });
  }

  return {
    navigate,
    close,

    openBrokerSettings: () =>
      openDialog({ kind: 'broker', settings: loadBrokerSettings(), sync: currentSyncSettings() }),

    /** Edit mode on or off; turning it on asks for the PIN when one is set. */
    toggleEditing() {
      const editing = useEditorStore.getState().editing;
      if (!editing && useTabletStore.getState().settings.pinHash) openDialog({ kind: 'pin-edit' });
      else setEditing(!editing);
    },

    createDashboard(title: string, from: 'empty' | 'example') {
      const d =
        from === 'example'
          ? ops.withNewIds(createDefaultDashboard(), title)
          : ops.emptyDashboard(title);
      change((doc) => ops.addDashboard(doc, d));
      close();
      setEditing(true);
      go(d.id);
    },

    /** Delete a dashboard; the screen moves on to another one if it was on screen. */
    deleteDashboard(id: string) {
      const all = useDashboardStore.getState().document.dashboards;
      change((doc) => ops.deleteDashboard(doc, id));
      openDialog({ kind: 'dashboards' });
      if (id === dashboard?.id) {
        const next = all.find((x) => x.id !== id);
        if (next) go(next.id);
        else navigate(dashboardHref('none'));
      }
    },

    addWidget(type: string, groupId: string) {
      const def = getWidgetType(type);
      if (!dashboard || !def) return;
      const id = newId();
      change((doc) =>
        ops.addWidget(doc, dashboard.id, groupId, {
          id,
          type,
          version: def.version,
          config: def.schema.parse({}),
        }),
      );
      close();
      select(id);
    },

    /**
     * Delete a widget, with a toast whose Undo puts back exactly this widget — not whatever
     * the undo stack's last step is by the time it is pressed.
     */
    deleteWidget(widgetId: string, title: string) {
      if (!dashboard) return;
      const found = ops.findWidget(dashboard, widgetId);
      if (!found) return;
      const place = {
        pageId: found.page.id,
        groupId: found.group.id,
        index: found.group.widgets.indexOf(found.widget),
      };
      const dashboardId = dashboard.id;
      change((doc) => ops.deleteWidget(doc, dashboardId, widgetId));
      if (useEditorStore.getState().selectedWidgetId === widgetId) select(null);
      useNoticeStore.getState().show({
        kind: 'info',
        text: t('app:deleted', { name: title }),
        action: {
          label: t('common:undo'),
          run: () => change((doc) => ops.restoreWidget(doc, dashboardId, place, found.widget)),
        },
        timeoutMs: 8000,
      });
    },

    addGroupAndPick,

    /** "Add widget" in the toolbar: into the page's first group, or a new one. */
    pickWidget() {
      const first = page?.groups[0];
      if (first) openDialog({ kind: 'picker', groupId: first.id });
      else addGroupAndPick();
    },

    savePage(pageId: string | null, patch: { title: string; icon?: string }) {
      if (!dashboard) return;
      if (pageId) {
        change((doc) =>
          ops.updatePage(doc, dashboard.id, pageId, { title: patch.title, icon: patch.icon }),
        );
      } else {
        const newPage: Page = {
          id: newId(),
          title: patch.title,
          ...(patch.icon ? { icon: patch.icon } : {}),
          groups: [],
        };
        change((doc) => ops.addPage(doc, dashboard.id, newPage));
        go(dashboard.id, newPage.id);
      }
      close();
    },

    deletePage() {
      if (!dashboard || !page) return;
      change((doc) => ops.deletePage(doc, dashboard.id, page.id));
      close();
      go(dashboard.id);
    },

    movePage(delta: -1 | 1) {
      if (dashboard && page) change((doc) => ops.movePage(doc, dashboard.id, page.id, delta));
    },

    saveGroup(groupId: string | null, patch: { title: string; width: number; showTitle: boolean }) {
      if (!dashboard || !page) return;
      if (groupId) {
        change((doc) => ops.updateGroup(doc, dashboard.id, groupId, patch));
      } else {
        const title = patch.title || t('app:group.defaultTitle', { n: page.groups.length + 1 });
        change((doc) =>
          ops.addGroup(doc, dashboard.id, page.id, { id: newId(), ...patch, title, widgets: [] }),
        );
      }
      close();
    },

    /** An empty group goes at once; one with widgets asks first. */
    deleteGroup(group: Group, confirmed = false) {
      if (!dashboard) return;
      if (group.widgets.length > 0 && !confirmed) {
        openDialog({ kind: 'delete-group', groupId: group.id });
        return;
      }
      change((doc) => ops.deleteGroup(doc, dashboard.id, group.id));
      close();
    },
  };
}

export type DashboardActions = ReturnType<typeof useDashboardActions>;
