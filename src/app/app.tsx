import { Redirect, Route, Switch } from 'wouter';
import { useDashboardStore } from '@/stores/dashboard-store';
import { DashboardScreen } from './dashboard-screen';
import { Notices } from './notices';
import { dashboardHref, lastDashboardId } from './routes';

/** Routes: `/d/<dashboard>/<page>` shows a page; `/` opens the last dashboard or the first. */
export function App() {
  return (
    <>
      <Switch>
        <Route path="/d/:dashboardId/:pageId?">
          {(params) => <DashboardScreen dashboardId={params.dashboardId} pageId={params.pageId} />}
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
  return <Redirect to={dashboardHref(target?.id ?? 'none')} replace />;
}
