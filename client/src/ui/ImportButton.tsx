/**
 * "Import CSV" for a board with an import route: picks a file, sends it, and says the outcome next to the
 * button in words (how many rows were added and updated, or the server's reason naming row and column). The
 * imported rows reach this tablet like any other edit, through the board's sync.
 */
import { useRef, useState } from 'react';
import { uploadImport } from '../api/downloads';

export function ImportButton(props: {
  path: string;
  token: string;
  description: string;
  /** After a successful import (a list that is not a synced board reloads itself). */
  onImported?: () => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  async function send(file: File | undefined) {
    if (!file) return;
    setBusy(true);
    setOutcome(null);
    try {
      const { added, updated } = await uploadImport(props.path, props.token, file);
      setOutcome({ ok: true, text: `Imported ${file.name}: ${added} added, ${updated} updated.` });
      props.onImported?.();
    } catch (e) {
      setOutcome({ ok: false, text: `Import refused, nothing changed: ${(e as Error).message}` });
    } finally {
      setBusy(false);
      // The same file can be chosen again after a fix.
      if (input.current) input.current.value = '';
    }
  }

  return (
    <>
      <button
        type="button"
        className="btn"
        title={props.description}
        aria-busy={busy}
        disabled={busy}
        onClick={() => input.current?.click()}
      >
        {busy ? 'Importing…' : 'Import CSV'}
      </button>
      <input
        ref={input}
        type="file"
        accept=".csv,text/csv"
        hidden
        aria-label="CSV file to import"
        onChange={(e) => void send(e.target.files?.[0])}
      />
      {outcome && (
        <span className={outcome.ok ? 'form-note' : 'form-error'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.text}
        </span>
      )}
    </>
  );
}
