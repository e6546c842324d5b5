/**
 * A link that downloads one board export through `downloadExport` (the Authorization header, never a token in
 * the URL): busy while it fetches, and a refusal or a lost connection is said next to it rather than as a
 * broken download. It stays a link, to the export's plain path, because that is what it is.
 */
import { useState, type MouseEvent } from 'react';
import { downloadExport } from '../api/downloads';

export function ExportButton(props: { path: string; token: string; label: string; description: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function download(event: MouseEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await downloadExport(props.path, props.token);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <a
        className="btn"
        href={props.path}
        download
        onClick={(event) => void download(event)}
        aria-busy={busy}
        title={props.description}
      >
        {busy ? `${props.label}…` : props.label}
      </a>
      {error && (
        <span className="form-error" role="alert">
          {props.label} download failed: {error}
        </span>
      )}
    </>
  );
}
