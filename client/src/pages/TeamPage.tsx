/**
 * The team: who is in the production, and for the owner what used to need curl: personal invites (and
 * shared links) with their uses and expiry, who used them and revoking them, removing a member, and the
 * role x board permission matrix.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import {
  INVITE_LIMITS,
  type CreateInviteResponse,
  type Invite,
  type Member,
  type MeResponse,
} from '../../../shared/api-types';
import {
  ACCESS_LEVELS,
  BOARD_LABELS,
  BOARDS,
  DEFAULT_PERMISSIONS,
  ROLE_LABELS,
  ROLES,
  type Access,
  type PermissionMatrix,
  type Role,
} from '../../../shared/boards';
import {
  createInvite,
  fetchInvites,
  fetchMembers,
  fetchPermissions,
  removeMember,
  revokeInvite,
  savePermissions,
} from '../api/endpoints';
import type { PresenceEntry } from '../../../shared/set-channel';
import { ApiFailure } from '../api/http';
import { ApproversEditor } from './ApproversEditor';
import { useDialogs } from '../ui/dialogs';

const ACCESS_LABELS: Record<Access, string> = { none: 'No access', read: 'Read', write: 'Edit' };

function messageOf(error: unknown, fallback: string): string {
  return error instanceof ApiFailure ? error.message : fallback;
}

type Load<T> = { kind: 'loading' } | { kind: 'ready'; value: T } | { kind: 'failed'; message: string };

/** Loads `fetcher` again whenever `reload` changes; `enabled: false` leaves it loading and asks nothing. */
function useLoad<T>(
  fetcher: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
  failure: string,
  enabled = true,
): Load<T> {
  const [state, setState] = useState<Load<T>>({ kind: 'loading' });
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    fetcher(controller.signal).then(
      (value) => setState({ kind: 'ready', value }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ kind: 'failed', message: messageOf(error, failure) });
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what the fetch depends on
  }, [...deps, enabled]);
  return state;
}

