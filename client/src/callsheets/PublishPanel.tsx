/**
 * The AD's publishing panel for one day's call sheet: Publish (with a note), then every recipient with their
 * status as it changes (the set channel's `callsheet:status`, no reload), who must confirm again after a
 * revision and why, e-mail delivery, and per person: copy their link, show it as a QR code, or issue a new one.
 * A link is shown only when the server handed it out in this session (it keeps hashes only); otherwise
 * "New link" issues one, and the old one stops working.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  CallSheetRevisionsResponse,
  CallSheetStatusEvent,
  RecipientInfo,
} from '../../../shared/callsheet-api';
import { revisionSwatch } from '../../../shared/revision-colours';
import { listRevisions, publishCallSheet, reissueLink } from '../api/callsheets';
import type { CallSheetListener } from '../sync/set-channel';

type Revision = CallSheetRevisionsResponse['revisions'][number];

export interface PublishPanelProps {
  productionId: string;
  token: string;
  /** The shooting day's number. */
  day: number;
  subscribe?: ((listener: CallSheetListener) => () => void) | undefined;
}

const STATUS_LABEL: Record<RecipientInfo['status'], string> = {
  sent: 'Not confirmed',
  opened: 'Opened, not confirmed',
  confirmed: 'Confirmed',
  superseded: 'Superseded',
};

const time = (iso: string | null) =>
  iso === null ? '' : new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

function QrCode({ url, name }: { url: string; name: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // The QR encoder is fetched only when an AD asks for a code.
    void import('qrcode').then((qr) =>
      qr.toDataURL(url, { margin: 1, width: 220 }).then((data) => live && setSrc(data)),
    );
    return () => {
      live = false;
    };
  }, [url]);
  return src ? (
    <img className="recipient-qr" src={src} alt={`QR code of ${name}'s call sheet link`} />
  ) : (
    <p className="loading">Drawing the QR code…</p>
  );
}

function Recipient(props: { r: RecipientInfo; url: string | undefined; onReissue: () => Promise<void> }) {
  const { r, url } = props;
  const [qr, setQr] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <li className="recipient" data-person={r.personId}>
      <div className="recipient-head">
        <strong>{r.name}</strong>
        <span className={`recipient-status ${r.status}`} data-testid="recipient-status">
          {STATUS_LABEL[r.status]}
          {r.status === 'confirmed' && r.confirmedAt && ` ${time(r.confirmedAt)}`}
        </span>
      </div>
      {r.ownChanges.length > 0 && r.status !== 'confirmed' && (
        <p className="muted">Must confirm again: {r.ownChanges.join(' ')}</p>
      )}
      {r.delivery && (
        <p className={r.delivery.status === 'failed' ? 'form-error' : 'muted'}>
          {r.delivery.status === 'delivered'
            ? 'E-mail delivered'
            : `E-mail failed: ${r.delivery.reason ?? 'no reason given'}`}
        </p>
      )}
      {url && (
        <p className="recipient-link">
          <a href={url}>{url}</a>
        </p>
      )}
      <div className="recipient-actions">
        {url && (
          <button
            type="button"
            className="btn small"
            aria-label={`Copy ${r.name}'s link`}
            onClick={() =>
              void navigator.clipboard.writeText(url).then(
                () => setNote('Link copied.'),
                () => setNote('This browser would not copy; select the link above instead.'),
              )
            }
          >
            Copy link
          </button>
        )}
        {url && (
          <button
            type="button"
            className="btn small"
            aria-pressed={qr}
            aria-label={`QR code for ${r.name}`}
            onClick={() => setQr(!qr)}
          >
            QR code
          </button>
        )}
        <button
          type="button"
          className="btn small"
          disabled={busy}
          aria-label={`New link for ${r.name}`}
          onClick={() => {
            setBusy(true);
            props
              .onReissue()
              .then(
                () => setNote(`New link issued; ${r.name}'s old link no longer works.`),
                (e: unknown) => setNote(`No new link: ${e instanceof Error ? e.message : String(e)}`),
              )
              .finally(() => setBusy(false));
          }}
        >
          New link
        </button>
      </div>
      {note && (
        <p className="muted" role="status">
          {note}
        </p>
      )}
      {qr && url && <QrCode url={url} name={r.name} />}
    </li>
  );
}

