import type { Dashboard, Page } from '@/dashboard/schema';
import { dashboardSegment, findDashboard, findPage, pageSegment } from '@/dashboard/slugs';

/**
 * An address from its two segments (slugs, or ids); the query (?broker=, ?kiosk) is kept on
 * every link. Links made by the app come from {@link hrefFor}.
 */
export function dashboardHref(
  dashboard: string,
  page?: string,
  search = window.location.search,
): string {
  return `/d/${encodeURIComponent(dashboard)}${page ? `/${encodeURIComponent(page)}` : ''}${search}`;
}

/**
 * The address of a dashboard, or of one of its pages, by id: `/d/<slug>/<slug>` with their
 * current slugs. An id that is not in `dashboards` goes in as it is.
 */
export function hrefFor(
  dashboards: readonly Dashboard[],
  dashboardId: string,
  pageId?: string,
  search?: string,
): string {
  const d = dashboards.find((x) => x.id === dashboardId);
  const p = pageId === undefined ? undefined : d?.pages.find((x) => x.id === pageId);
  return dashboardHref(
    d ? dashboardSegment(dashboards, d) : dashboardId,
    d && p ? pageSegment(d, p) : pageId,
    search,
  );
}

// What an address shows

/**
 * The addresses this page has shown, and what they showed (ids), for this visit. An address
 * that a change took away while it was on screen (a rename undone, here or on another device,
 * which takes the new slug away again) keeps showing what it showed, and is then replaced by
 * the current one, instead of falling on another page or on "no such dashboard".
 */
const shownDashboards = new Map<string, string>();
const shownPages = new Map<string, string>();
const pageKey = (dashboardId: string, segment: string) => `${dashboardId}\u0000${segment}`;

/** The dashboard an address's first segment names: a slug, an earlier slug or an id. */
export function resolveDashboard(
  dashboards: readonly Dashboard[],
  segment: string,
): Dashboard | undefined {
  const shown = shownDashboards.get(segment);
  return findDashboard(dashboards, segment) ?? dashboards.find((d) => d.id === shown);
}

/** The page of `dashboard` an address's second segment names; undefined when none. */
export function resolvePage(dashboard: Dashboard, segment: string): Page | undefined {
  const shown = shownPages.get(pageKey(dashboard.id, segment));
  return findPage(dashboard, segment) ?? dashboard.pages.find((p) => p.id === shown);
}

/** Note what an address showed (see {@link resolveDashboard}). */
export function rememberShown(
  address: { dashboard: string; page?: string | undefined },
  dashboardId: string,
  pageId?: string,
): void {
  shownDashboards.set(address.dashboard, dashboardId);
  if (address.page !== undefined && pageId !== undefined) {
    shownPages.set(pageKey(dashboardId, address.page), pageId);
  }
}

// The last dashboard

const LAST_KEY = 'tafel.last-dashboard';

/** The dashboard this browser showed last (its id), so `/` opens it again (a tablet's reload). */
export function lastDashboardId(): string | null {
  try {
    return localStorage.getItem(LAST_KEY);
  } catch {
    return null; // storage refused (privacy mode): start from the first dashboard
  }
}

export function rememberDashboard(id: string): void {
  try {
    // Only when it changed: a full storage then costs nothing on every page change.
    if (localStorage.getItem(LAST_KEY) !== id) localStorage.setItem(LAST_KEY, id);
  } catch {
    // storage full or refused: not remembering is fine
  }
}
