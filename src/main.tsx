import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '@/app/app';
import {
  bindSubscriptions,
  connection,
  connectBroker,
  loadDashboards,
  startSync,
} from '@/app/bootstrap';
import { startServiceWorker } from '@/app/service-worker';
import { LiveHistoryContext, type LiveHistory } from '@/widgets/kit/live-history';
import '@/app/styles.css';

loadDashboards();
bindSubscriptions();
startSync(); // before connecting, so the first connect already subscribes to the dashboards
connectBroker();
// Not in `npm run dev`: a service worker there would serve stale modules.
if (import.meta.env.PROD) startServiceWorker();

const liveHistory: LiveHistory = { history: (topic) => connection.ingest.history(topic) };

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <LiveHistoryContext value={liveHistory}>
      <App />
    </LiveHistoryContext>
  </StrictMode>,
);
