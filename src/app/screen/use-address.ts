import { useEffect } from 'react';
import { useLocation } from 'wouter';
import type { Dashboard, Page } from '@/dashboard/schema';
import { dashboardSegment, pageSegment } from '@/dashboard/slugs';
import { useDashboardStore } from '@/stores/dashboard-store';
import { dashboardHref, rememberShown, resolveDashboard, resolvePage } from '../routes';

/**
 * What the address `/d/<dashboardRef>/<pageRef>` shows: each segment a slug, an earlier slug,
 * an id, or a title typed by hand. The address bar is then put on the current address
 * (replaced, not pushed: Back does not lead to the old one), so what is on screen always has
 * the address a tablet could be pointed at, also after a rename here or on another device.
 * An unknown page shows the first page and stays in the address as it was typed.
 */
export function useAddress(
  dashboardRef: string,
  pageRef: string | undefined,
): { dashboard: Dashboard | undefined; page: Page | undefined } {
  const [, navigate] = useLocation();
  const dashboard = useDashboardStore((s) => resolveDashboard(s.document.dashboards, dashboardRef));
  // A string: the screen re-renders for it only when the address changes.
  const dashboardAddress = useDashboardStore((s) =>
    dashboard ? dashboardSegment(s.document.dashboards, dashboard) : undefined,
  );
  const named = dashboard && pageRef !== undefined ? resolvePage(dashboard, pageRef) : undefined;
  const pageAddress = dashboard && named ? pageSegment(dashboard, named) : pageRef;

  useEffect(() => {
    if (!dashboard || dashboardAddress === undefined) return;
    const address = { dashboard: dashboardAddress, page: pageAddress };
    rememberShown(address, dashboard.id, named?.id);
    if (dashboardAddress !== dashboardRef || pageAddress !== pageRef) {
      navigate(dashboardHref(dashboardAddress, pageAddress), { replace: true });
    }
  }, [dashboard, dashboardAddress, dashboardRef, named, navigate, pageAddress, pageRef]);

  return { dashboard, page: named ?? dashboard?.pages[0] };
}
