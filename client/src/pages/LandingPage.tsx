import { listSessions } from '../api/session';
import { homePath } from '../app/router';
import { StartProductionForm } from './StartProductionForm';

export function LandingPage() {
  const sessions = listSessions();
  return (
    <main className="join-page landing">
      <div className="join-card">
        <h1>Setboard</h1>
        {sessions.length === 0 ? (
          <p>Open the invite link the production office sent you to join a production on this device.</p>
        ) : (
          <>
            <p className="muted">Productions on this device:</p>
            <ul className="plain-list">
              {sessions.map((s) => (
                <li key={s.productionId}>
                  <a className="btn wide" href={homePath(s.productionId)}>
                    {s.me?.production.name ?? s.productionId}
                    {s.me && <span className="muted"> · {s.me.member.name}</span>}
                  </a>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <StartProductionForm />
    </main>
  );
}
