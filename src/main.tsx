import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '@/app/app';
import { bindSubscriptions, connectBroker, loadDashboards, startSync } from '@/app/bootstrap';
import '@/app/styles.css';

loadDashboards();
bindSubscriptions();
startSync(); // before connecting, so the first connect already subscribes to the dashboards
connectBroker();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
