import { lazy, Suspense } from 'react';
import { BOARD_LABELS, BOARDS, canRead, type Board } from '../../../shared/boards';
import { forgetSession } from '../api/session';
import { boardPath, homePath, parseRoute, teamPath, usePathname } from '../app/router';
import { useTheme } from '../app/theme';
import { useMe } from '../app/use-me';
import { useSetChannel } from '../sync/set-channel';
import { Link } from '../ui/Link';
import { useOverflowCue } from '../ui/use-overflow-cue';
import { NotificationsButton, Toasts } from '../ui/Notifications';
import { MessageScreen } from '../ui/Screen';
import { BoardFrame } from './BoardFrame';
import { HomePage } from './HomePage';

// Most visits never open the team page; it stays out of the entry chunk.
const TeamPage = lazy(() => import('./TeamPage'));
const PeoplePage = lazy(() => import('./PeoplePage'));

const FAILURE_TITLES: Record<string, string> = {
  expired: 'Your access has ended',
  forbidden: 'You are not part of this production',
  'not-found': 'This production does not exist',
  unreachable: 'The Setboard server cannot be reached',
};

export function ProductionPage({ productionId, board }: { productionId: string; board: Board | null }) {
  const me = useMe(productionId);
  const token = me.kind === 'ready' ? me.token : null;
  const channel = useSetChannel(token, board, me.kind === 'ready' ? me.me.member.id : null);
  const [theme, toggleTheme] = useTheme();
  // App renders /p/<id>/team as the home route; the view is read here so App needs no change.
  const route = parseRoute(usePathname());
  const teamView = board === null && route.name === 'home' && route.view === 'team';
  const peopleView = board === null && route.name === 'home' && route.view === 'people';
  const tabs = useOverflowCue<HTMLElement>(board);

  if (me.kind === 'loading') return <MessageScreen title="Opening the production…" />;
  if (me.kind === 'no-session') {
    return (
      <MessageScreen title="This device has not joined this production">
        <p>Open the invite link the production office sent you. It signs this device in.</p>
      </MessageScreen>
    );
  }
  if (me.kind === 'failed') {
    const expired = me.failure.kind === 'expired';
    return (
      <MessageScreen
        title={FAILURE_TITLES[me.failure.kind] ?? 'Something went wrong'}
        action={
          expired ? (
            <button
              type="button"
              className="btn"
              onClick={() => {
                forgetSession(productionId);
                window.location.assign('/');
              }}
            >
              Sign this device out
            </button>
          ) : (
            <button type="button" className="btn primary" onClick={() => window.location.reload()}>
              Try again
            </button>
          )
        }
      >
        <p>
          {expired
            ? 'Your link has expired or your access was revoked. Ask the production office for a new invite link.'
            : me.failure.message}
        </p>
      </MessageScreen>
    );
  }
  if (channel.ended) {
    return (
      <MessageScreen
        title="Your access has ended"
        action={
          <button
            type="button"
            className="btn"
            onClick={() => {
              forgetSession(productionId);
              window.location.assign('/');
            }}
          >
            Sign this device out
          </button>
        }
      >
        <p>{channel.ended} Ask the production office for a new invite link.</p>
      </MessageScreen>
    );
  }

  const { member, production, permissions } = me.me;
  const readable = BOARDS.filter((b) => canRead(permissions[b]));
  return (
    <div className="app-shell">
      <header className="topbar">
        <Link className="brand" href={homePath(productionId)} title="Production home">
          {production.name}
        </Link>
        <nav className="board-tabs" aria-label="Boards" ref={tabs}>
          {readable.map((b) => (
            <Link
              key={b}
              href={boardPath(productionId, b)}
              className={b === board ? 'tab active' : 'tab'}
              aria-current={b === board ? 'page' : undefined}
            >
              {BOARD_LABELS[b]}
            </Link>
          ))}
        </nav>
        <div className="topbar-end">
          {channel.status && (
            <span className={`set-pill set-${channel.status.value}`} data-testid="set-status-pill">
              {channel.status.value.replace('-', ' ')}
            </span>
          )}
          <NotificationsButton channel={channel} />
          <Link
            className={teamView ? 'tab active' : 'tab'}
            href={teamPath(productionId)}
            aria-current={teamView ? 'page' : undefined}
          >
            Team
          </Link>
          <span className="who" title={`${member.name} (${member.role})`}>
            {member.name}
          </span>
          <button
            type="button"
            className="btn icon"
            onClick={toggleTheme}
            aria-pressed={theme === 'sun'}
            aria-label="High-contrast sunlight theme"
            title="High-contrast sunlight theme"
          >
            {theme === 'sun' ? '☾' : '☀'}
          </button>
        </div>
      </header>
      <Toasts channel={channel} />
      {me.fromCache && (
        <div className="banner warn" role="status">
          Showing what this device knew last; the server is not answering.
        </div>
      )}
      {teamView ? (
        <Suspense fallback={<p className="loading">Opening the team…</p>}>
          <TeamPage me={me.me} token={me.token} roster={channel.roster} />
        </Suspense>
      ) : peopleView ? (
        <Suspense fallback={<p className="loading">Opening the crew and cast…</p>}>
          <PeoplePage me={me.me} token={me.token} />
        </Suspense>
      ) : board === null ? (
        <HomePage me={me.me} token={me.token} channel={channel} readable={readable} />
      ) : canRead(permissions[board]) ? (
        <BoardFrame
          key={board}
          productionId={productionId}
          board={board}
          token={me.token}
          me={me.me}
          notify={channel.notify}
          channel={channel}
        />
      ) : (
        <MessageScreen title={`Your role cannot open the ${BOARD_LABELS[board].toLowerCase()}`}>
          <p>The production office decides who sees each board.</p>
        </MessageScreen>
      )}
    </div>
  );
}
