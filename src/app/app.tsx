import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import { Redirect, Route, Switch } from 'wouter';
import { useDashboardStore } from '@/stores/dashboard-store';
import { DashboardScreen } from './dashboard-screen';
import { Notices } from './notices';
import { dashboardHref, hrefFor, lastDashboardId } from './routes';
import { DimOverlay } from './tablet/tablet-parts';
import { useTabletStore } from './tablet/tablet-settings';
import { useTabletRuntime } from './tablet/use-tablet-runtime';

/**
 * Routes: `/d/<dashboard>/<page>` shows a page (each segment a slug or an id, routes.ts);
 * `/` opens the last dashboard or the first.
 */
export function App() {
  // Everything re-renders in the new language when it changes (no reload).
  useTranslation();
  const { dimmed, wake } = useTabletRuntime();
  const kiosk = useTabletStore((s) => s.kiosk);
  // In kiosk mode the first tap goes full screen (browsers allow it only after a gesture).
  useEffect(() => {
    if (!kiosk) return;
    const enter = () => {
      if (!document.fullscreenElement)
        void document.documentElement.requestFullscreen?.().catch(() => {});
    };
    window.addEventListener('pointerup', enter, { once: true });
    return () => window.removeEventListener('pointerup', enter);
  }, [kiosk]);
  return (
    <>
      {dimmed && <DimOverlay onWake={wake} />}
      <Switch>
        <Route path="/d/:dashboard/:page?">
          {(params) => (
            <DashboardScreen
              dashboardRef={decodeSegment(params.dashboard)}
              pageRef={params.page === undefined ? undefined : decodeSegment(params.page)}
            />
          )}
        </Route>
        <Route>
          <Home />
        </Route>
      </Switch>
      <Notices />
    </>
  );
}

function Home() {
  const dashboards = useDashboardStore((s) => s.document.dashboards);
  const last = lastDashboardId();
  const target = dashboards.find((d) => d.id === last) ?? dashboards[0];
  // No dashboards at all: the screen for a missing one offers to create one.
  return <Redirect to={target ? hrefFor(dashboards, target.id) : dashboardHref('none')} replace />;
}

/** A route segment as typed or linked: `%2B` is `+`. A malformed escape is taken as it is. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
