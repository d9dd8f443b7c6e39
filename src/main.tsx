import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '@/app/app';
import { isLoadError } from '@/components/lazy-retry';
import {
  bindAlerts,
  bindLoadRetries,
  bindSubscriptions,
  connection,
  connectBroker,
  loadDashboards,
  startSync,
} from '@/app/bootstrap';
import { bindLanguage } from '@/app/language';
import { startServiceWorker } from '@/app/service-worker';
import { LiveFeedContext } from '@/widgets/kit/live-feed';
import '@/app/styles.css';

bindLanguage(); // first: every word from here on is in the right language
loadDashboards();
bindSubscriptions();
bindAlerts();
bindLoadRetries();
startSync(); // before connecting, so the first connect already subscribes to the dashboards
connectBroker();
// Not in `npm run dev`: a service worker there would serve stale modules.
if (import.meta.env.PROD) startServiceWorker();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root, {
  // A failed code download is handled where it happens (shown, and tried again by itself:
  // components/lazy-retry); every other error a boundary caught is still logged.
  onCaughtError(error, info) {
    if (isLoadError(error)) return;
    console.error(error, info.componentStack);
  },
}).render(
  <StrictMode>
    <LiveFeedContext value={connection.ingest}>
      <App />
    </LiveFeedContext>
  </StrictMode>,
);
