import { useState, type FormEvent } from 'react';
import { join } from '../api/endpoints';
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

export function JoinPage({ code }: { code: string }) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

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
      const failure = e instanceof ApiFailure ? e : null;
      setError((failure && JOIN_MESSAGES[failure.kind]) ?? failure?.message ?? 'Joining failed; try again.');
      setBusy(false);
    }
  }

  return (
    <main className="join-page">
      <form className="join-card" onSubmit={submit}>
        <h1>Join the production</h1>
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
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button className="btn primary wide" type="submit" disabled={busy}>
          {busy ? 'Joining…' : 'Join'}
        </button>
      </form>
    </main>
  );
}
