import { useEffect, useState, type FormEvent } from 'react';
import type { InvitePreviewResponse } from '../../../shared/api-types';
import { ROLE_LABELS } from '../../../shared/boards';
import { join, previewInvite } from '../api/endpoints';
import { ApiFailure } from '../api/http';
import { saveSession } from '../api/session';
import { homePath, navigate } from '../app/router';

const JOIN_MESSAGES: Partial<Record<ApiFailure['kind'], string>> = {
  expired: 'This invite link has expired or was withdrawn. Ask the production office for a new one.',
  // Used up, expired and revoked invites answer 410, whose message says which (kind 'invalid').
  'not-found':
    'This invite link is unknown. Check that you opened the whole link, or ask the production office for a new one.',
  unreachable: 'The Setboard server cannot be reached. Check that this device is on the set network.',
};

const messageOf = (e: unknown, fallback: string) => {
  const failure = e instanceof ApiFailure ? e : null;
  return (failure && JOIN_MESSAGES[failure.kind]) ?? failure?.message ?? fallback;
};

type Preview =
  | { kind: 'loading' }
  | { kind: 'ready'; invite: InvitePreviewResponse }
  /** Unknown, used up, expired or revoked: said before anyone types (joining would be refused the same way). */
  | { kind: 'refused'; message: string }
  /** The server did not answer: the form stays, joining will say why if it fails too. */
  | { kind: 'unknown' };

export function JoinPage({ code }: { code: string }) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview>({ kind: 'loading' });

  useEffect(() => {
    const abort = new AbortController();
    previewInvite(code, abort.signal).then(
      (invite) => setPreview({ kind: 'ready', invite }),
      (e: unknown) => {
        if ((e as Error).name === 'AbortError') return;
        const refused = e instanceof ApiFailure && (e.status === 404 || e.status === 410);
        setPreview(
          refused
            ? { kind: 'refused', message: messageOf(e, 'This invite link cannot be used.') }
            : { kind: 'unknown' },
        );
      },
    );
    return () => abort.abort();
  }, [code]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError('Type your name so others on set know who is editing.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const joined = await join(code, trimmed);
      saveSession({ productionId: joined.productionId, token: joined.token, me: null });
      navigate(homePath(joined.productionId), { replace: true });
    } catch (e) {
      setError(messageOf(e, 'Joining failed; try again.'));
      setBusy(false);
    }
  }

  // One alert: the join's own refusal, else why the preview says the invite cannot be used.
  const alert = error ?? (preview.kind === 'refused' ? preview.message : null);
  return (
    <main className="join-page">
      <form className="join-card" onSubmit={submit}>
        {preview.kind === 'ready' ? (
          <>
            <h1>Join {preview.invite.production.name}</h1>
            <p className="invite-role">
              You are invited as <strong>{ROLE_LABELS[preview.invite.role]}</strong>.
            </p>
          </>
        ) : preview.kind === 'refused' ? (
          <h1>This invite cannot be used</h1>
        ) : (
          <h1>Join the production</h1>
        )}
        <p className="muted">Your name is shown to the others on set next to what you edit.</p>
        <label htmlFor="join-name">Your name</label>
        <input
          id="join-name"
          name="name"
          autoComplete="name"
          autoFocus
          maxLength={80}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        {alert && (
          <p className="form-error" role="alert">
            {alert}
          </p>
        )}
        <button className="btn primary wide" type="submit" disabled={busy}>
          {busy ? 'Joining…' : 'Join'}
        </button>
      </form>
    </main>
  );
}
