/**
 * The personal call sheet page (`/c/<code>`), opened from a link on a phone, with no account: the person's
 * own call on top, their scenes marked, key contacts' phones, the PDF and "Confirm". A light chunk of its
 * own (no board code, no sync, no socket). Once opened it works offline: the service worker keeps the
 * page and this sheet's last JSON, and the page keeps a copy too, in case the worker was not yet in charge.
 */
import { useCallback, useEffect, useState } from 'react';
import type { PersonalScene, PersonalSheet } from '../../../shared/callsheet-api';
import { revisionSwatch } from '../../../shared/revision-colours';
import { confirmPersonalSheet, fetchPersonalSheet, personalSheetPath } from '../api/callsheets';
import { ApiFailure } from '../api/http';
import { keepForOffline } from '../app/service-worker';
import { MessageScreen } from '../ui/Screen';

type Load =
  | { kind: 'loading' }
  | { kind: 'ready'; sheet: PersonalSheet; offline: boolean }
  | { kind: 'failed'; title: string; message: string };

type Confirm =
  { kind: 'idle' } | { kind: 'sending' } | { kind: 'done'; text: string } | { kind: 'error'; text: string };

const storageKey = (code: string) => `setboard:callsheet:${code}`;

function storedCopy(code: string): PersonalSheet | null {
  try {
    const raw = localStorage.getItem(storageKey(code));
    return raw ? (JSON.parse(raw) as PersonalSheet) : null;
  } catch {
    return null;
  }
}

