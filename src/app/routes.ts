/** Addresses of dashboards and pages; the query (?broker=, ?kiosk) is kept on every link. */
export function dashboardHref(
  dashboardId: string,
  pageId?: string,
  search = window.location.search,
): string {
  return `/d/${encodeURIComponent(dashboardId)}${pageId ? `/${encodeURIComponent(pageId)}` : ''}${search}`;
}

const LAST_KEY = 'tafel.last-dashboard';

/** The dashboard this browser showed last, so `/` opens it again (a tablet's reload). */
export function lastDashboardId(): string | null {
  try {
    return localStorage.getItem(LAST_KEY);
  } catch {
    return null;
  }
}

export function rememberDashboard(id: string): void {
  try {
    localStorage.setItem(LAST_KEY, id);
  } catch {
    // private mode: not remembering is fine
  }
}
