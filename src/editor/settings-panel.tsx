import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '@/dashboard/schema';
import { findWidget } from '@/dashboard/operations';
import { parseWidget } from '@/widgets/registry';
import { WidgetSettings } from './widget-settings';
import { say } from '@/i18n/message';
import { reasonText } from './reason-text';

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
  const { t } = useTranslation(['editor', 'common']);
  const found = findWidget(dashboard, widgetId);
  if (!found) return null;
  const parsed = parseWidget(found.widget);
  const groups = dashboard.pages.flatMap((p) => p.groups.map((g) => ({ group: g, page: p })));
  return (
    <aside className="settings-panel" aria-labelledby={headingId}>
      <div className="settings-panel__head">
        <h2 id={headingId}>
          {parsed.ok
            ? t('panel.title', { type: say(parsed.definition.name) })
            : t('panel.titleUnknown')}
        </h2>
        <button type="button" className="button" onClick={onClose}>
          {t('common:done')}
        </button>
      </div>
      <div className="field">
        <label htmlFor={groupSelectId}>{t('panel.group')}</label>
        <select
          id={groupSelectId}
          value={found.group.id}
          onChange={(e) => onMoveToGroup(e.target.value)}
        >
          {groups.map(({ group, page }) => (
            <option key={group.id} value={group.id}>
              {dashboard.pages.length > 1 ? `${page.title} › ` : ''}
              {group.title || t('untitledGroup')}
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
          {t('panel.cannotEdit', { reason: say(reasonText(parsed.reason)) })}
        </p>
      )}
    </aside>
  );
}