const dateFormat: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };
const formatDate = (iso: string) => new Date(iso).toLocaleDateString([], dateFormat);
const formatMoment = (iso: string) =>
  new Date(iso).toLocaleString([], { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** "personal invite" or "shared link", the words the page uses for one use and several. */
const kindOf = (invite: Pick<Invite, 'uses'>) => (invite.uses > 1 ? 'shared link' : 'personal invite');

function usesText(invite: Invite): string {
  if (invite.uses === 1) return 'Not used yet · admits one person';
  return `${invite.usesLeft} of ${invite.uses} uses left`;
}

export default function TeamPage({
  me,
  token,
  roster = [],
}: {
  me: MeResponse;
  token: string;
  /** Who is connected now (set channel): the list reloads when it changes and marks who is here. */
  roster?: PresenceEntry[];
}) {
  const productionId = me.production.id;
  const isOwner = me.member.owner;
  const dialogs = useDialogs();
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const [reloadMembers, setReloadMembers] = useState(0);
  const [reloadInvites, setReloadInvites] = useState(0);
  const members = useLoad(
    (signal) => fetchMembers(productionId, token, signal).then((answer) => answer.members),
    [productionId, token, reloadMembers],
    'The team list could not be loaded.',
  );
  const invites = useLoad(
    (signal) => fetchInvites(productionId, token, signal).then((answer) => answer.invites),
    [productionId, token, reloadInvites],
    'The open invites could not be loaded.',
    isOwner,
  );

  // People join with a link on their own devices: coming back to this page (tab or app switch) shows them.
  useEffect(() => {
    const refresh = () => {
      if (document.visibilityState !== 'visible') return;
      setReloadMembers((n) => n + 1);
      setReloadInvites((n) => n + 1);
    };
    document.addEventListener('visibilitychange', refresh);
    window.addEventListener('focus', refresh);
    return () => {
      document.removeEventListener('visibilitychange', refresh);
      window.removeEventListener('focus', refresh);
    };
  }, []);

  // Live, without a reload: someone who joins connects to the set channel at once, and a removed member's
  // devices are disconnected, so a change in who is connected is when the list may have changed.
  const here = new Set(roster.map((entry) => entry.memberId));
  const rosterKey = [...here].sort().join(',');
  const firstRoster = useRef(true);
  useEffect(() => {
    if (firstRoster.current) {
      firstRoster.current = false;
      return;
    }
    setReloadMembers((n) => n + 1);
    setReloadInvites((n) => n + 1);
  }, [rosterKey]);

  async function remove(member: Member) {
    const confirmed = await dialogs.confirm({
      title: `Remove ${member.name}?`,
      message: `${member.name} (${ROLE_LABELS[member.role]}) loses access to ${me.production.name} now: every device they use is signed out within a second. What they edited stays on the boards. To bring them back, send them a new invite.`,
      confirmLabel: `Remove ${member.name}`,
      danger: true,
    });
    if (!confirmed) return;
    setRemoveError(null);
    try {
      await removeMember(productionId, token, member.id);
    } catch (error) {
      setRemoveError(messageOf(error, `${member.name} could not be removed; try again.`));
      setReloadMembers((n) => n + 1);
      return;
    }
    setReloadMembers((n) => n + 1);
    // A personal invite is spent once used; a shared link they came through would let them straight back in.
    const link =
      invites.kind === 'ready'
        ? invites.value.find((i) => i.uses > 1 && i.usedBy.some((use) => use.memberId === member.id))
        : undefined;
    if (link) {
      const revoke = await dialogs.confirm({
        title: `Revoke the link ${member.name} joined with?`,
        message: `${member.name} joined with a shared ${ROLE_LABELS[link.role]} link that can still admit ${link.usesLeft} ${link.usesLeft === 1 ? 'person' : 'people'} until ${formatDate(link.expiresAt)}. Anyone who has it, ${member.name} included, can use it to join again. Revoke it now? Those who already joined with it stay.`,
        confirmLabel: 'Revoke the link',
        danger: true,
      });
      if (revoke) await revokeAndReload(link, setRemoveError);
    }
  }

  /** `report` shows a failure next to where the owner asked: the member list or the open invites. */
  async function revokeAndReload(invite: Invite, report: (message: string | null) => void) {
    report(null);
    try {
      await revokeInvite(productionId, token, invite.id);
    } catch (error) {
      report(messageOf(error, `The ${kindOf(invite)} could not be revoked; try again.`));
    }
    setReloadInvites((n) => n + 1);
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
                {here.has(m.id) && <span className="here-now">here now</span>}
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
      {isOwner && (
        <InvitePanel
          productionId={productionId}
          token={token}
          onCreated={() => setReloadInvites((n) => n + 1)}
        />
      )}
      {isOwner && (
        <OpenInvites
          invites={invites}
          error={revokeError}
          onRevoke={async (invite) => {
            const confirmed = await dialogs.confirm({
              title: `Revoke this ${ROLE_LABELS[invite.role]} ${kindOf(invite)}?`,
              message: `Nobody can join with it from now on${invite.usedBy.length > 0 ? '; those who already joined with it stay' : ''}. To let someone in later, make a new invite.`,
              confirmLabel: 'Revoke',
              danger: true,
            });
            if (confirmed) await revokeAndReload(invite, setRevokeError);
          }}
        />
      )}
      {isOwner && <PermissionEditor productionId={productionId} token={token} />}
      {isOwner && <ApproversEditor productionId={productionId} token={token} />}
      {dialogs.element}
    </main>
  );
}

/** A whole number in [min, max] typed in a field, or the sentence saying what is wrong with it. */
function wholeNumber(text: string, min: number, max: number, what: string): number | string {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    return `${what} must be a whole number from ${min} to ${max}.`;
  }
  return value;
}

function InvitePanel({
  productionId,
  token,
  onCreated,
}: {
  productionId: string;
  token: string;
  onCreated(): void;
}) {
  const ids = useId();
  const [role, setRole] = useState<Role>('crew');
  const [uses, setUses] = useState('1');
  const [days, setDays] = useState('7');
  const [problems, setProblems] = useState<{ uses?: string; days?: string }>({});
  const [invite, setInvite] = useState<CreateInviteResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [copyNote, setCopyNote] = useState<string | null>(null);
  const linkInput = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const usesValue = wholeNumber(uses, 1, INVITE_LIMITS.maxUses, 'People it admits');
    const daysValue = wholeNumber(days, 1, INVITE_LIMITS.maxDays, 'Days until it expires');
    const found = {
      ...(typeof usesValue === 'string' ? { uses: usesValue } : {}),
      ...(typeof daysValue === 'string' ? { days: daysValue } : {}),
    };
    setProblems(found);
    if (typeof usesValue === 'string' || typeof daysValue === 'string') return;
    setBusy(true);
    setError(null);
    setCopyNote(null);
    try {
      setInvite(await createInvite(productionId, token, { role, uses: usesValue, expiresInDays: daysValue }));
      onCreated();
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
      setCopyNote(
        invite && invite.uses > 1
          ? `Link copied. Up to ${invite.uses} people can join with it; send it only to them.`
          : 'Link copied. Send it to the one person it is for: it works once.',
      );
    } catch {
      linkInput.current?.focus();
      linkInput.current?.select();
      setCopyNote('The link is selected: copy it with Ctrl+C, or long-press it and choose Copy.');
    }
  }

  return (
    <section className="panel" aria-labelledby="team-invite">
      <h2 id="team-invite">Invite</h2>
      <p className="muted">
        An invite makes the person who opens it a member with its role. It admits one person unless you allow
        more; a shared link for several people lets in anyone it is passed on to.
      </p>
      <form className="invite-form" onSubmit={(e) => void submit(e)} noValidate>
        <label className="field">
          <span>Role</span>
          <select className="cell" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>People it admits</span>
          <input
            className="cell"
            type="number"
            inputMode="numeric"
            min={1}
            max={INVITE_LIMITS.maxUses}
            value={uses}
            aria-invalid={problems.uses !== undefined}
            aria-describedby={problems.uses ? `${ids}-uses` : undefined}
            onChange={(e) => {
              setUses(e.target.value);
              setProblems(({ uses: _gone, ...rest }) => rest);
            }}
          />
          {problems.uses && (
            <span id={`${ids}-uses`} className="form-error" role="alert">
              {problems.uses}
            </span>
          )}
        </label>
        <label className="field">
          <span>Days until it expires</span>
          <input
            className="cell"
            type="number"
            inputMode="numeric"
            min={1}
            max={INVITE_LIMITS.maxDays}
            value={days}
            aria-invalid={problems.days !== undefined}
            aria-describedby={problems.days ? `${ids}-days` : undefined}
            onChange={(e) => {
              setDays(e.target.value);
              setProblems(({ days: _gone, ...rest }) => rest);
            }}
          />
          {problems.days && (
            <span id={`${ids}-days`} className="form-error" role="alert">
              {problems.days}
            </span>
          )}
        </label>
        <button type="submit" className="btn primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create invite'}
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {invite && (
        <div className="invite-link" data-testid="invite-link">
          <label htmlFor="invite-url">
            {invite.uses > 1
              ? `Shared link for up to ${invite.uses} people as ${ROLE_LABELS[invite.role]}`
              : `Personal invite link for one ${ROLE_LABELS[invite.role]}`}
            , until {formatDate(invite.expiresAt)}
          </label>
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
          <p className="muted">The link is shown only now; the server keeps no copy of it.</p>
          {copyNote && <p role="status">{copyNote}</p>}
        </div>
      )}
    </section>
  );
}