export function PublishPanel({ productionId, token, day, subscribe }: PublishPanelProps) {
  const [revisions, setRevisions] = useState<Revision[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [publishing, setPublishing] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  // Links the server handed out in this session, by person (it keeps only their hashes).
  const [urls, setUrls] = useState<Map<string, string>>(new Map());
  const latestRef = useRef<number | null>(null);

  const load = useCallback(async () => {
    try {
      const answer = await listRevisions(token, productionId, day);
      setRevisions(answer.revisions);
      latestRef.current = answer.revisions[0]?.n ?? null;
      setError(null);
    } catch (e) {
      setError(`The published revisions could not be read: ${e instanceof Error ? e.message : String(e)}`);
    }
  }, [token, productionId, day]);

  useEffect(() => {
    setRevisions(null);
    setUrls(new Map());
    void load();
  }, [load]);

  useEffect(() => {
    if (!subscribe) return;
    return subscribe((event: CallSheetStatusEvent | 'reconnected') => {
      if (event === 'reconnected') return void load();
      if (event.day !== day) return;
      if (latestRef.current === null || event.revision > latestRef.current) return void load();
      setRevisions(
        (list) =>
          list?.map((rev) =>
            rev.n !== event.revision
              ? rev
              : {
                  ...rev,
                  recipients: rev.recipients.map((r) =>
                    r.personId !== event.personId
                      ? r
                      : {
                          ...r,
                          status: event.status,
                          ...(event.status === 'opened' ? { openedAt: event.at } : {}),
                          ...(event.status === 'confirmed' ? { confirmedAt: event.at } : {}),
                        },
                  ),
                },
          ) ?? null,
      );
    });
  }, [subscribe, day, load]);

  async function onPublish() {
    setPublishing(true);
    setResult(null);
    try {
      const answer = await publishCallSheet(token, productionId, day, note);
      setUrls((old) => {
        const next = new Map(old);
        for (const r of answer.recipients) if (r.url) next.set(r.personId, r.url);
        return next;
      });
      setResult(
        `Published revision ${answer.revision.n} (${answer.revision.colour}) to ${answer.recipients.length} people.`,
      );
      setNote('');
      await load();
    } catch (e) {
      setResult(`Not published: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setPublishing(false);
    }
  }

  const latest = revisions?.[0] ?? null;
  const waiting = latest?.recipients.filter((r) => r.status !== 'confirmed').length ?? 0;

  return (
    <section className="panel publish-panel" aria-label="Publish and confirmations">
      <h2>Publish day {day}</h2>
      <div className="publish-form">
        <label className="field">
          <span>Note for this revision (optional)</span>
          <textarea value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
        </label>
        <button type="button" className="btn primary" disabled={publishing} onClick={() => void onPublish()}>
          {publishing ? 'Publishing…' : latest ? 'Publish a revision' : 'Publish'}
        </button>
        {result && (
          <p className={result.startsWith('Not') ? 'form-error' : 'form-ok'} role="status">
            {result}
          </p>
        )}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {revisions === null && !error && <p className="loading">Reading the published revisions…</p>}
      {revisions?.length === 0 && <p className="muted">Day {day} has not been published yet.</p>}
      {latest && (
        <>
          <p>
            <span
              className="swatch"
              style={{ background: revisionSwatch(latest.colour) }}
              aria-hidden="true"
            />{' '}
            Revision {latest.n} · {latest.colour.toUpperCase()}, published {time(latest.publishedAt)} by{' '}
            {latest.by.name}. <strong data-testid="waiting">{waiting}</strong> not confirmed yet.
          </p>
          <ul className="recipient-list" aria-label="Recipients">
            {latest.recipients.map((r) => (
              <Recipient
                key={r.personId}
                r={r}
                url={urls.get(r.personId)}
                onReissue={async () => {
                  const answer = await reissueLink(token, productionId, day, r.personId);
                  setUrls((old) => new Map(old).set(r.personId, answer.url));
                }}
              />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
