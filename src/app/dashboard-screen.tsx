import { Suspense, useCallback, useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { newId } from '@/dashboard/ids';
import * as ops from '@/dashboard/operations';
import type { Dashboard, Page } from '@/dashboard/schema';
import { defaultSyncSettings, type SyncSettings } from '@/dashboard/sync-settings';
import { defaultBrokerSettings, type BrokerSettings } from '@/mqtt/settings';
import { useDashboardStore } from '@/stores/dashboard-store';
import { useEditorStore } from '@/stores/editor-store';
import { useNoticeStore } from '@/stores/notice-store';
import { createDefaultDashboard } from '@/widgets/default-dashboard';
import { getWidgetType, parseWidget } from '@/widgets/registry';
import { WidgetFrame } from '@/widgets/widget-frame';
import {
  applySyncSettings,
  connectBroker,
  connection,
  currentSyncSettings,
  loadBrokerSettings,
  saveBrokerSettings,
} from './bootstrap';
import { SyncIndicator, SyncOffer } from './sync-status';
import { ConnectionBadge } from './connection-badge';
import { ConnectionSettings } from './connection-settings';
import { GroupCard } from './group-card';
import { dashboardHref, rememberDashboard } from './routes';
import { useEditShortcuts } from './use-edit-shortcuts';
import { useTopicSuggestions } from './use-topic-suggestions';
import { ConnectionBanner } from './tablet/tablet-parts';
import { useTabletStore } from './tablet/tablet-settings';
import {
  ConfirmDialog,
  DashboardsDialog,
  PinDialog,
  TabletSettingsDialog,
  GroupDialog,
  NewDashboardDialog,
  PageDialog,
  RenameDialog,
  SettingsPanel,
  TransferDialogHost,
  WidgetChrome,
  WidgetPicker,
} from './lazy-editor';

type DialogState =
  | { kind: 'none' }
  | { kind: 'broker'; settings: BrokerSettings; sync: SyncSettings }
  | { kind: 'dashboards' }
  | { kind: 'new-dashboard' }
  | { kind: 'rename-dashboard'; id: string }
  | { kind: 'delete-dashboard'; id: string }
  | { kind: 'page'; pageId: string | null }
  | { kind: 'delete-page' }
  | { kind: 'group'; groupId: string | null }
  | { kind: 'delete-group'; groupId: string }
  | { kind: 'picker'; groupId: string | null }
  | { kind: 'transfer' }
  | { kind: 'tablet' }
  | { kind: 'pin-edit' };

const NONE: DialogState = { kind: 'none' };

/** One dashboard on screen: header, page tabs, groups; in edit mode everything to change them. */
export function DashboardScreen({
  dashboardId,
  pageId,
}: {
  dashboardId: string;
  pageId?: string | undefined;
}) {
  const dashboard = useDashboardStore((s) =>
    s.document.dashboards.find((d) => d.id === dashboardId),
  );
  const dashboards = useDashboardStore((s) => s.document.dashboards);
  const edit = useDashboardStore((s) => s.edit);
  const canUndo = useDashboardStore((s) => s.history.past.length > 0);
  const canRedo = useDashboardStore((s) => s.history.future.length > 0);
  const editing = useEditorStore((s) => s.editing);
  const selectedWidgetId = useEditorStore((s) => s.selectedWidgetId);
  const { setEditing, select, setDashboardId } = useEditorStore.getState();
  const [dialog, setDialog] = useState<DialogState>(NONE);
  const kiosk = useTabletStore((s) => s.kiosk);
  const tabletSettings = useTabletStore((s) => s.settings);
  // Kiosk mode shows only the dashboard: never the editor.
  useEffect(() => {
    if (kiosk && editing) setEditing(false);
  }, [kiosk, editing, setEditing]);
  const [, navigate] = useLocation();
  const close = () => setDialog(NONE);
  const topics = useTopicSuggestions(
    editing && selectedWidgetId !== null,
    currentSyncSettings().prefix,
  );
  useEditShortcuts();

  useEffect(() => {
    setDashboardId(dashboardId);
    rememberDashboard(dashboardId);
    return () => setDashboardId(null);
  }, [dashboardId, setDashboardId]);

  const page = dashboard?.pages.find((p) => p.id === pageId) ?? dashboard?.pages[0];
  // The sticky top (header, tabs, edit toolbar) changes height; the settings panel sits below it.
  const measureTop = useCallback((el: HTMLDivElement | null) => {
    if (!el) return;
    const observer = new ResizeObserver(() =>
      document.documentElement.style.setProperty('--top-height', `${el.offsetHeight}px`),
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const notify = useNoticeStore.getState().show;

  function createDashboard(title: string, from: 'empty' | 'example') {
    const d =
      from === 'example'
        ? ops.withNewIds(createDefaultDashboard(), title)
        : ops.emptyDashboard(title);
    edit((doc) => ops.addDashboard(doc, d));
    close();
    setEditing(true);
    navigate(dashboardHref(d.id));
  }

  const sharedDialogs = (
    <Suspense fallback={null}>
      <ConnectionSettings
        open={dialog.kind === 'broker'}
        initial={dialog.kind === 'broker' ? dialog.settings : defaultBrokerSettings}
        sync={dialog.kind === 'broker' ? dialog.sync : defaultSyncSettings}
        onClose={close}
        onSave={(s, sync) => {
          saveBrokerSettings(s);
          applySyncSettings(sync);
          close();
          connectBroker(s);
        }}
      />
      {dialog.kind === 'dashboards' && (
        <DashboardsDialog
          open
          dashboards={dashboards}
          currentId={dashboard?.id ?? null}
          editing={editing}
          hrefOf={(id) => dashboardHref(id)}
          onNew={() => setDialog({ kind: 'new-dashboard' })}
          onRename={(id) => setDialog({ kind: 'rename-dashboard', id })}
          onDuplicate={(id) => edit((doc) => ops.duplicateDashboard(doc, id))}
          onDelete={(id) => setDialog({ kind: 'delete-dashboard', id })}
          onTransfer={() => setDialog({ kind: 'transfer' })}
          onClose={close}
        />
      )}
      {dialog.kind === 'new-dashboard' && (
        <NewDashboardDialog open onCreate={createDashboard} onClose={close} />
      )}
      {dialog.kind === 'rename-dashboard' && (
        <RenameDialog
          open
          title="Rename dashboard"
          label="Name"
          value={
            dialog.kind === 'rename-dashboard'
              ? (dashboards.find((d) => d.id === dialog.id)?.title ?? '')
              : ''
          }
          onSave={(title) => {
            if (dialog.kind === 'rename-dashboard')
              edit((doc) => ops.renameDashboard(doc, dialog.id, title));
            setDialog({ kind: 'dashboards' });
          }}
          onClose={() => setDialog({ kind: 'dashboards' })}
        />
      )}
      {dialog.kind === 'delete-dashboard' && (
        <ConfirmDialog
          open
          title="Delete dashboard"
          text={`Delete “${dialog.kind === 'delete-dashboard' ? dashboards.find((d) => d.id === dialog.id)?.title : ''}”${currentSyncSettings().enabled ? ' on every device' : ''}? Undo can bring it back.`}
          confirmLabel="Delete dashboard"
          onConfirm={() => {
            if (dialog.kind !== 'delete-dashboard') return;
            edit((doc) => ops.deleteDashboard(doc, dialog.id));
            setDialog({ kind: 'dashboards' });
            // Stay on this screen (and in this dialog): show the next dashboard, or none.
            if (dialog.id === dashboardId) {
              navigate(dashboardHref(dashboards.find((x) => x.id !== dialog.id)?.id ?? 'none'));
            }
          }}
          onClose={() => setDialog({ kind: 'dashboards' })}
        />
      )}
      {dialog.kind === 'tablet' && (
        <TabletSettingsDialog
          open
          initial={tabletSettings}
          onSave={(next) => {
            useTabletStore.getState().save(next);
            useTabletStore
              .getState()
              .setKiosk(next.kiosk || (useTabletStore.getState().kiosk && next.kiosk));
            close();
          }}
          onClose={close}
        />
      )}
      {dialog.kind === 'pin-edit' && (
        <PinDialog
          open
          pinHash={tabletSettings.pinHash}
          purpose="Editing is locked with a PIN."
          onUnlock={() => {
            close();
            setEditing(true);
          }}
          onClose={close}
        />
      )}
      {dialog.kind === 'transfer' && (
        <TransferDialogHost open currentId={dashboard?.id ?? null} onClose={close} />
      )}
    </Suspense>
  );

  if (!dashboard || !page) {
    return (
      <div className="app">
        <Header
          title="Tafel"
          onDashboards={() => setDialog({ kind: 'dashboards' })}
          onTablet={() => setDialog({ kind: 'tablet' })}
          onBroker={() =>
            setDialog({
              kind: 'broker',
              settings: loadBrokerSettings(),
              sync: currentSyncSettings(),
            })
          }
        />
        <main className="page page--message">
          <div className="empty">
            <p>
              {dashboards.length === 0
                ? 'There are no dashboards in this browser yet.'
                : `There is no dashboard “${dashboardId}” in this browser.`}
            </p>
            <button
              type="button"
              className="button"
              onClick={() => setDialog({ kind: 'dashboards' })}
            >
              Show dashboards
            </button>{' '}
            <button
              type="button"
              className="button button--primary"
              onClick={() => setDialog({ kind: 'new-dashboard' })}
            >
              New dashboard
            </button>
          </div>
        </main>
        {sharedDialogs}
      </div>
    );
  }

  const d: Dashboard = dashboard;
  const p: Page = page;

  function addWidget(type: string, groupId: string) {
    const def = getWidgetType(type);
    if (!def) return;
    const id = newId();
    edit((doc) =>
      ops.addWidget(doc, d.id, groupId, {
        id,
        type,
        version: def.version,
        config: def.schema.parse({}),
      }),
    );
    close();
    select(id);
  }

  function deleteWidget(widgetId: string, title: string) {
    edit((doc) => ops.deleteWidget(doc, d.id, widgetId));
    if (selectedWidgetId === widgetId) select(null);
    notify({
      kind: 'info',
      text: `Deleted “${title}”.`,
      action: { label: 'Undo', run: () => useDashboardStore.getState().undo() },
      timeoutMs: 8000,
    });
  }

  function addGroupAndPick() {
    const group = { id: newId(), title: 'Group 1', width: 6, showTitle: true, widgets: [] };
    edit((doc) => ops.addGroup(doc, d.id, p.id, group));
    setDialog({ kind: 'picker', groupId: group.id });
  }

  return (
    <div className={`app${editing ? ' app--editing' : ''}`}>
      <div className="app-top" ref={measureTop}>
        <Header
          title={d.title}
          onDashboards={() => setDialog({ kind: 'dashboards' })}
          onTablet={() => setDialog({ kind: 'tablet' })}
          onBroker={() =>
            setDialog({
              kind: 'broker',
              settings: loadBrokerSettings(),
              sync: currentSyncSettings(),
            })
          }
          editing={editing}
          onToggleEdit={() =>
            !editing && tabletSettings.pinHash
              ? setDialog({ kind: 'pin-edit' })
              : setEditing(!editing)
          }
        />
        {(d.pages.length > 1 || editing) && !(kiosk && tabletSettings.hideTabs) && (
          <nav className="tabs" aria-label="Pages">
            {d.pages.map((pg) => (
              <Link
                key={pg.id}
                href={dashboardHref(d.id, pg.id)}
                className="tabs__tab"
                aria-current={pg.id === p.id ? 'page' : undefined}
              >
                {pg.icon && /[^\x20-\x7e]/.test(pg.icon) && (
                  <span aria-hidden="true">{pg.icon} </span>
                )}
                {pg.title}
              </Link>
            ))}
            {editing && (
              <button
                type="button"
                className="tabs__tab tabs__add"
                onClick={() => setDialog({ kind: 'page', pageId: null })}
              >
                + Page
              </button>
            )}
          </nav>
        )}
        {editing && (
          <div className="edit-toolbar" role="toolbar" aria-label="Edit">
            <button
              type="button"
              className="button button--small"
              disabled={!canUndo}
              onClick={() => useDashboardStore.getState().undo()}
            >
              Undo
            </button>
            <button
              type="button"
              className="button button--small"
              disabled={!canRedo}
              onClick={() => useDashboardStore.getState().redo()}
            >
              Redo
            </button>
            <span className="edit-toolbar__sep" />
            <button
              type="button"
              className="button button--small button--primary"
              onClick={() =>
                p.groups.length === 0
                  ? addGroupAndPick()
                  : setDialog({ kind: 'picker', groupId: p.groups[0]?.id ?? null })
              }
            >
              Add widget
            </button>
            <button
              type="button"
              className="button button--small"
              onClick={() => setDialog({ kind: 'group', groupId: null })}
            >
              Add group
            </button>
            <span className="edit-toolbar__sep" />
            <button
              type="button"
              className="button button--small"
              onClick={() => setDialog({ kind: 'page', pageId: p.id })}
            >
              Page settings
            </button>
            <button
              type="button"
              className="button button--small"
              aria-label="Move page left"
              disabled={d.pages[0]?.id === p.id}
              onClick={() => edit((doc) => ops.movePage(doc, d.id, p.id, -1))}
            >
              ← Page
            </button>
            <button
              type="button"
              className="button button--small"
              aria-label="Move page right"
              disabled={d.pages.at(-1)?.id === p.id}
              onClick={() => edit((doc) => ops.movePage(doc, d.id, p.id, 1))}
            >
              Page →
            </button>
            <button
              type="button"
              className="button button--small"
              disabled={d.pages.length <= 1}
              onClick={() => setDialog({ kind: 'delete-page' })}
            >
              Delete page
            </button>
          </div>
        )}
        <ConnectionBanner />
        <SyncOffer dashboardId={d.id} />
      </div>
      <div className={`workspace${editing && selectedWidgetId ? ' workspace--panel' : ''}`}>
        <main className="page" aria-label={p.title}>
          {p.groups.length > 0 ? (
            p.groups.map((g) => (
              <GroupCard
                key={g.id}
                group={g}
                publish={connection.publish}
                edit={
                  editing
                    ? {
                        onAddWidget: () => setDialog({ kind: 'picker', groupId: g.id }),
                        onSettings: () => setDialog({ kind: 'group', groupId: g.id }),
                        onMove: (delta) => edit((doc) => ops.moveGroup(doc, d.id, g.id, delta)),
                        onDelete: () =>
                          g.widgets.length === 0
                            ? edit((doc) => ops.deleteGroup(doc, d.id, g.id))
                            : setDialog({ kind: 'delete-group', groupId: g.id }),
                        onLayout: (layouts) =>
                          edit((doc) => ops.setLayouts(doc, d.id, g.id, layouts)),
                        renderWidget: (widgetId) => {
                          const widget = g.widgets.find((w) => w.id === widgetId);
                          if (!widget) return null;
                          const parsed = parseWidget(widget);
                          const title = parsed.ok
                            ? parsed.definition.title(parsed.config) || parsed.definition.name
                            : widget.type;
                          return (
                            <WidgetChrome
                              title={title}
                              selected={selectedWidgetId === widgetId}
                              onSettings={() => select(widgetId)}
                              onDuplicate={() =>
                                edit((doc) => ops.duplicateWidget(doc, d.id, widgetId))
                              }
                              onDelete={() => deleteWidget(widgetId, title)}
                              onMove={(delta) =>
                                edit((doc) => ops.reorderWidget(doc, d.id, widgetId, delta))
                              }
                            >
                              <WidgetFrame widget={widget} publish={connection.publish} />
                            </WidgetChrome>
                          );
                        },
                      }
                    : undefined
                }
              />
            ))
          ) : editing ? (
            <div className="empty">
              <p>This page has no groups yet.</p>
              <button type="button" className="button button--primary" onClick={addGroupAndPick}>
                Add a widget
              </button>
            </div>
          ) : (
            <div className="empty">
              <p>This page is empty.</p>
              <button type="button" className="button" onClick={() => setEditing(true)}>
                Edit to add widgets
              </button>
            </div>
          )}
        </main>
        {editing && selectedWidgetId && (
          <Suspense fallback={null}>
            <SettingsPanel
              dashboard={d}
              widgetId={selectedWidgetId}
              topicSuggestions={topics}
              onChangeConfig={(config) =>
                edit((doc) => ops.updateWidgetConfig(doc, d.id, selectedWidgetId, config))
              }
              onMoveToGroup={(groupId) =>
                edit((doc) => ops.moveWidgetToGroup(doc, d.id, selectedWidgetId, groupId))
              }
              onClose={() => select(null)}
            />
          </Suspense>
        )}
      </div>
      {sharedDialogs}
      <Suspense fallback={null}>
        {dialog.kind === 'picker' && (
          <WidgetPicker
            open
            groups={p.groups}
            groupId={dialog.kind === 'picker' ? dialog.groupId : null}
            onPick={addWidget}
            onClose={close}
          />
        )}
        {dialog.kind === 'page' && (
          <PageDialog
            open
            page={
              dialog.kind === 'page' && dialog.pageId
                ? (d.pages.find((x) => x.id === dialog.pageId) ?? null)
                : null
            }
            onSave={(patch) => {
              if (dialog.kind !== 'page') return;
              if (dialog.pageId) {
                const pid = dialog.pageId;
                edit((doc) =>
                  ops.updatePage(doc, d.id, pid, { title: patch.title, icon: patch.icon }),
                );
              } else {
                const newPage = {
                  id: newId(),
                  title: patch.title,
                  ...(patch.icon ? { icon: patch.icon } : {}),
                  groups: [],
                };
                edit((doc) => ops.addPage(doc, d.id, newPage));
                navigate(dashboardHref(d.id, newPage.id));
              }
              close();
            }}
            onClose={close}
          />
        )}
        {dialog.kind === 'delete-page' && (
          <ConfirmDialog
            open
            title="Delete page"
            text={`Delete the page “${p.title}” and its ${p.groups.reduce((n, g) => n + g.widgets.length, 0)} widgets? Undo can bring it back.`}
            confirmLabel="Delete page"
            onConfirm={() => {
              edit((doc) => ops.deletePage(doc, d.id, p.id));
              close();
              navigate(dashboardHref(d.id));
            }}
            onClose={close}
          />
        )}
        {dialog.kind === 'group' && (
          <GroupDialog
            open
            group={
              dialog.kind === 'group' && dialog.groupId
                ? (p.groups.find((g) => g.id === dialog.groupId) ?? null)
                : null
            }
            onSave={(patch) => {
              if (dialog.kind !== 'group') return;
              if (dialog.groupId) {
                const gid = dialog.groupId;
                edit((doc) => ops.updateGroup(doc, d.id, gid, patch));
              } else {
                edit((doc) =>
                  ops.addGroup(doc, d.id, p.id, {
                    id: newId(),
                    ...patch,
                    title: patch.title || `Group ${p.groups.length + 1}`,
                    widgets: [],
                  }),
                );
              }
              close();
            }}
            onClose={close}
          />
        )}
        {dialog.kind === 'delete-group' && (
          <ConfirmDialog
            open
            title="Delete group"
            text="Delete this group and its widgets? Undo can bring them back."
            confirmLabel="Delete group"
            onConfirm={() => {
              if (dialog.kind === 'delete-group')
                edit((doc) => ops.deleteGroup(doc, d.id, dialog.groupId));
              close();
            }}
            onClose={close}
          />
        )}
      </Suspense>
    </div>
  );
}

function Header(props: {
  title: string;
  onDashboards(): void;
  onBroker(): void;
  onTablet(): void;
  editing?: boolean;
  onToggleEdit?(): void;
}) {
  const kiosk = useTabletStore((s) => s.kiosk);
  const [pinFor, setPinFor] = useState<'exit' | null>(null);
  const pinHash = useTabletStore((s) => s.settings.pinHash);
  const exitKiosk = () => (pinHash ? setPinFor('exit') : useTabletStore.getState().setKiosk(false));
  return (
    <header className="app-header">
      <div className="app-header__brand">
        <span className="logo" aria-hidden="true" />
        <h1 className="app-header__title">{props.title}</h1>
        {!kiosk && (
          <IconButton
            label="Dashboards"
            onClick={props.onDashboards}
            d="M3 13h8V3H3zm0 8h8v-6H3zm10 0h8V11h-8zm0-18v6h8V3z"
          />
        )}
      </div>
      <div className="app-header__end">
        <ConnectionBadge />
        <SyncIndicator />
        {kiosk ? (
          <>
            <IconButton
              label="Full screen"
              onClick={() =>
                void (
                  document.fullscreenElement
                    ? document.exitFullscreen()
                    : document.documentElement.requestFullscreen()
                ).catch(() => {})
              }
              d="M7 14H5v5h5v-2H7zm-2-4h2V7h3V5H5zm12 7h-3v2h5v-5h-2zM14 5v2h3v3h2V5z"
            />
            <button type="button" className="button button--small kiosk-exit" onClick={exitKiosk}>
              Exit kiosk
            </button>
            <Suspense fallback={null}>
              {pinFor && (
                <PinDialog
                  open
                  pinHash={pinHash}
                  purpose="Leaving kiosk mode needs the PIN."
                  onUnlock={() => {
                    setPinFor(null);
                    useTabletStore.getState().setKiosk(false);
                  }}
                  onClose={() => setPinFor(null)}
                />
              )}
            </Suspense>
          </>
        ) : (
          <>
            {props.onToggleEdit && (
              <button
                type="button"
                className={`button${props.editing ? ' button--primary' : ''}`}
                aria-pressed={props.editing}
                onClick={props.onToggleEdit}
              >
                Edit
              </button>
            )}
            <IconButton
              label="Tablet settings"
              onClick={props.onTablet}
              d="M21 3H3a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h5v2h8v-2h5a2 2 0 0 0 2-2V5a2 2 0 0 0-2-2zm0 14H3V5h18z"
            />
            <IconButton
              label="Broker settings"
              onClick={props.onBroker}
              d="M19.4 13a7.5 7.5 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.4 7.4 0 0 0-1.7-1L15 3h-4l-.4 2.9a7.4 7.4 0 0 0-1.7 1l-2.5-1-2 3.5L6.6 11a7.5 7.5 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1c.5.4 1.1.8 1.7 1L11 21h4l.4-2.9c.6-.2 1.2-.6 1.7-1l2.5 1 2-3.5zM12 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7z"
            />
          </>
        )}
      </div>
    </header>
  );
}

function IconButton({ label, onClick, d }: { label: string; onClick(): void; d: string }) {
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={label}
      title={label}
      onClick={onClick}
    >
      <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
        <path fill="currentColor" d={d} />
      </svg>
    </button>
  );
}
