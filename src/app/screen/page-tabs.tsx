import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { Dashboard, Page } from '@/dashboard/schema';
import { dashboardSegment, pageSegment } from '@/dashboard/slugs';
import { useDashboardStore } from '@/stores/dashboard-store';
import { dashboardHref } from '../routes';

/** The dashboard's pages as links; in edit mode with "+ Page". */
export function PageTabs({
  dashboard,
  current,
  editing,
  onAddPage,
}: {
  dashboard: Dashboard;
  current: Page;
  editing: boolean;
  onAddPage(): void;
}) {
  const { t } = useTranslation(['app', 'common']);
  const base = useDashboardStore((s) => dashboardSegment(s.document.dashboards, dashboard));
  return (
    <nav className="tabs" aria-label={t('screen.pages')}>
      {dashboard.pages.map((pg) => (
        <Link
          key={pg.id}
          href={dashboardHref(base, pageSegment(dashboard, pg))}
          className="tabs__tab"
          aria-current={pg.id === current.id ? 'page' : undefined}
        >
          {/* Only an emoji is drawn: anything else typed there is no icon. */}
          {pg.icon && /[^\x20-\x7e]/.test(pg.icon) && <span aria-hidden="true">{pg.icon} </span>}
          {pg.title}
        </Link>
      ))}
      {editing && (
        <button type="button" className="tabs__tab tabs__add" onClick={onAddPage}>
          {t('screen.addPage')}
        </button>
      )}
    </nav>
  );
}
