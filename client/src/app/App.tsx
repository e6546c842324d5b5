import { lazy, Suspense } from 'react';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { MessageScreen } from '../ui/Screen';
import { JoinPage } from '../pages/JoinPage';
import { LandingPage } from '../pages/LandingPage';
import { parseRoute, usePathname } from './router';

// Chunks of their own: a phone opening a personal call sheet link downloads neither the production page
// (sync, socket, boards) nor anything else it does not show.
const ProductionPage = lazy(() =>
  import('../pages/ProductionPage').then((m) => ({ default: m.ProductionPage })),
);
const PersonalLinkPage = lazy(() => import('../callsheets/PersonalLinkPage'));

export function App() {
  const route = parseRoute(usePathname());
  let page;
  switch (route.name) {
    case 'landing':
      page = <LandingPage />;
      break;
    case 'join':
      page = <JoinPage code={route.code} />;
      break;
    case 'home':
      page = <ProductionPage productionId={route.productionId} board={null} />;
      break;
    case 'board':
      page = <ProductionPage productionId={route.productionId} board={route.board} />;
      break;
    case 'callsheet':
      page = <PersonalLinkPage code={route.code} />;
      break;
    case 'not-found':
      page = (
        <MessageScreen title="Nothing here" action={<a href="/">Go to your productions</a>}>
          <p>This address ({route.path}) is not a Setboard page.</p>
        </MessageScreen>
      );
  }
  return (
    <ErrorBoundary label="page">
      <Suspense fallback={<MessageScreen title="Opening…" />}>{page}</Suspense>
    </ErrorBoundary>
  );
}
