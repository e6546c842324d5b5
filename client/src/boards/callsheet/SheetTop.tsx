/**
 * The top half of the sheet: header (calls, sun, lunch, weather), general notes, locations with parking,
 * basecamp and hospital, and the day's scenes in shooting order with their special requirements.
 */
import { useState } from 'react';
import type * as Y from 'yjs';
import type { CallSheet, CallSheetScene } from '../../../../shared/calc/call-sheet';
import {
  addRequirement,
  deleteRequirement,
  REQUIREMENT_KINDS,
  REQUIREMENT_LABELS,
  setDayText,
  type CallSheetTyped,
  type DayTextField,
  type RequirementKind,
} from '../../../../shared/model/callsheet';
import { clockTime, longDate } from '../../../../shared/pdf/frame';
import { LOCAL_ORIGIN } from '../../sync/board-session';
import { TypedField } from './TypedField';

/** Where typed edits go; null for a member who reads the sheet. */
export type SheetEdit = { doc: Y.Doc; dayId: string } | null;

export interface SheetPartProps {
  sheet: CallSheet;
  typed: CallSheetTyped;
  edit: SheetEdit;
}

const time = (value: string | null) => (value === null ? '—' : clockTime(value));

function DayText(props: SheetPartProps & { field: DayTextField; label: string; multiline?: boolean }) {
  const { edit, field } = props;
  return (
    <TypedField
      label={props.label}
      value={props.typed[field] ?? ''}
      readOnly={edit === null}
      multiline={props.multiline}
      className={`typed-${field}`}
      onCommit={(value) => edit && setDayText(edit.doc, edit.dayId, field, value, LOCAL_ORIGIN)}
    />
  );
}

function Fact(props: { label: string; value: string; big?: boolean }) {
  return (
    <div className={`fact ${props.big ? 'big' : ''}`}>
      <dt>{props.label}</dt>
      <dd className={props.value === '—' ? 'missing' : undefined}>{props.value}</dd>
    </div>
  );
}

function Header(props: SheetPartProps) {
  const { day } = props.sheet;
  return (
    <section className="sheet-header" aria-label="Header">
      <div className="sheet-title">
        <h2>{props.sheet.production || 'Call sheet'}</h2>
        <p className="sheet-day">
          <strong>{day.label}</strong> · {longDate(day.date)}
        </p>
        {day.notes && <p className="muted">{day.notes}</p>}
      </div>
      <dl className="facts">
        <Fact label="Crew call" value={time(day.crewCall)} big />
        <Fact label="Shooting call" value={time(day.shootingCall)} />
        <Fact label="Projected lunch" value={time(day.projectedLunch)} />
        <Fact label="Sunrise" value={time(day.sunrise)} />
        <Fact label="Sunset" value={time(day.sunset)} />
      </dl>
      <div className="typed-grid">
        <DayText {...props} field="weather" label="Weather" />
        <DayText {...props} field="notes" label="General notes" multiline />
      </div>
    </section>
  );
}

