/**
 * The team: who is in the production, and for the owner the three things that used to need curl:
 * invite links per role, removing a member, and the role x board permission matrix.
 */
import { useEffect, useRef, useState } from 'react';
import type { CreateInviteResponse, Member, MeResponse } from '../../../shared/api-types';
import {
  ACCESS_LEVELS,
  BOARD_LABELS,
  BOARDS,
  DEFAULT_PERMISSIONS,
  ROLE_LABELS,
  ROLES,
  type Access,
  type PermissionMatrix,
} from '../../../shared/boards';
import {
  createInvite,
  fetchMembers,
  fetchPermissions,
  removeMember,
  savePermissions,
} from '../api/endpoints';
import { ApiFailure } from '../api/http';
import { useDialogs } from '../ui/dialogs';

const ACCESS_LABELS: Record<Access, string> = { none: 'No access', read: 'Read', write: 'Edit' };

function messageOf(error: unknown, fallback: string): string {
  return error instanceof ApiFailure ? error.message : fallback;
}

type Load<T> = { kind: 'loading' } | { kind: 'ready'; value: T } | { kind: 'failed'; message: string };

export default function TeamPage({ me, token }: { me: MeResponse; token: string }) {
  const productionId = me.production.id;
  const isOwner = me.member.owner;
  const dialogs = useDialogs();
  const [members, setMembers] = useState<Load<Member[]>>({ kind: 'loading' });
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    fetchMembers(productionId, token, controller.signal).then(
      (answer) => setMembers({ kind: 'ready', value: answer.members }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setMembers({ kind: 'failed', message: messageOf(error, 'The team list could not be loaded.') });
      },
    );
    return () => controller.abort();
  }, [productionId, token, reload]);

  async function remove(member: Member) {
    const confirmed = await dialogs.confirm({
      title: `Remove ${member.name}?`,
      message: `${member.name} (${ROLE_LABELS[member.role]}) loses access to ${me.production.name} now: every device they use is signed out within a second and their invite link stops working. What they edited stays on the boards. To bring them back, send them a new invite.`,
      confirmLabel: `Remove ${member.name}`,
      danger: true,
    });
    if (!confirmed) return;
    setRemoveError(null);
    try {
      await removeMember(productionId, token, member.id);
    } catch (error) {
      setRemoveError(messageOf(error, `${member.name} could not be removed; try again.`));
    }
    setReload((n) => n + 1);
  }

  return (
    <main className="team">
      <section className="panel" aria-labelledby="team-members">
        <h2 id="team-members">Team</h2>
        {members.kind === 'loading' && <p className="muted">Loading the team…</p>}
        {members.kind === 'failed' && (
          <p className="form-error" role="alert">
            {members.message}
          </p>
        )}
        {members.kind === 'ready' && (
          <ul className="member-list">
            {members.value.map((m) => (
              <li key={m.id} data-testid="member">
                <span className="member-name">
                  <strong>{m.name}</strong>
                  {m.id === me.member.id && <span className="muted"> (you)</span>}
                </span>
                <span className="muted">{ROLE_LABELS[m.role]}</span>
                {m.owner && <span className="owner-badge">Owner</span>}
                {isOwner && !m.owner && (
                  <button type="button" className="btn danger" onClick={() => void remove(m)}>
                    Remove
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {removeError && (
          <p className="form-error" role="alert">
            {removeError}
          </p>
        )}
        {!isOwner && (
          <p className="muted">
            Only the production’s owner invites people, removes them and sets permissions.
          </p>
        )}
      </section>
      {isOwner && <InvitePanel productionId={productionId} token={token} />}
      {isOwner && <PermissionEditor productionId={productionId} token={token} />}
      {dialogs.element}
    </main>
  );
}

function InvitePanel({ productionId, token }: { productionId: string; token: string }) {
  const [invite, setInvite] = useState<CreateInviteResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [copyNote, setCopyNote] = useState<string | null>(null);
  const linkInput = useRef<HTMLInputElement>(null);

  async function invite_(role: (typeof ROLES)[number]) {
    setBusy(true);
    setError(null);
    setCopyNote(null);
    try {
      setInvite(await createInvite(productionId, token, role));
    } catch (e) {
      setError(messageOf(e, 'The invite could not be created; try again.'));
    }
    setBusy(false);
  }

  async function copy(url: string) {
    try {
      // Absent on plain-http set networks (not a secure context), hence the selected-field fallback.
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      setCopyNote('Link copied. Send it to the person; it signs in one device each time it is opened.');
    } catch {
      linkInput.current?.focus();
      linkInput.current?.select();
      setCopyNote('The link is selected: copy it with Ctrl+C, or long-press it and choose Copy.');
    }
  }

  return (
    <section className="panel" aria-labelledby="team-invite">
      <h2 id="team-invite">Invite</h2>
      <p className="muted">Each link makes its opener a member with that role.</p>
      <div className="invite-buttons">
        {ROLES.map((role) => (
          <button key={role} type="button" className="btn" disabled={busy} onClick={() => void invite_(role)}>
            Invite {ROLE_LABELS[role]}
          </button>
        ))}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {invite && (
        <div className="invite-link" data-testid="invite-link">
          <label htmlFor="invite-url">Invite link for a {ROLE_LABELS[invite.role]}</label>
          <div className="invite-row">
            <input
              id="invite-url"
              ref={linkInput}
              className="cell"
              readOnly
              value={invite.url}
              onFocus={(e) => e.currentTarget.select()}
            />
            <button type="button" className="btn primary" onClick={() => void copy(invite.url)}>
              Copy
            </button>
          </div>
          {copyNote && <p role="status">{copyNote}</p>}
        </div>
      )}
    </section>
  );
}

function sameMatrix(a: PermissionMatrix, b: PermissionMatrix): boolean {
  return ROLES.every((role) => BOARDS.every((board) => a[role][board] === b[role][board]));
}

function PermissionEditor({ productionId, token }: { productionId: string; token: string }) {
  const [saved, setSaved] = useState<Load<PermissionMatrix>>({ kind: 'loading' });
  const [draft, setDraft] = useState<PermissionMatrix | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetchPermissions(productionId, token, controller.signal).then(
      (answer) => {
        setSaved({ kind: 'ready', value: answer.permissions });
        setDraft(answer.permissions);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setSaved({ kind: 'failed', message: messageOf(error, 'The permissions could not be loaded.') });
      },
    );
    return () => controller.abort();
  }, [productionId, token]);

  function set(role: (typeof ROLES)[number], board: (typeof BOARDS)[number], access: Access) {
    setOutcome(null);
    setDraft((current) => current && { ...current, [role]: { ...current[role], [board]: access } });
  }

  async function save(matrix: PermissionMatrix) {
    setBusy(true);
    setOutcome(null);
    try {
      const answer = await savePermissions(productionId, token, matrix);
      setSaved({ kind: 'ready', value: answer.permissions });
      setDraft(answer.permissions);
      setOutcome({ ok: true, text: 'Saved. Open boards follow the new permissions within a second.' });
    } catch (error) {
      setOutcome({ ok: false, text: messageOf(error, 'The permissions were not saved; try again.') });
    }
    setBusy(false);
  }

  const dirty = saved.kind === 'ready' && draft !== null && !sameMatrix(saved.value, draft);
  return (
    <section className="panel" aria-labelledby="team-permissions">
      <h2 id="team-permissions">Who may open and edit each board</h2>
      {saved.kind === 'loading' && <p className="muted">Loading the permissions…</p>}
      {saved.kind === 'failed' && (
        <p className="form-error" role="alert">
          {saved.message}
        </p>
      )}
      {draft && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save(draft);
          }}
        >
          <div className="matrix-scroll">
            <table className="permission-matrix">
              <thead>
                <tr>
                  <th scope="col">Role</th>
                  {BOARDS.map((board) => (
                    <th key={board} scope="col">
                      {BOARD_LABELS[board]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {ROLES.map((role) => (
                  <tr key={role}>
                    <th scope="row">{ROLE_LABELS[role]}</th>
                    {BOARDS.map((board) => (
                      <td key={board}>
                        <select
                          className="cell"
                          aria-label={`${ROLE_LABELS[role]}: ${BOARD_LABELS[board]}`}
                          value={draft[role][board]}
                          onChange={(e) => set(role, board, e.target.value as Access)}
                        >
                          {ACCESS_LEVELS.map((level) => (
                            <option key={level} value={level}>
                              {ACCESS_LABELS[level]}
                            </option>
                          ))}
                        </select>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="matrix-actions">
            <button type="submit" className="btn primary" disabled={busy || !dirty}>
              {busy ? 'Saving…' : 'Save'}
            </button>
            <button
              type="button"
              className="btn"
              disabled={busy || sameMatrix(draft, DEFAULT_PERMISSIONS)}
              onClick={() => {
                setOutcome(null);
                setDraft(DEFAULT_PERMISSIONS);
              }}
            >
              Reset to defaults
            </button>
            {dirty && <span className="muted">Unsaved changes</span>}
          </div>
          {outcome && (
            <p className={outcome.ok ? 'form-ok' : 'form-error'} role={outcome.ok ? 'status' : 'alert'}>
              {outcome.text}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
