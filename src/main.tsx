import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { backendFromQuery } from './ui/backend/backendQuery';
import './ui/app.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <App backendQuery={backendFromQuery(window.location.search)} />
  </StrictMode>,
);
