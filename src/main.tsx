import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '@/app/app';
import { bindSubscriptions, connectBroker, loadDashboards } from '@/app/bootstrap';
import '@/app/styles.css';

loadDashboards();
bindSubscriptions();
connectBroker();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
