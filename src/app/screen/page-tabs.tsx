import { Link } from 'wouter';
import type { Dashboard, Page } from '@/dashboard/schema';
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
  return (
    <nav className="tabs" aria-label="Pages">
      {dashboard.pages.map((pg) => (
        <Link
          key={pg.id}
          href={dashboardHref(dashboard.id, pg.id)}
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
          + Page
        </button>
      )}
    </nav>
  );
}
