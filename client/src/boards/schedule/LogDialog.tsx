/** Log a time other than now ("Lunch called at 12:40"), or correct an entry's time and note. */
import { useState } from 'react';
import { LOG_KINDS, ModelError, type LogEntry, type LogKind } from '../../../../shared/model/index';
import * as v from '../../../../shared/model/validate';
import { Dialog } from '../../ui/Dialog';
import { reason } from './DayDialog';

export const LOG_LABELS: Record<LogKind, string> = {
  'crew-call': 'Crew call',
  'first-shot': 'First shot',
  'lunch-called': 'Lunch called',
  'lunch-ended': 'Lunch ended',
  'second-meal-called': 'Second meal called',
  'second-meal-ended': 'Second meal ended',
  'company-move-start': 'Company move start',
  'company-move-end': 'Company move end',
  'camera-wrap': 'Camera wrap',
  'crew-wrap': 'Crew wrap',
};

export interface LogValues {
  kind: LogKind;
  at: string;
  note: string;
}

/**
 * `entry` given: a correction (kind fixed). `save` writes and throws a ModelError when refused; the message
 * then shows next to the field at fault, the typed text kept.
 */
export function LogDialog(props: {
  title: string;
  entry?: LogEntry;
  initial: LogValues;
  save(values: LogValues): void;
  onDone(): void;
}) {
  const [values, setValues] = useState<LogValues>(props.initial);
  const [errors, setErrors] = useState<{ at?: string; note?: string; kind?: string }>({});
  const submit = () => {
    try {
      v.clock('at', values.at.trim());
    } catch (e) {
      setErrors({ at: reason(e) });
      return;
    }
    try {
      props.save({ ...values, at: values.at.trim() });
      props.onDone();
    } catch (e) {
      const field = e instanceof ModelError && (e.field === 'at' || e.field === 'note') ? e.field : 'kind';
      setErrors({ [field]: reason(e) });
    }
  };
  return (
    <Dialog
      title={props.title}
      onCancel={props.onDone}
      onSubmit={submit}
      actions={
        <>
          <button type="button" className="btn" onClick={props.onDone}>
            Cancel
          </button>
          <button type="submit" className="btn primary">
            {props.entry ? 'Save correction' : 'Log it'}
          </button>
        </>
      }
    >
      {props.entry ? (
        <p>
          <strong>{LOG_LABELS[props.entry.kind]}</strong>, logged by {props.entry.author.name}
          {props.entry.changedBy ? `, last changed by ${props.entry.changedBy.name}` : ''}.
        </p>
      ) : (
        <label className="field" htmlFor="log-kind">
          <span>What happened</span>
          <select
            id="log-kind"
            value={values.kind}
            aria-invalid={errors.kind !== undefined}
            onChange={(e) => {
              setValues((s) => ({ ...s, kind: e.target.value as LogKind }));
              setErrors({});
            }}
          >
            {LOG_KINDS.map((k) => (
              <option key={k} value={k}>
                {LOG_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
      )}
      {errors.kind && (
        <p className="form-error" role="alert">
          {errors.kind}
        </p>
      )}
      <label className="field" htmlFor="log-at">
        <span>Time</span>
        <input
          id="log-at"
          className="cell"
          data-autofocus
          inputMode="numeric"
          autoComplete="off"
          placeholder="HH:MM"
          value={values.at}
          aria-invalid={errors.at !== undefined}
          aria-describedby="log-at-note"
          onChange={(e) => {
            const at = e.target.value;
            setValues((s) => ({ ...s, at }));
            setErrors((s) => ({ ...s, at: undefined }));
          }}
        />
        {errors.at ? (
          <small id="log-at-note" className="form-error" role="alert">
            {errors.at}
          </small>
        ) : (
          <small id="log-at-note" className="muted">
            On the day&apos;s clock: 01:30 after a night&apos;s midnight is 25:30.
          </small>
        )}
      </label>
      <label className="field" htmlFor="log-note">
        <span>Note</span>
        <input
          id="log-note"
          className="cell"
          value={values.note}
          aria-invalid={errors.note !== undefined}
          onChange={(e) => {
            const note = e.target.value;
            setValues((s) => ({ ...s, note }));
            setErrors((s) => ({ ...s, note: undefined }));
          }}
        />
        {errors.note && (
          <small className="form-error" role="alert">
            {errors.note}
          </small>
        )}
      </label>
    </Dialog>
  );
}
