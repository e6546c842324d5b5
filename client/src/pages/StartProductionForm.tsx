import { useState, type FormEvent } from 'react';
import { createProduction } from '../api/endpoints';
import { ApiFailure } from '../api/http';
import { saveSession } from '../api/session';
import { homePath, navigate } from '../app/router';
import { ROLE_LABELS, ROLES, type Role } from '../../../shared/boards';

/** What each role edits by default, so an indie director-producer knows to pick Director for the shot list. */
const ROLE_HINTS: Record<Role, string> = {
  producer: 'edits the breakdown, schedule and cost report',
  director: 'edits the breakdown, shot list and mood boards',
  ad: 'edits the breakdown, shot list and schedule',
  department: 'edits the mood boards',
  crew: 'reads the boards',
};

const START_MESSAGES: Partial<Record<ApiFailure['kind'], string>> = {
  unreachable: 'The Setboard server cannot be reached. Check that this device is on the set network.',
  server: 'The server could not create the production just now. Try again in a moment.',
};

/** The production office's first step: the person who starts a production owns it and invites the rest. */
export function StartProductionForm() {
  const [name, setName] = useState('');
  const [ownerName, setOwnerName] = useState('');
  const [role, setRole] = useState<Role>('producer');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const production = name.trim();
    const owner = ownerName.trim();
    if (!production) {
      setError('Type the production’s name; everyone you invite sees it.');
      return;
    }
    if (!owner) {
      setError('Type your name so the team knows who runs the production.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const created = await createProduction(production, owner, role);
      // Stored like a join: /api/me on the production home fills in the role and the boards.
      saveSession({ productionId: created.production.id, token: created.token, me: null });
      navigate(homePath(created.production.id));
    } catch (e) {
      const failure = e instanceof ApiFailure ? e : null;
      setError(
        (failure && START_MESSAGES[failure.kind]) ??
          failure?.message ??
          'Starting the production failed; try again.',
      );
      setBusy(false);
    }
  }

  return (
    <form className="join-card" onSubmit={submit} aria-labelledby="start-title">
      <h2 id="start-title">Start a production</h2>
      <p className="muted">You become its owner: you invite the team and decide who edits which board.</p>
      <label htmlFor="start-production-name">Production name</label>
      <input
        id="start-production-name"
        name="production"
        maxLength={80}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <label htmlFor="start-owner-name">Your name</label>
      <input
        id="start-owner-name"
        name="ownerName"
        autoComplete="name"
        maxLength={80}
        value={ownerName}
        onChange={(e) => setOwnerName(e.target.value)}
      />
      <label htmlFor="start-owner-role">Your role</label>
      <select
        id="start-owner-role"
        className="cell"
        value={role}
        aria-describedby="start-role-hint"
        onChange={(e) => setRole(e.target.value as Role)}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}: {ROLE_HINTS[r]}
          </option>
        ))}
      </select>
      <p id="start-role-hint" className="muted">
        Directing and producing yourself? Pick Director to edit the shot list; as the owner you can let your
        role edit any other board on the Team page.
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button className="btn primary wide" type="submit" disabled={busy}>
        {busy ? 'Starting…' : 'Start the production'}
      </button>
    </form>
  );
}