/** `2026-12-07` → `Monday 7 December 2026`, read as a calendar date (no time zone can shift it). */
function longDate(iso: string): string {
  const date = new Date(`${iso}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

const or = (value: string | null, missing = '—') => value ?? missing;

function SceneList({ scenes, label }: { scenes: PersonalScene[]; label: string }) {
  if (scenes.length === 0) return <p className="muted">No scenes.</p>;
  return (
    <ol className="personal-scenes" aria-label={label}>
      {scenes.map((s, i) => (
        <li key={`${s.number}-${i}`} className={s.yours ? 'yours' : undefined}>
          {s.companyMoveBefore && <p className="personal-move">Company move</p>}
          <p className="personal-scene-head">
            <strong>Scene {or(s.number, '?')}</strong> {or(s.intExt, '')} {or(s.set, '')}
            {s.yours && <span className="personal-you"> · you</span>}
          </p>
          <p className="muted">
            {or(s.time, '')} · {s.pages} pg
            {s.castBillings.length > 0 && ` · cast ${s.castBillings.join(', ')}`}
            {s.location && ` · ${s.location}`}
          </p>
        </li>
      ))}
    </ol>
  );
}

export default function PersonalLinkPage({ code }: { code: string }) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [confirm, setConfirm] = useState<Confirm>({ kind: 'idle' });

  const refresh = useCallback(async () => {
    try {
      const { sheet, offlineCopy } = await fetchPersonalSheet(code);
      try {
        if (!offlineCopy) localStorage.setItem(storageKey(code), JSON.stringify(sheet));
      } catch {
        // A full or disabled storage only loses the second offline copy; the worker keeps the first.
      }
      setLoad({ kind: 'ready', sheet, offline: offlineCopy || !navigator.onLine });
      if (!offlineCopy) keepForOffline([personalSheetPath(code)]);
    } catch (error) {
      const copy = storedCopy(code);
      if (error instanceof ApiFailure && error.kind === 'unreachable' && copy) {
        setLoad({ kind: 'ready', sheet: copy, offline: true });
      } else if (error instanceof ApiFailure && error.kind === 'not-found') {
        localStorage.removeItem(storageKey(code));
        setLoad({ kind: 'failed', title: 'No call sheet at this link', message: error.message });
      } else {
        setLoad({
          kind: 'failed',
          title: 'The call sheet cannot be shown',
          message: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }, [code]);

  useEffect(() => {
    document.title = 'Call sheet';
    void refresh();
    const back = () => void refresh();
    window.addEventListener('online', back);
    return () => window.removeEventListener('online', back);
  }, [refresh]);

  if (load.kind === 'loading') return <MessageScreen title="Opening your call sheet…" />;
  if (load.kind === 'failed') {
    return (
      <MessageScreen title={load.title}>
        <p>{load.message}</p>
      </MessageScreen>
    );
  }

  const { sheet, offline } = load;
  const { you, day, revision } = sheet;
  const confirmed = you.status === 'confirmed' || confirm.kind === 'done';

  async function onConfirm() {
    setConfirm({ kind: 'sending' });
    try {
      const answer = await confirmPersonalSheet(code);
      setConfirm({
        kind: 'done',
        text: `Confirmed: revision ${answer.revision.n} (${answer.revision.colour}). The production office sees it now.`,
      });
      void refresh();
    } catch (error) {
      setConfirm({
        kind: 'error',
        text:
          error instanceof ApiFailure && error.kind === 'unreachable'
            ? 'Not confirmed: this phone is offline. Try again when it has a connection.'
            : `Not confirmed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }

  return (
    <main className="personal">
      {offline && (
        <p className="banner notice" role="status">
          Offline: this is the copy this phone kept. Confirm once you are back online.
        </p>
      )}
      <header className="personal-header">
        <p className="muted">{sheet.production.name}</p>
        <h1>
          Call sheet · Day {day.number} of {day.of}
        </h1>
        <p>{longDate(day.date)}</p>
        <p className="personal-revision">
          <span
            className="swatch"
            style={{ background: revisionSwatch(revision.colour) }}
            aria-hidden="true"
          />
          Revision {revision.n} · {revision.colour.toUpperCase()}
        </p>
      </header>

      <section className="personal-call" aria-label="Your call">
        <p className="muted">
          {you.name}
          {you.title && ` · ${you.title}`}
          {you.department && ` · ${you.department}`}
        </p>
        <p className="personal-call-time">
          {you.call === null ? 'Not called today' : `Your call ${you.call}`}
        </p>
        {you.ownChanges.length > 0 && (
          <div className="alert" role="alert">
            <p>
              <strong>Your part changed in this revision:</strong>
            </p>
            <ul>
              {you.ownChanges.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          </div>
        )}
        <div className="personal-actions">
          {confirmed && confirm.kind !== 'done' ? (
            <p className="form-ok" role="status">
              You confirmed revision {revision.n} ({revision.colour}).
            </p>
          ) : (
            <button
              type="button"
              className="btn primary"
              disabled={confirm.kind === 'sending' || confirm.kind === 'done'}
              onClick={() => void onConfirm()}
            >
              {confirm.kind === 'sending' ? 'Confirming…' : 'Confirm'}
            </button>
          )}
          <a className="btn" href={`${personalSheetPath(code)}/pdf`} target="_blank" rel="noreferrer">
            PDF
          </a>
        </div>
        {confirm.kind === 'done' && (
          <p className="form-ok" role="status">
            {confirm.text}
          </p>
        )}
        {confirm.kind === 'error' && (
          <p className="form-error" role="alert">
            {confirm.text}
          </p>
        )}
      </section>

      {(sheet.changes.length > 0 || revision.note) && (
        <section className="panel" aria-label="What changed">
          <h2>What changed</h2>
          {revision.note && <p>{revision.note}</p>}
          <ul>
            {sheet.changes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </section>
      )}

      <section className="panel" aria-label="The day">
        <h2>The day</h2>
        <dl className="personal-facts">
          <dt>Crew call</dt>
          <dd>{day.crewCall}</dd>
          <dt>Shooting call</dt>
          <dd>{day.shootingCall}</dd>
          <dt>Lunch</dt>
          <dd>{or(day.projectedLunch)}</dd>
          <dt>Sunrise</dt>
          <dd>{or(day.sunrise)}</dd>
          <dt>Sunset</dt>
          <dd>{or(day.sunset)}</dd>
          {sheet.weather && (
            <>
              <dt>Weather</dt>
              <dd>{sheet.weather}</dd>
            </>
          )}
          {sheet.parking && (
            <>
              <dt>Parking</dt>
              <dd>{sheet.parking}</dd>
            </>
          )}
          {sheet.basecamp && (
            <>
              <dt>Basecamp</dt>
              <dd>{sheet.basecamp}</dd>
            </>
          )}
        </dl>
        {sheet.notes && <p>{sheet.notes}</p>}
      </section>

      <section className="panel" aria-label="Scenes">
        <h2>Scenes</h2>
        <SceneList scenes={sheet.scenes} label="Today's scenes" />
      </section>

      <section className="panel" aria-label="Locations">
        <h2>Locations</h2>
        <ul className="plain-list">
          {sheet.locations.map((l) => (
            <li key={l.name}>
              <strong>{l.name}</strong>
              {l.address && <p>{l.address}</p>}
              <p className="muted">Nearest hospital: {or(l.hospital)}</p>
            </li>
          ))}
        </ul>
      </section>

      <section className="panel" aria-label="Cast">
        <h2>Cast</h2>
        <ul className="plain-list">
          {sheet.cast.map((c) => (
            <li key={c.billing}>
              {c.billing}. {c.character} ({c.actor}) · {c.dood}
              {(c.pickup || c.hairMakeup || c.onSet) &&
                ` · pickup ${or(c.pickup)}, H/MU ${or(c.hairMakeup)}, on set ${or(c.onSet)}`}
            </li>
          ))}
        </ul>
      </section>

      <section className="panel" aria-label="Key contacts">
        <h2>Key contacts</h2>
        <ul className="plain-list">
          {sheet.keyContacts.map((c) => (
            <li key={`${c.name}-${c.phone}`}>
              <strong>{c.name}</strong>
              {c.title && ` · ${c.title}`}
              {c.phone && (
                <p>
                  <a className="personal-phone" href={`tel:${c.phone.replace(/[^0-9+]/g, '')}`}>
                    {c.phone}
                  </a>
                </p>
              )}
              {c.email && (
                <p>
                  <a href={`mailto:${c.email}`}>{c.email}</a>
                </p>
              )}
            </li>
          ))}
        </ul>
      </section>

      {sheet.advanceDay && (
        <section className="panel" aria-label="Advance schedule">
          <h2>
            Advance: Day {sheet.advanceDay.number}, {longDate(sheet.advanceDay.date)}, crew call{' '}
            {sheet.advanceDay.crewCall}
          </h2>
          <SceneList scenes={sheet.advance} label="Next day's scenes" />
        </section>
      )}
    </main>
  );
}
