/**
 * The "Versions" panel of every board: save the board as a named version, list the versions, compare any
 * two (or one with the board as it is now) as sentences, restore one after confirming, approve one. The
 * server keeps the versions; a restore arrives on this tablet like any other edit.
 */
import * as Y from 'yjs';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { BOARD_LABELS, type Board } from '../../../shared/boards';
import { describeChange, type Change } from '../../../shared/versions/index';
import { MAX_VERSION_NAME, type VersionInfo } from '../../../shared/versions/api';
import { ApiFailure } from '../api/http';
import {
  approveVersion,
  compareVersions,
  fetchVersions,
  restoreVersion,
  saveVersion,
  VERSIONS_CHANGED,
} from '../api/versions';
import { Dialog } from '../ui/Dialog';

interface Props {
  productionId: string;
  board: Board;
  token: string;
  canWrite: boolean;
  canApprove: boolean;
  /** Money in sentences is shown in the production's currency. */
  currency: string;
  /** This device's copy of the board: a restore changes only what differs from the board as seen here. */
  doc?: Y.Doc | undefined;
}

const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const message = (error: unknown) =>
  error instanceof ApiFailure ? error.message : 'Something went wrong; try again.';

export function VersionsButton(props: Props) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn" onClick={() => setOpen(true)}>
        Versions
      </button>
      {open && <VersionsPanel {...props} onClose={() => setOpen(false)} />}
    </>
  );
}

