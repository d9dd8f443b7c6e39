import { useTranslation } from 'react-i18next';
import { useId } from 'react';
import { LoadArea, lazyRetry } from '@/components/lazy-retry';
import type { Group, WidgetLayout } from '@/dashboard/schema';
import type { Publish } from '@/mqtt/connection';
import { GroupGrid } from '@/widgets/group-grid';
import type { ReactNode } from 'react';

// react-grid-layout and its styles come with the editor, not with the dashboard.
const GroupGridEditor = lazyRetry(() =>
  import('@/editor/group-grid-editor').then((m) => m.default),
);

interface EditProps {
  onAddWidget(): void;
  onSettings(): void;
  onMove(delta: -1 | 1): void;
  onDelete(): void;
  onLayout(layouts: Record<string, WidgetLayout>): void;
  renderWidget(widgetId: string): ReactNode;
}

/** A titled card of widgets; in edit mode with its actions and the drag-and-drop grid. */
export function GroupCard({
  group,
  publish,
  edit,
}: {
  group: Group;
  publish: Publish;
  edit?: EditProps;
}) {
  const { t } = useTranslation(['app', 'common']);
  const titleId = useId();
  const name = group.title || t('group.untitled');
  const showTitle = group.showTitle && group.title !== '';
  return (
    <section
      className={`group${edit ? ' group--editing' : ''}`}
      style={{ '--group-width': group.width } as React.CSSProperties}
      aria-labelledby={showTitle || edit ? titleId : undefined}
      aria-label={showTitle || edit ? undefined : name}
    >
      {(showTitle || edit) && (
        <div className="group__head">
          <h2 className="group__title" id={titleId}>
            {edit && !showTitle ? <span className="group__title--hidden">{name}</span> : name}
          </h2>
          {edit && (
            <div className="group__actions">
              <button
                type="button"
                className="button button--small"
                aria-label={t('group.addWidgetTo', { name })}
                onClick={edit.onAddWidget}
              >
                {t('group.addWidget')}
              </button>
              <button
                type="button"
                className="chrome-button"
                aria-label={t('group.settingsFor', { name })}
                title={t('group.settings')}
                onClick={edit.onSettings}
              >
                <Icon d="M3 17v2h6v-2zM3 5v2h10V5zm10 16v-2h8v-2h-8v-2h-2v6zM7 9v2H3v2h4v2h2V9zm14 4v-2H11v2zm-6-4h2V7h4V5h-4V3h-2z" />
              </button>
              <button
                type="button"
                className="chrome-button"
                aria-label={t('group.moveEarlierName', { name })}
                title={t('group.moveEarlier')}
                onClick={() => edit.onMove(-1)}
              >
                <Icon d="M15.4 7.4 14 6l-6 6 6 6 1.4-1.4-4.6-4.6z" />
              </button>
              <button
                type="button"
                className="chrome-button"
                aria-label={t('group.moveLaterName', { name })}
                title={t('group.moveLater')}
                onClick={() => edit.onMove(1)}
              >
                <Icon d="M8.6 16.6 10 18l6-6-6-6-1.4 1.4 4.6 4.6z" />
              </button>
              <button
                type="button"
                className="chrome-button"
                aria-label={t('group.deleteName', { name })}
                title={t('group.delete')}
                onClick={edit.onDelete}
              >
                <Icon d="M6 19a2 2 0 0 0 2 2h8a2 2 0 0 0 2-2V7H6zM19 4h-3.5l-1-1h-5l-1 1H5v2h14z" />
              </button>
            </div>
          )}
        </div>
      )}
      {edit ? (
        group.widgets.length === 0 ? (
          <button type="button" className="group__empty" onClick={edit.onAddWidget}>
            {t('group.empty')}
          </button>
        ) : (
          // Until the editor's grid (and the chrome around each widget) is there, or while a
          // failed download waits for the server: the widgets as they are, still live.
          <LoadArea
            loading={<GroupGrid group={group} publish={publish} />}
            failed={<GroupGrid group={group} publish={publish} />}
          >
            <GroupGridEditor
              group={group}
              onLayout={edit.onLayout}
              renderWidget={edit.renderWidget}
            />
          </LoadArea>
        )
      ) : (
        <GroupGrid group={group} publish={publish} />
      )}
    </section>
  );
}

function Icon({ d }: { d: string }) {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
      <path fill="currentColor" d={d} />
    </svg>
  );
}