function OpenInvites({
  invites,
  error,
  onRevoke,
}: {
  invites: Load<Invite[]>;
  error: string | null;
  onRevoke(invite: Invite): Promise<void>;
}) {
  return (
    <section className="panel" aria-labelledby="team-open-invites">
      <h2 id="team-open-invites">Open invites</h2>
      {invites.kind === 'loading' && <p className="muted">Loading the open invites…</p>}
      {invites.kind === 'failed' && (
        <p className="form-error" role="alert">
          {invites.message}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {invites.kind === 'ready' && invites.value.length === 0 && (
        <p className="muted">No invite can admit anyone right now.</p>
      )}
      {invites.kind === 'ready' && invites.value.length > 0 && (
        <ul className="invite-list">
          {invites.value.map((invite) => (
            <li key={invite.id} data-testid="invite">
              <div className="invite-summary">
                <strong>
                  {ROLE_LABELS[invite.role]} · {kindOf(invite)}
                </strong>
                <span>{usesText(invite)}</span>
                <span className="muted">Expires {formatDate(invite.expiresAt)}</span>
                {invite.usedBy.length > 0 && (
                  <span>
                    Used by{' '}
                    {invite.usedBy.map((use, i) => (
                      <span key={use.memberId}>
                        {i > 0 && ', '}
                        {use.name}
                        {use.removed ? ' (removed)' : ''}{' '}
                        <span className="muted">({formatMoment(use.usedAt)})</span>
                      </span>
                    ))}
                  </span>
                )}
              </div>
              <button type="button" className="btn" onClick={() => void onRevoke(invite)}>
                Revoke
                <span className="visually-hidden">
                  {' '}
                  the {ROLE_LABELS[invite.role]} {kindOf(invite)} expiring {formatDate(invite.expiresAt)}
                </span>
              </button>
            </li>
          ))}
        </ul>
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
