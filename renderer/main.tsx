import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { CallProgress } from './calls/CallProgress.tsx';
import { reportRendererError } from './components/PageBoundary.tsx';
import './styles.css';

// Errors outside rendering (an event handler, a promise nobody awaited) do not break the page, but
// they reach the log as well.
const pageOf = () => window.location.hash.replace(/^#\/?/, '').split('/')[0] || 'home';
window.addEventListener('error', (e) => reportRendererError(pageOf(), e.error ?? e.message));
window.addEventListener('unhandledrejection', (e) => reportRendererError(pageOf(), e.reason));

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
      <CallProgress />
    </QueryClientProvider>
  </StrictMode>,
);
