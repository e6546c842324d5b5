import { useEffect, useState } from 'react';
import type { DemoResponse } from '../../../shared/api-types';
import { ROLE_LABELS } from '../../../shared/boards';
import { fetchDemo } from '../api/endpoints';
import { listSessions } from '../api/session';
import { homePath } from '../app/router';
import { StartProductionForm } from './StartProductionForm';

export function LandingPage() {
  const sessions = listSessions();
  return (
    <main className="join-page landing">
      <div className="join-card">
        <h1>Setboard</h1>
        <p>
          A live set board for a film production: the director’s shot list and mood boards, the 1st AD’s
          stripboard and day log, and the producer’s cost report, shared by every tablet and phone on set.
          Edits appear everywhere as they happen and keep working offline on bad set Wi-Fi.
        </p>
        {sessions.length === 0 ? (
          <p className="muted">
            Open the invite link the production office sent you to join a production on this device.
          </p>
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
      <DemoOffer />
      <StartProductionForm />
    </main>
  );
}

/** The demo production's shared links, one per role (API.md A18); nothing when the server has no demo. */
function DemoOffer() {
  const [demo, setDemo] = useState<DemoResponse | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    fetchDemo(abort.signal).then(setDemo, () => setDemo(null));
    return () => abort.abort();
  }, []);
  if (!demo || demo.links.length === 0) return null;
  return (
    <section className="join-card" aria-labelledby="demo-title">
      <h2 id="demo-title">Open the demo</h2>
      <p className="muted">
        Try Setboard on <strong>{demo.production.name}</strong>, a sample film with its boards filled in. Pick
        the role to try it as; open it on a second device as another role to see edits arrive live.
      </p>
      <ul className="plain-list demo-roles">
        {demo.links.map((link) => (
          <li key={link.role}>
            <a className="btn wide" href={link.path}>
              Open the demo as {ROLE_LABELS[link.role]}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
