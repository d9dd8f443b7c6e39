import { useId } from 'react';
import type { Dashboard } from '@/dashboard/schema';
import { findWidget } from '@/dashboard/operations';
import { parseWidget } from '@/widgets/registry';
import { WidgetSettings } from './widget-settings';
import { say } from '@/i18n/message';

interface Props {
  dashboard: Dashboard;
  widgetId: string;
  topicSuggestions: readonly string[];
  onChangeConfig(config: unknown): void;
  onMoveToGroup(groupId: string): void;
  onClose(): void;
}

/** The side panel for one widget: its group and its settings; changes apply live. */
export function SettingsPanel({
  dashboard,
  widgetId,
  topicSuggestions,
  onChangeConfig,
  onMoveToGroup,
  onClose,
}: Props) {
  const headingId = useId();
  const groupSelectId = useId();
  const found = findWidget(dashboard, widgetId);
  if (!found) return null;
  const parsed = parseWidget(found.widget);
  const groups = dashboard.pages.flatMap((p) => p.groups.map((g) => ({ group: g, page: p })));
  return (
    <aside className="settings-panel" aria-labelledby={headingId}>
      <div className="settings-panel__head">
        <h2 id={headingId}>
          {parsed.ok ? `${say(parsed.definition.name)} settings` : 'Widget settings'}
        </h2>
        <button type="button" className="button" onClick={onClose}>
          Done
        </button>
      </div>
      <div className="field">
        <label htmlFor={groupSelectId}>Group</label>
        <select
          id={groupSelectId}
          value={found.group.id}
          onChange={(e) => onMoveToGroup(e.target.value)}
        >
          {groups.map(({ group, page }) => (
            <option key={group.id} value={group.id}>
              {dashboard.pages.length > 1 ? `${page.title} › ` : ''}
              {group.title || 'Untitled group'}
            </option>
          ))}
        </select>
      </div>
      {parsed.ok ? (
        <WidgetSettings
          definition={parsed.definition}
          config={parsed.config}
          onChange={onChangeConfig}
          topicSuggestions={topicSuggestions}
        />
      ) : (
        <p className="widget__hint widget__hint--error">
          This widget cannot be edited: {parsed.reason}
        </p>
      )}
    </aside>
  );
}
