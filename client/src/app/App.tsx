import { ErrorBoundary } from '../ui/ErrorBoundary';
import { MessageScreen } from '../ui/Screen';
import { JoinPage } from '../pages/JoinPage';
import { LandingPage } from '../pages/LandingPage';
import { ProductionPage } from '../pages/ProductionPage';
import { parseRoute, usePathname } from './router';

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
    case 'not-found':
      page = (
        <MessageScreen title="Nothing here" action={<a href="/">Go to your productions</a>}>
          <p>This address ({route.path}) is not a Setboard page.</p>
        </MessageScreen>
      );
  }
  return <ErrorBoundary label="page">{page}</ErrorBoundary>;
}
