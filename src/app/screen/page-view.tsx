import { useTranslation } from 'react-i18next';
import * as ops from '@/dashboard/operations';
import type { Dashboard, Group, Page } from '@/dashboard/schema';
import { useDashboardStore } from '@/stores/dashboard-store';
import { useEditorStore } from '@/stores/editor-store';
import { parseWidget } from '@/widgets/registry';
import { WidgetFrame } from '@/widgets/widget-frame';
import { connection } from '../bootstrap';
import { GroupCard } from '../group-card';
import { WidgetChrome } from '../lazy-editor';
import type { OpenDialog } from './dialog-state';
import type { DashboardActions } from './use-dashboard-actions';
import { say } from '@/i18n/message';

/** The page's groups; in edit mode each widget in its chrome (drag handle, actions). */
export function PageView({
  dashboard,
  page,
  editing,
  actions,
  openDialog,
}: {
  dashboard: Dashboard;
  page: Page;
  editing: boolean;
  actions: DashboardActions;
  openDialog: OpenDialog;
}) {
  const { t } = useTranslation(['app', 'common']);
  const selectedWidgetId = useEditorStore((s) => s.selectedWidgetId);
  const { select } = useEditorStore.getState();
  const edit = useDashboardStore.getState().edit;
  const d = dashboard;

  const editProps = (g: Group) => ({
    onAddWidget: () => openDialog({ kind: 'picker', groupId: g.id }),
    onSettings: () => openDialog({ kind: 'group', groupId: g.id }),
    onMove: (delta: -1 | 1) => edit((doc) => ops.moveGroup(doc, d.id, g.id, delta)),
    onDelete: () => actions.deleteGroup(g),
    onLayout: (layouts: Parameters<typeof ops.setLayouts>[3]) =>
      edit((doc) => ops.setLayouts(doc, d.id, g.id, layouts)),
    renderWidget: (widgetId: string) => {
      const widget = g.widgets.find((w) => w.id === widgetId);
      if (!widget) return null;
      const parsed = parseWidget(widget);
      const title = parsed.ok
        ? parsed.definition.title(parsed.config) || say(parsed.definition.name)
        : widget.type;
      return (
        <WidgetChrome
          title={title}
          selected={selectedWidgetId === widgetId}
          onSettings={() => select(widgetId)}
          onDuplicate={() => edit((doc) => ops.duplicateWidget(doc, d.id, widgetId))}
          onDelete={() => actions.deleteWidget(widgetId, title)}
          onMove={(delta) => edit((doc) => ops.reorderWidget(doc, d.id, widgetId, delta))}
        >
          <WidgetFrame widget={widget} publish={connection.publish} />
        </WidgetChrome>
      );
    },
  });

  return (
    <main className="page" aria-label={page.title}>
      {page.groups.length > 0 ? (
        page.groups.map((g) => (
          <GroupCard
            key={g.id}
            group={g}
            publish={connection.publish}
            edit={editing ? editProps(g) : undefined}
          />
        ))
      ) : editing ? (
        <div className="empty">
          <p>{t('screen.noGroups')}</p>
          <button
            type="button"
            className="button button--primary"
            onClick={actions.addGroupAndPick}
          >
            {t('screen.addAWidget')}
          </button>
        </div>
      ) : (
        <div className="empty">
          <p>{t('screen.empty')}</p>
          <button type="button" className="button" onClick={actions.toggleEditing}>
            {t('screen.editToAdd')}
          </button>
        </div>
      )}
    </main>
  );
}
