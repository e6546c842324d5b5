/**
 * The owner's choice of who approves versions of each board (API A19): a production whose line producer signs
 * off the schedule, or whose director approves the shot list alone, says so here. A board left on "Default"
 * follows domain.md: the producer for the cost report, the board's writers elsewhere.
 */
import { useEffect, useState } from 'react';
import {
  BOARDS,
  BOARD_LABELS,
  ROLES,
  ROLE_LABELS,
  type Approvers,
  type Board,
  type Role,
} from '../../../shared/boards';
import type { ApproversResponse } from '../../../shared/api-types';
import { fetchApprovers, saveApprovers } from '../api/endpoints';
import { ApiFailure } from '../api/http';

const failureText = (error: unknown, fallback: string) =>
  error instanceof ApiFailure ? error.message : fallback;

const names = (roles: readonly Role[]) =>
  roles.length ? roles.map((r) => ROLE_LABELS[r]).join(', ') : 'nobody';

export function ApproversEditor({ productionId, token }: { productionId: string; token: string }) {
  const [saved, setSaved] = useState<ApproversResponse | null>(null);
  const [draft, setDraft] = useState<Approvers>({});
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetchApprovers(productionId, token, controller.signal).then(
      (answer) => {
        setSaved(answer);
        setDraft(answer.chosen);
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setLoadError(failureText(error, 'Who approves could not be loaded.'));
      },
    );
    return () => controller.abort();
  }, [productionId, token]);

  function toggle(board: Board, role: Role, on: boolean) {
    setOutcome(null);
    setDraft((current) => {
      const roles = current[board] ?? saved?.approvers[board] ?? [];
      const next = on ? [...roles, role] : roles.filter((r) => r !== role);
      return { ...current, [board]: ROLES.filter((r) => next.includes(r)) };
    });
  }

  function backToDefault(board: Board) {
    setOutcome(null);
    setDraft((current) => {
      const next = { ...current };
      delete next[board];
      return next;
    });
  }

  async function save() {
    setBusy(true);
    setOutcome(null);
    try {
      // Every board is sent: a board back on its default goes as null, so the server forgets the old choice.
      const body = Object.fromEntries(BOARDS.map((b) => [b, draft[b] ?? null])) as Approvers;
      const answer = await saveApprovers(productionId, token, body);
      setSaved(answer);
      setDraft(answer.chosen);
      setOutcome({
        ok: true,
        text: 'Saved. The Approve button follows on each device when it next opens a board.',
      });
    } catch (error) {
      setOutcome({ ok: false, text: failureText(error, 'Who approves was not saved; try again.') });
    }
    setBusy(false);
  }

  const dirty = saved !== null && JSON.stringify(saved.chosen) !== JSON.stringify(draft);
  return (
    <section className="panel" aria-labelledby="team-approvers">
      <h2 id="team-approvers">Who approves versions</h2>
      {loadError && (
        <p className="form-error" role="alert">
          {loadError}
        </p>
      )}
      {saved && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          {BOARDS.map((board) => {
            const chosen = draft[board];
            const roles = chosen ?? saved.approvers[board];
            return (
              <fieldset key={board} className="approvers-board" data-board={board}>
                <legend>
                  {BOARD_LABELS[board]}:{' '}
                  <span className="muted">
                    {chosen ? `chosen (${names(roles)})` : `default (${names(roles)})`}
                  </span>
                </legend>
                <div className="approvers-roles">
                  {ROLES.map((role) => (
                    <label key={role} className="check-field">
                      <input
                        type="checkbox"
                        checked={roles.includes(role)}
                        onChange={(e) => toggle(board, role, e.target.checked)}
                      />
                      {ROLE_LABELS[role]}
                    </label>
                  ))}
                  {chosen && (
                    <button type="button" className="btn" onClick={() => backToDefault(board)}>
                      Use the default
                    </button>
                  )}
                </div>
              </fieldset>
            );
          })}
          <div className="matrix-actions">
            <button type="submit" className="btn primary" disabled={busy || !dirty}>
              {busy ? 'Saving…' : 'Save approvers'}
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