function VersionsPanel({
  productionId,
  board,
  token,
  canWrite,
  canApprove,
  currency,
  doc,
  onClose,
}: Props & { onClose(): void }) {
  // The board as this person saw it when they asked to restore (API.md V4: edits that had not reached
  // this device then are left alone).
  const seenRef = useRef<Uint8Array | undefined>(undefined);
  const ids = useId();
  const [versions, setVersions] = useState<VersionInfo[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [note, setNote] = useState('');
  const [nameProblem, setNameProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('current');
  const [changes, setChanges] = useState<Change[] | null>(null);
  const [compareError, setCompareError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<VersionInfo | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const list = (await fetchVersions(productionId, board, token)).versions;
      setVersions(list);
      setLoadError(null);
      window.dispatchEvent(new CustomEvent(VERSIONS_CHANGED, { detail: { board } }));
      setFrom((current) => (current && list.some((v) => v.id === current) ? current : (list[0]?.id ?? '')));
    } catch (error) {
      setLoadError(message(error));
    }
  }, [productionId, board, token]);

  useEffect(() => {
    void load();
  }, [load]);

  async function save() {
    const trimmed = name.trim();
    if (trimmed === '') return setNameProblem('Give the version a name, such as “Schedule v3”.');
    if (trimmed.length > MAX_VERSION_NAME)
      return setNameProblem(`Keep the name under ${MAX_VERSION_NAME} characters.`);
    setSaving(true);
    try {
      const { version } = await saveVersion(productionId, board, token, {
        name: trimmed,
        note: note.trim() || null,
      });
      setName('');
      setNote('');
      setStatus(`Saved “${version.name}”.`);
      await load();
    } catch (error) {
      // The server's refusal is shown at the name, and what was typed stays.
      setNameProblem(`Not saved: ${message(error)}`);
    } finally {
      setSaving(false);
    }
  }

  async function compare() {
    if (!from) return;
    setCompareError(null);
    setChanges(null);
    try {
      setChanges((await compareVersions(productionId, board, token, from, to)).changes);
    } catch (error) {
      setCompareError(message(error));
    }
  }

  async function restore(version: VersionInfo) {
    setBusy(true);
    try {
      const result = await restoreVersion(productionId, board, token, version.id, seenRef.current);
      setStatus(
        result.changes.length === 0
          ? `The board already matched “${version.name}”; nothing changed.`
          : `Restored “${version.name}”: ${result.changes.length} change${result.changes.length === 1 ? '' : 's'} sent to everyone.`,
      );
      setConfirming(null);
    } catch (error) {
      setStatus(`Not restored: ${message(error)}`);
    } finally {
      setBusy(false);
    }
  }

  async function approve(version: VersionInfo) {
    setBusy(true);
    try {
      await approveVersion(productionId, board, token, version.id);
      setStatus(`Approved “${version.name}”.`);
      await load();
    } catch (error) {
      setStatus(`Not approved: ${message(error)}`);
    } finally {
      setBusy(false);
    }
  }

  const label = (id: string) =>
    id === 'current' ? 'The board now' : (versions?.find((v) => v.id === id)?.name ?? 'a version');

  return (
    <Dialog
      title={`Versions of the ${BOARD_LABELS[board].toLowerCase()}`}
      onCancel={onClose}
      actions={
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
      }
    >
      {status && (
        <p className="banner info" role="status">
          {status}
        </p>
      )}
      {confirming && (
        <div className="banner warn versions-confirm" role="alertdialog" aria-labelledby={`${ids}-confirm`}>
          <p id={`${ids}-confirm`}>
            Restore “{confirming.name}”? The board becomes what it held on {when(confirming.createdAt)}, on
            every device at once. Nothing is lost: save a version first if you may want today’s board back.
          </p>
          <div className="versions-row">
            <button
              type="button"
              className="btn danger"
              disabled={busy}
              onClick={() => void restore(confirming)}
            >
              Restore “{confirming.name}”
            </button>
            <button type="button" className="btn" onClick={() => setConfirming(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {canWrite && (
        <form
          className="versions-save"
          aria-label="Save a version"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <label className="field">
            <span>Version name</span>
            <input
              className="cell"
              value={name}
              maxLength={MAX_VERSION_NAME + 20}
              aria-invalid={nameProblem !== null}
              aria-describedby={nameProblem ? `${ids}-name` : undefined}
              onChange={(e) => {
                setName(e.target.value);
                setNameProblem(null);
              }}
            />
            {nameProblem && (
              <span id={`${ids}-name`} className="form-error" role="alert">
                {nameProblem}
              </span>
            )}
          </label>
          <label className="field">
            <span>Note (optional)</span>
            <textarea className="cell" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <button type="submit" className="btn primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save version'}
          </button>
        </form>
      )}
      {loadError && (
        <p className="banner error" role="alert">
          {loadError}
        </p>
      )}
      {versions && versions.length === 0 && <p className="muted">No versions of this board yet.</p>}
      {versions && versions.length > 0 && (
        <>
          <ul className="versions-list" aria-label="Saved versions">
            {versions.map((version) => (
              <li key={version.id} className="versions-item">
                <div>
                  <strong>{version.name}</strong>
                  {version.approved && (
                    <span className="versions-approved">Approved by {version.approved.by.name}</span>
                  )}
                  <div className="muted">
                    {version.createdBy.name}, {when(version.createdAt)}
                  </div>
                  {version.note && <div>{version.note}</div>}
                </div>
                <div className="versions-row">
                  {canWrite && (
                    <button
                      type="button"
                      className="btn"
                      aria-label={`Restore ${version.name}`}
                      onClick={() => {
                        seenRef.current = doc ? Y.encodeStateVector(doc) : undefined;
                        setConfirming(version);
                      }}
                    >
                      Restore
                    </button>
                  )}
                  {canApprove && !version.approved && (
                    <button
                      type="button"
                      className="btn"
                      aria-label={`Approve ${version.name}`}
                      disabled={busy}
                      onClick={() => void approve(version)}
                    >
                      Approve
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
          <section className="versions-compare" aria-labelledby={`${ids}-compare`}>
            <h3 id={`${ids}-compare`}>Compare</h3>
            <label className="field">
              <span>Compare from</span>
              <select className="cell" value={from} onChange={(e) => setFrom(e.target.value)}>
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>Compare with</span>
              <select className="cell" value={to} onChange={(e) => setTo(e.target.value)}>
                <option value="current">The board now</option>
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="btn" onClick={() => void compare()}>
              Show changes
            </button>
            {compareError && (
              <p className="form-error" role="alert">
                {compareError}
              </p>
            )}
            {changes && (
              <div>
                <p>
                  From “{label(from)}” to “{label(to)}”:{' '}
                  {changes.length === 0
                    ? 'no changes.'
                    : `${changes.length} change${changes.length === 1 ? '' : 's'}.`}
                </p>
                <ul aria-label="Changes" className="versions-changes">
                  {changes.map((change) => (
                    <li
                      key={`${change.kind}-${change.entity}-${change.id}-${change.fields?.[0]?.field ?? ''}`}
                    >
                      {describeChange(change, currency)}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </section>
        </>
      )}
    </Dialog>
  );
}
