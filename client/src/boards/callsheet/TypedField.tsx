/**
 * One typed part of the call sheet, edited where it is printed. The draft stays local until it is committed
 * (blur or Enter), so a half-typed time is never written; a value the model refuses stays on screen, marked
 * invalid with the reason beside it, and says "Not saved" — nothing that was not saved looks saved.
 */
import { useId, useState, type KeyboardEvent } from 'react';

export interface TypedFieldProps {
  label: string;
  value: string;
  /** Writes the value; throws (a ModelError) to refuse it. */
  onCommit(value: string): void;
  readOnly: boolean;
  multiline?: boolean;
  /** The label is visually hidden (table cells), still the field's accessible name. */
  hideLabel?: boolean;
  placeholder?: string;
  inputMode?: 'text' | 'numeric';
  maxLength?: number;
  className?: string;
}

const message = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).replace(/^[\w.[\]]+: /, '');

export function TypedField(props: TypedFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const label = <span className={props.hideLabel ? 'visually-hidden' : 'typed-label'}>{props.label}</span>;

  if (props.readOnly) {
    return (
      <div className={`typed-field ro ${props.className ?? ''}`}>
        {label}
        <span className={`typed-value ${props.value ? '' : 'missing'}`}>{props.value || '—'}</span>
      </div>
    );
  }

  const commit = () => {
    if (draft === null) return;
    try {
      if (draft.trim() !== props.value) props.onCommit(draft);
      setError(null);
      setDraft(null);
    } catch (e) {
      setError(message(e));
    }
  };
  const shared = {
    className: `cell ${error ? 'invalid' : ''}`,
    value: draft ?? props.value,
    placeholder: props.placeholder,
    maxLength: props.maxLength,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onBlur: commit,
    onKeyDown: (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      // Enter commits a line; in a note it starts a new line.
      if (e.key === 'Enter' && e.currentTarget.tagName !== 'TEXTAREA') e.currentTarget.blur();
      if (e.key === 'Escape') {
        setDraft(null);
        setError(null);
      }
    },
  };
  return (
    <div className={`typed-field ${props.className ?? ''}`}>
      <label>
        {label}
        {props.multiline ? (
          <textarea {...shared} rows={2} />
        ) : (
          <input {...shared} inputMode={props.inputMode} />
        )}
      </label>
      {error && (
        <span id={`${id}-error`} className="form-error" role="alert">
          Not saved: {error}
        </span>
      )}
    </div>
  );
}
