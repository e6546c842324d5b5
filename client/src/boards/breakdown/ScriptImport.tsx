/**
 * "Import script": pick a Final Draft or Fountain file, see on this device what it would add, change and
 * omit (the same shared parser and diff the server runs), then apply it through the server, which writes
 * the breakdown and the schedule's boneyard for every tablet at once.
 */
import { useId, useState } from 'react';
import type * as Y from 'yjs';
import { formatEighths } from '../../../../shared/calc/eighths';
import { readBreakdown } from '../../../../shared/model/breakdown';
import { diffScript, type ScriptDiff } from '../../../../shared/model/script-import';
import { MAX_SCRIPT_BYTES, parseScript, scriptFormatOf, type ScriptFormat } from '../../../../shared/script';
import { importScript } from '../../api/endpoints';
import { Dialog } from '../../ui/Dialog';

interface Picked {
  name: string;
  text: string;
  format: ScriptFormat;
  diff: ScriptDiff;
}

export function ScriptImportButton(props: { doc: Y.Doc; productionId: string; token: string }) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="btn"
        onClick={() => {
          setDone(null);
          setOpen(true);
        }}
      >
        Import script
      </button>
      {done && (
        <span className="muted" role="status">
          {done}
        </span>
      )}
      {open && (
        <ScriptImportDialog
          {...props}
          onClose={(summary) => {
            setOpen(false);
            if (summary) setDone(summary);
          }}
        />
      )}
    </>
  );
}

function ScriptImportDialog(props: {
  doc: Y.Doc;
  productionId: string;
  token: string;
  onClose(summary?: string): void;
}) {
  const inputId = useId();
  const errorId = useId();
  const [picked, setPicked] = useState<Picked | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function pick(file: File | undefined) {
    setPicked(null);
    setError(null);
    if (!file) return;
    if (file.size > MAX_SCRIPT_BYTES) {
      setError(
        `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; the largest script accepted is 5 MB.`,
      );
      return;
    }
    try {
      const text = await file.text();
      const format = scriptFormatOf(file.name, text);
      const parsed = parseScript(text, format);
      const diff = diffScript(readBreakdown(props.doc), parsed.scenes, undefined, parsed.warnings);
      setPicked({ name: file.name, text, format, diff });
    } catch (e) {
      setError(`${file.name} cannot be imported: ${(e as Error).message}`);
    }
  }

  async function apply() {
    if (!picked) return;
    setBusy(true);
    try {
      const diff = await importScript(props.productionId, props.token, picked.text, picked.format);
      props.onClose(`Imported ${picked.name}: ${summary(diff)}.`);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const nothing =
    picked && !picked.diff.added.length && !picked.diff.changed.length && !picked.diff.omitted.length;
  return (
    <Dialog
      title="Import script"
      onCancel={() => props.onClose()}
      actions={
        <>
          <button type="button" className="btn" onClick={() => props.onClose()}>
            Cancel
          </button>
          <button
            type="button"
            className="btn primary"
            disabled={!picked || busy || !!nothing}
            onClick={apply}
          >
            {busy ? 'Applying…' : 'Apply'}
          </button>
        </>
      }
    >
      <label className="field" htmlFor={inputId}>
        <span>Script file (Final Draft .fdx or Fountain)</span>
        <input
          id={inputId}
          type="file"
          className="file-input"
          accept=".fdx,.fountain,.spmd,.txt,application/xml,text/plain"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => void pick(event.target.files?.[0])}
        />
      </label>
      {error && (
        <p className="form-error" role="alert" id={errorId}>
          {error}
        </p>
      )}
      {picked && <Preview diff={picked.diff} />}
    </Dialog>
  );
}

function summary(diff: ScriptDiff): string {
  return [
    `${diff.added.length} added`,
    `${diff.changed.length} changed`,
    `${diff.omitted.length} omitted`,
    `${diff.unchanged} unchanged`,
  ].join(', ');
}

function Preview({ diff }: { diff: ScriptDiff }) {
  return (
    <section className="script-preview" aria-label="Changes">
      <p>
        <strong>{summary(diff)}</strong>
      </p>
      {diff.added.length > 0 && (
        <>
          <h3>Added</h3>
          <ul>
            {diff.added.map((a) => (
              <li key={a.scene}>
                {a.omitted
                  ? `${a.scene} OMITTED`
                  : `${a.scene} ${a.intExt}. ${a.set} - ${a.time} · ${formatEighths(a.eighths)} pp${a.cast.length ? ` · ${a.cast.join(', ')}` : ''}`}
              </li>
            ))}
          </ul>
        </>
      )}
      {diff.changed.length > 0 && (
        <>
          <h3>Changed</h3>
          <ul>
            {diff.changed.map((c) => (
              <li key={c.scene}>
                {c.scene}:{' '}
                {c.fields
                  .map((f) => `${f.field} ${show(f.field, f.from)} → ${show(f.field, f.to)}`)
                  .join('; ')}
              </li>
            ))}
          </ul>
        </>
      )}
      {diff.omitted.length > 0 && (
        <>
          <h3>Omitted</h3>
          <ul>
            {diff.omitted.map((o) => (
              <li key={o.scene}>
                {o.scene} {o.set} ({o.reason})
              </li>
            ))}
          </ul>
        </>
      )}
      {diff.warnings.length > 0 && (
        <>
          <h3>Check</h3>
          <ul>
            {diff.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function show(field: string, value: unknown): string {
  if (field === 'eighths' && typeof value === 'number') return formatEighths(value);
  if (Array.isArray(value)) return value.join(', ') || '—';
  if (value === '') return '—';
  return String(value);
}
