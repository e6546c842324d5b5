/**
 * "Edit day": date, crew call, shooting call, sunrise and sunset (the computed values shown; a typed one
 * overrides), notes, and what kind of day it is; insert a day before or after it, delete it (after
 * confirming), start its clock. A rejected value stays where it was typed, marked invalid, with the reason.
 */
import { useState } from 'react';
import {
  DAY_KINDS,
  ModelError,
  updateDay,
  type DayKind,
  type DayPatch,
} from '../../../../shared/model/index';
import * as v from '../../../../shared/model/validate';
import type * as Y from 'yjs';
import { Dialog } from '../../ui/Dialog';
import type { DayView } from './day-views';
import { dayTitle } from './day-views';

export type DayAction = 'insert-before' | 'insert-after' | 'delete' | 'start' | 'stop';

const KIND_LABELS: Record<DayKind, string> = { shoot: 'Shooting day', off: 'Day off', travel: 'Travel day' };

type Field = 'date' | 'crewCall' | 'shootingCall' | 'sunrise' | 'sunset' | 'notes' | 'kind';

const CHECKS: Record<Exclude<Field, 'kind'>, (value: string) => unknown> = {
  date: (x) => v.isoDate('date', x),
  crewCall: (x) => v.clock('crewCall', x),
  shootingCall: (x) => v.clock('shootingCall', x),
  sunrise: (x) => (x === '' ? '' : v.clock('sunrise', x)),
  sunset: (x) => (x === '' ? '' : v.clock('sunset', x)),
  notes: (x) => v.str('notes', x, { max: 2_000 }),
};

/** The message of a ModelError without its "field: " prefix. */
export function reason(error: unknown): string {
  if (error instanceof ModelError) return error.message.slice(error.field.length + 2);
  return error instanceof Error ? error.message : String(error);
}

export function DayDialog(props: {
  doc: Y.Doc;
  view: DayView;
  origin: unknown;
  onAction(action: DayAction): void;
  onDone(): void;
}) {
  const { day, sun } = props.view;
  const [values, setValues] = useState<Record<Exclude<Field, 'kind'>, string>>({
    date: day.date,
    crewCall: day.crewCall,
    shootingCall: day.shootingCall,
    sunrise: day.sunrise,
    sunset: day.sunset,
    notes: day.notes,
  });
  const [kind, setKind] = useState<DayKind>(day.kind);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});

  const save = () => {
    const found: Partial<Record<Field, string>> = {};
    for (const field of Object.keys(CHECKS) as (keyof typeof CHECKS)[]) {
      try {
        CHECKS[field](values[field].trim());
      } catch (e) {
        found[field] = reason(e);
      }
    }
    if (Object.keys(found).length > 0) {
      setErrors(found);
      return;
    }
    const patch: DayPatch = { kind };
    for (const field of Object.keys(CHECKS) as (keyof typeof CHECKS)[]) {
      const value = field === 'notes' ? values[field] : values[field].trim();
      if (value !== day[field]) patch[field] = value;
    }
    try {
      updateDay(props.doc, day.id, patch, props.origin);
      props.onDone();
    } catch (e) {
      const field = e instanceof ModelError && e.field in values ? (e.field as Field) : 'kind';
      setErrors({ [field]: reason(e) });
    }
  };

  const input = (field: Exclude<Field, 'kind' | 'notes'>, label: string, hint: string) => {
    const id = `day-${field}`;
    const error = errors[field];
    return (
      <label className="field" htmlFor={id}>
        <span>{label}</span>
        <input
          id={id}
          className="cell"
          inputMode={field === 'date' ? 'numeric' : 'numeric'}
          autoComplete="off"
          value={values[field]}
          placeholder={hint}
          aria-invalid={error !== undefined}
          aria-describedby={error ? `${id}-error` : `${id}-hint`}
          onChange={(e) => {
            const value = e.target.value;
            setValues((s) => ({ ...s, [field]: value }));
            setErrors((s) => ({ ...s, [field]: undefined }));
          }}
        />
        {error ? (
          <small id={`${id}-error`} className="form-error" role="alert">
            {error}
          </small>
        ) : (
          <small id={`${id}-hint`} className="muted">
            {hintFor(field, sun)}
          </small>
        )}
      </label>
    );
  };

  return (
    <Dialog
      title={`Edit ${dayTitle(props.view)}`}
      onCancel={props.onDone}
      onSubmit={save}
      actions={
        <>
          <button type="button" className="btn" onClick={props.onDone}>
            Cancel
          </button>
          <button type="submit" className="btn primary">
            Save day
          </button>
        </>
      }
    >
      <div className="segmented" role="radiogroup" aria-label="Kind of day">
        {DAY_KINDS.map((k) => (
          <button
            key={k}
            type="button"
            role="radio"
            className="btn"
            aria-checked={kind === k}
            onClick={() => {
              setKind(k);
              setErrors((s) => ({ ...s, kind: undefined }));
            }}
          >
            {KIND_LABELS[k]}
          </button>
        ))}
      </div>
      {errors.kind && (
        <p className="form-error" role="alert">
          {errors.kind}
        </p>
      )}
      <div className="day-form">
        {input('date', 'Date', 'YYYY-MM-DD')}
        {input('crewCall', 'Crew call', 'HH:MM')}
        {input('shootingCall', 'Shooting call', 'HH:MM')}
        {input('sunrise', 'Sunrise', sun.sunrise.computed ?? 'HH:MM')}
        {input('sunset', 'Sunset', sun.sunset.computed ?? 'HH:MM')}
      </div>
      <label className="field" htmlFor="day-notes">
        <span>Notes</span>
        <textarea
          id="day-notes"
          className="cell"
          rows={3}
          value={values.notes}
          aria-invalid={errors.notes !== undefined}
          onChange={(e) => {
            const value = e.target.value;
            setValues((s) => ({ ...s, notes: value }));
            setErrors((s) => ({ ...s, notes: undefined }));
          }}
        />
        {errors.notes && (
          <small className="form-error" role="alert">
            {errors.notes}
          </small>
        )}
      </label>
      <div className="day-actions" role="group" aria-label="Day actions">
        <button type="button" className="btn" onClick={() => props.onAction('insert-before')}>
          Insert day before
        </button>
        <button type="button" className="btn" onClick={() => props.onAction('insert-after')}>
          Insert day after
        </button>
        {day.kind === 'shoot' &&
          (day.started ? (
            <button type="button" className="btn" onClick={() => props.onAction('stop')}>
              Stop day clock
            </button>
          ) : (
            <button type="button" className="btn" onClick={() => props.onAction('start')}>
              Start day
            </button>
          ))}
        <button type="button" className="btn danger" onClick={() => props.onAction('delete')}>
          Delete day
        </button>
      </div>
    </Dialog>
  );
}

function hintFor(field: Exclude<Field, 'kind' | 'notes'>, sun: DayView['sun']): string {
  if (field === 'date') return 'A date like 2025-05-07';
  if (field === 'crewCall' || field === 'shootingCall') return 'HH:MM; past midnight as 25:30';
  const value = sun[field];
  const where = sun.location ? ` at ${sun.location.name}` : '';
  if (value.computed === null) {
    return `Not computed: no exterior strip at a location with coordinates. Type it, or leave empty.`;
  }
  return `Computed ${value.computed}${where}; leave empty to use it, or type a time to override it.`;
}
