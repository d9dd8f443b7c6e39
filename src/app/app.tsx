import { useState } from 'react';
import type { Group } from '@/dashboard/schema';
import { defaultBrokerSettings, type BrokerSettings } from '@/mqtt/settings';
import { selectDashboard, useDashboardStore } from '@/stores/dashboard-store';
import { WidgetFrame } from '@/widgets/widget-frame';
import { connectBroker, connection, loadBrokerSettings, saveBrokerSettings } from './bootstrap';
import { ConnectionBadge } from './connection-badge';
import { ConnectionSettings } from './connection-settings';

export function App() {
  const dashboard = useDashboardStore((s) => selectDashboard(s));
  const [pageId, setPageId] = useState<string | undefined>();
  // The settings being edited; null while the dialog is closed.
  const [editing, setEditing] = useState<BrokerSettings | null>(null);
  const page = dashboard?.pages.find((p) => p.id === pageId) ?? dashboard?.pages[0];

  return (
    <div className="app">
      <header className="app-header">
        <div className="app-header__brand">
          <span className="logo" aria-hidden="true" />
          <h1 className="app-header__title">{dashboard?.title ?? 'Tafel'}</h1>
        </div>
        {dashboard && dashboard.pages.length > 1 && (
          <nav className="tabs" aria-label="Pages">
            {dashboard.pages.map((p) => (
              <button
                key={p.id}
                type="button"
                className="tabs__tab"
                aria-current={p.id === page?.id ? 'page' : undefined}
                onClick={() => setPageId(p.id)}
              >
                {p.title}
              </button>
            ))}
          </nav>
        )}
        <div className="app-header__end">
          <ConnectionBadge />
          <button
            type="button"
            className="icon-button"
            aria-label="Broker settings"
            title="Broker settings"
            onClick={() => setEditing(loadBrokerSettings())}
          >
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
              <path
                fill="currentColor"
                d="M19.4 13a7.5 7.5 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.4 7.4 0 0 0-1.7-1L15 3h-4l-.4 2.9a7.4 7.4 0 0 0-1.7 1l-2.5-1-2 3.5L6.6 11a7.5 7.5 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1c.5.4 1.1.8 1.7 1L11 21h4l.4-2.9c.6-.2 1.2-.6 1.7-1l2.5 1 2-3.5zM13 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7z"
                transform="translate(-1 0)"
              />
            </svg>
          </button>
        </div>
      </header>
      <main className="page" aria-label={page?.title ?? 'Dashboard'}>
        {page && page.groups.length > 0 ? (
          page.groups.map((g) => <GroupCard key={g.id} group={g} />)
        ) : (
          <p className="empty">This page has no widgets yet.</p>
        )}
      </main>
      <ConnectionSettings
        open={editing !== null}
        initial={editing ?? defaultBrokerSettings}
        onClose={() => setEditing(null)}
        onSave={(s) => {
          saveBrokerSettings(s);
          setEditing(null);
          connectBroker(s);
        }}
      />
    </div>
  );
}

function GroupCard({ group }: { group: Group }) {
  const titleId = `group-${group.id}`;
  return (
    <section
      className="group"
      style={{ '--group-width': group.width } as React.CSSProperties}
      aria-labelledby={group.showTitle && group.title ? titleId : undefined}
      aria-label={group.showTitle && group.title ? undefined : group.title || 'Group'}
    >
      {group.showTitle && group.title && (
        <h2 className="group__title" id={titleId}>
          {group.title}
        </h2>
      )}
      <div className="group__widgets">
        {group.widgets.map((w) => (
          <WidgetFrame key={w.id} widget={w} publish={connection.publish} />
        ))}
      </div>
    </section>
  );
}