function Locations(props: SheetPartProps) {
  const { locations } = props.sheet;
  return (
    <section aria-labelledby="cs-locations">
      <h3 id="cs-locations">Locations</h3>
      {locations.length === 0 ? (
        <p className="empty">No location on the day’s scenes.</p>
      ) : (
        <ul className="sheet-cards">
          {locations.map((l) => (
            <li key={l.id}>
              <strong>{l.name}</strong>
              <span>{l.address ?? <span className="missing">address missing</span>}</span>
              <span className="muted">Scenes {l.scenes.join(', ') || '—'}</span>
              <span>Hospital: {l.hospital ?? <span className="missing">missing</span>}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="typed-grid">
        <DayText {...props} field="parking" label="Parking" />
        <DayText {...props} field="basecamp" label="Basecamp" />
        <DayText {...props} field="hospital" label="Nearest hospital (replaces the locations’)" />
      </div>
    </section>
  );
}

function Requirements(props: { scene: CallSheetScene; edit: SheetEdit; typed: CallSheetTyped }) {
  const { scene, edit } = props;
  const [kind, setKind] = useState<RequirementKind>('vehicles');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const mine = (props.typed.requirements ?? []).filter((r) => r.sceneId === scene.sceneId);
  if (!edit) {
    return mine.length === 0 ? null : (
      <ul className="requirements">
        {mine.map((r) => (
          <li key={r.id}>
            <strong>{REQUIREMENT_LABELS[r.kind]}:</strong> {r.text}
          </li>
        ))}
      </ul>
    );
  }
  const add = () => {
    try {
      addRequirement(edit.doc, { dayId: edit.dayId, sceneId: scene.sceneId, kind, text }, LOCAL_ORIGIN);
      setText('');
      setError(null);
    } catch (e) {
      setError((e as Error).message.replace(/^\w+: /, ''));
    }
  };
  const label = `scene ${scene.number ?? '?'}`;
  return (
    <div className="requirements">
      {mine.length > 0 && (
        <ul>
          {mine.map((r) => (
            <li key={r.id}>
              <strong>{REQUIREMENT_LABELS[r.kind]}:</strong> {r.text}{' '}
              <button
                type="button"
                className="btn"
                aria-label={`Remove ${REQUIREMENT_LABELS[r.kind].toLowerCase()} requirement of ${label}`}
                onClick={() => deleteRequirement(edit.doc, r.id, LOCAL_ORIGIN)}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="requirement-add">
        <select
          className="btn"
          aria-label={`Requirement kind for ${label}`}
          value={kind}
          onChange={(e) => setKind(e.target.value as RequirementKind)}
        >
          {REQUIREMENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {REQUIREMENT_LABELS[k]}
            </option>
          ))}
        </select>
        <input
          className={`cell ${error ? 'invalid' : ''}`}
          aria-label={`Requirement for ${label}`}
          aria-invalid={error ? true : undefined}
          placeholder="Picture car, stunt, animal…"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => e.key === 'Enter' && add()}
        />
        <button type="button" className="btn" onClick={add}>
          Add
        </button>
      </div>
      {error && (
        <span className="form-error" role="alert">
          Not saved: {error}
        </span>
      )}
    </div>
  );
}

function Scenes(props: SheetPartProps) {
  const { sheet, edit, typed } = props;
  return (
    <section aria-labelledby="cs-scenes">
      <h3 id="cs-scenes">
        Scenes <span className="muted">· {sheet.totalPages} pages</span>
      </h3>
      {sheet.rows.length === 0 ? (
        <p className="empty">No scenes scheduled on this day.</p>
      ) : (
        <ol className="sheet-scenes">
          {sheet.rows.map((row) =>
            row.type === 'banner' ? (
              <li key={row.id} className={`sheet-banner ${row.companyMove ? 'move' : ''}`}>
                {row.text}
              </li>
            ) : (
              <li key={row.stripId} className="sheet-scene" data-scene={row.number ?? ''}>
                <div className="scene-line">
                  <strong className="scene-number">
                    {row.number ?? '?'}
                    {row.part !== null && <small> pt {row.part}</small>}
                  </strong>
                  <span>{row.intExt ?? '—'}</span>
                  <span className="scene-set">
                    {row.set ?? '—'}
                    {row.location && <small className="muted"> · {row.location}</small>}
                  </span>
                  <span>{row.time ?? '—'}</span>
                  <span>{row.pages} pg</span>
                  <span aria-label="Cast">
                    {row.castBillings.length ? `Cast ${row.castBillings.join(', ')}` : '—'}
                  </span>
                </div>
                <Requirements scene={row} edit={edit} typed={typed} />
              </li>
            ),
          )}
        </ol>
      )}
    </section>
  );
}

export function SheetTop(props: SheetPartProps) {
  return (
    <>
      <Header {...props} />
      <Locations {...props} />
      <Scenes {...props} />
    </>
  );
}
