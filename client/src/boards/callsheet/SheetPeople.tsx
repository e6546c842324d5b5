/**
 * The people half of the sheet: cast with their Day out of Days code and typed times, background groups,
 * crew calls by department (a typed call wins over crew call + offset) with each department's note, the
 * advance schedule and the key contacts.
 */
import { useState } from 'react';
import type { CallSheetRow } from '../../../../shared/calc/call-sheet';
import {
  addBackground,
  deleteBackground,
  setCallOverride,
  setCastTime,
  setDepartmentNote,
  updateBackground,
  type BackgroundGroup,
  type CastTimeSlot,
} from '../../../../shared/model/callsheet';
import { clockTime, longDate } from '../../../../shared/pdf/frame';
import { LOCAL_ORIGIN } from '../../sync/board-session';
import type { SheetEdit, SheetPartProps } from './SheetTop';
import { TypedField } from './TypedField';

const SLOTS: [CastTimeSlot, string][] = [
  ['pickup', 'Pickup'],
  ['hairMakeup', 'Hair & make-up'],
  ['onSet', 'On set'],
];

function Cast(props: SheetPartProps) {
  const { sheet, edit, typed } = props;
  return (
    <section aria-labelledby="cs-cast">
      <h3 id="cs-cast">Cast</h3>
      {sheet.cast.length === 0 ? (
        <p className="empty">No cast working or holding today.</p>
      ) : (
        <ul className="sheet-cards cast-cards">
          {sheet.cast.map((c) => (
            <li key={c.castId}>
              <div className="cast-name">
                <strong>
                  {c.billing}. {c.character}
                </strong>
                <span>{c.actor}</span>
                <span className="dood" aria-label={`Day out of days ${c.dood}`}>
                  {c.dood}
                </span>
              </div>
              <div className="cast-times">
                {SLOTS.map(([slot, label]) => (
                  <TypedField
                    key={slot}
                    label={`${label} for ${c.character}`}
                    value={typed.castTimes?.[c.castId]?.[slot] ?? ''}
                    readOnly={edit === null}
                    inputMode="numeric"
                    placeholder="HH:MM"
                    maxLength={5}
                    className="time-field"
                    onCommit={(v) =>
                      edit && setCastTime(edit.doc, edit.dayId, c.castId, slot, v, LOCAL_ORIGIN)
                    }
                  />
                ))}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function BackgroundRow(props: { group: BackgroundGroup; edit: SheetEdit }) {
  const { group: g, edit } = props;
  const update = (patch: Partial<Omit<BackgroundGroup, 'id'>>) =>
    edit && updateBackground(edit.doc, g.id, patch, LOCAL_ORIGIN);
  return (
    <li>
      <TypedField
        label={`Background group`}
        value={g.group}
        readOnly={edit === null}
        onCommit={(group) => update({ group })}
      />
      <TypedField
        label={`Count of ${g.group}`}
        value={String(g.count)}
        readOnly={edit === null}
        inputMode="numeric"
        className="count-field"
        onCommit={(raw) => {
          const count = Number(raw.trim());
          if (raw.trim() === '' || !Number.isInteger(count)) throw new Error('type a whole number');
          update({ count });
        }}
      />
      <TypedField
        label={`Call of ${g.group}`}
        value={g.call ?? ''}
        readOnly={edit === null}
        placeholder="HH:MM"
        className="time-field"
        onCommit={(call) => update({ call })}
      />
      <TypedField
        label={`On set of ${g.group}`}
        value={g.onSet ?? ''}
        readOnly={edit === null}
        placeholder="HH:MM"
        className="time-field"
        onCommit={(onSet) => update({ onSet })}
      />
      <TypedField
        label={`Notes on ${g.group}`}
        value={g.notes}
        readOnly={edit === null}
        onCommit={(notes) => update({ notes })}
      />
      {edit && (
        <button
          type="button"
          className="btn"
          aria-label={`Remove background group ${g.group}`}
          onClick={() => deleteBackground(edit.doc, g.id, LOCAL_ORIGIN)}
        >
          ✕
        </button>
      )}
    </li>
  );
}

function Background(props: SheetPartProps) {
  const { edit, typed } = props;
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const groups = typed.background ?? [];
  if (!edit && groups.length === 0) return null;
  const add = () => {
    if (!edit) return;
    try {
      addBackground(edit.doc, { dayId: edit.dayId, group: name }, LOCAL_ORIGIN);
      setName('');
      setError(null);
    } catch (e) {
      setError((e as Error).message.replace(/^\w+: /, ''));
    }
  };
  return (
    <section aria-labelledby="cs-background">
      <h3 id="cs-background">Background</h3>
      <ul className="background-rows">
        {groups.map((g) => (
          <BackgroundRow key={g.id} group={g} edit={edit} />
        ))}
      </ul>
      {edit && (
        <div className="requirement-add">
          <input
            className={`cell ${error ? 'invalid' : ''}`}
            aria-label="New background group"
            aria-invalid={error ? true : undefined}
            placeholder="Harbour workers"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setError(null);
            }}
            onKeyDown={(e) => e.key === 'Enter' && add()}
          />
          <button type="button" className="btn" onClick={add}>
            Add group
          </button>
          {error && (
            <span className="form-error" role="alert">
              Not saved: {error}
            </span>
          )}
        </div>
      )}
    </section>
  );
}

function CrewCalls(props: SheetPartProps & { loadingPeople: boolean }) {
  const { sheet, edit, typed } = props;
  // Departments with a note but nobody on the list still show their note.
  const listed = new Set(sheet.crewCalls.map((d) => d.department));
  const orphanNotes = sheet.departmentNotes.filter((n) => !listed.has(n.department));
  const noteField = (department: string) => (
    <TypedField
      label={`Note for ${department}`}
      value={typed.departmentNotes?.[department] ?? ''}
      readOnly={edit === null}
      className="dept-note"
      onCommit={(note) => edit && setDepartmentNote(edit.doc, edit.dayId, department, note, LOCAL_ORIGIN)}
    />
  );
  return (
    <section aria-labelledby="cs-crew">
      <h3 id="cs-crew">Crew calls</h3>
      {sheet.crewCalls.length === 0 && (
        <p className="empty">
          {props.loadingPeople ? 'Loading the crew list…' : 'Nobody on the crew list yet (Crew & cast page).'}
        </p>
      )}
      {sheet.crewCalls.map((d) => (
        <div key={d.department ?? ''} className="crew-department">
          <h4>
            {d.department ?? 'No department'} <span className="muted">· {clockTime(d.call)}</span>
          </h4>
          {d.department !== null && noteField(d.department)}
          <ul className="crew-people">
            {d.people.map((p) => (
              <li key={p.personId}>
                <span>
                  <strong>{p.name}</strong> {p.title && <span className="muted">{p.title}</span>}
                </span>
                <TypedField
                  label={`Call for ${p.name}`}
                  value={p.call}
                  readOnly={edit === null}
                  hideLabel
                  inputMode="numeric"
                  maxLength={5}
                  className={`time-field ${p.overridden ? 'overridden' : ''}`}
                  onCommit={(v) =>
                    edit &&
                    setCallOverride(
                      edit.doc,
                      edit.dayId,
                      p.personId,
                      // Typing the derived call back (or nothing) returns to crew call + offset.
                      v.trim() === '' ? '' : v,
                      LOCAL_ORIGIN,
                    )
                  }
                />
                {p.overridden && <span className="muted">set for today</span>}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {orphanNotes.map((n) => (
        <div key={n.department} className="crew-department">
          <h4>{n.department}</h4>
          {noteField(n.department)}
        </div>
      ))}
    </section>
  );
}

function RowsList(props: { rows: readonly CallSheetRow[] }) {
  return (
    <ol className="sheet-scenes compact">
      {props.rows.map((row) =>
        row.type === 'banner' ? (
          <li key={row.id} className={`sheet-banner ${row.companyMove ? 'move' : ''}`}>
            {row.text}
          </li>
        ) : (
          <li key={row.stripId} className="sheet-scene">
            <div className="scene-line">
              <strong className="scene-number">{row.number ?? '?'}</strong>
              <span>{row.intExt ?? '—'}</span>
              <span className="scene-set">{row.set ?? '—'}</span>
              <span>{row.time ?? '—'}</span>
              <span>{row.pages} pg</span>
              <span>{row.castBillings.length ? `Cast ${row.castBillings.join(', ')}` : '—'}</span>
            </div>
          </li>
        ),
      )}
    </ol>
  );
}

function Advance(props: SheetPartProps) {
  const { advance } = props.sheet;
  return (
    <section aria-labelledby="cs-advance">
      <h3 id="cs-advance">Advance schedule</h3>
      {!advance ? (
        <p className="empty">Last shooting day: nothing after it.</p>
      ) : (
        <>
          <p>
            <strong>{advance.day.label}</strong> · {longDate(advance.day.date)} · crew call{' '}
            {clockTime(advance.day.crewCall)}
          </p>
          {advance.rows.length === 0 ? (
            <p className="empty">Nothing scheduled yet.</p>
          ) : (
            <RowsList rows={advance.rows} />
          )}
        </>
      )}
    </section>
  );
}

function Contacts(props: SheetPartProps) {
  const { keyContacts } = props.sheet;
  return (
    <section aria-labelledby="cs-contacts">
      <h3 id="cs-contacts">Key contacts</h3>
      {keyContacts.length === 0 ? (
        <p className="empty">No key contacts marked on the crew list.</p>
      ) : (
        <ul className="sheet-cards">
          {keyContacts.map((c) => (
            <li key={c.personId}>
              <strong>{c.name}</strong>
              <span className="muted">{[c.title, c.department].filter(Boolean).join(', ') || '—'}</span>
              {c.phone && <a href={`tel:${c.phone.replace(/\s+/g, '')}`}>{c.phone}</a>}
              {c.email && <a href={`mailto:${c.email}`}>{c.email}</a>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function SheetPeople(props: SheetPartProps & { loadingPeople: boolean }) {
  return (
    <>
      <Cast {...props} />
      <Background {...props} />
      <CrewCalls {...props} />
      <Advance {...props} />
      <Contacts {...props} />
    </>
  );
}
