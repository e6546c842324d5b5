/**
 * One typed value of the report: a labelled input that keeps its draft while focused and commits on blur or
 * Enter. A value the model refuses stays typed, is marked invalid and says why right under it, so nothing
 * refused ever looks saved.
 */
import { useId, useState, type ReactNode } from 'react';

export function DprField(props: {
  label: string;
  value: string;
  readOnly: boolean;
  /** Throws (a ModelError) to refuse the value. */
  onCommit: (value: string) => void;
  placeholder?: string;
  inputMode?: 'numeric' | 'text';
  multiline?: boolean;
  hint?: ReactNode;
  className?: string;
}) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    try {
      if (draft !== props.value) props.onCommit(draft);
      setError(null);
      setDraft(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const common = {
    id,
    className: `cell ${error ? 'invalid' : ''}`,
    value: draft ?? props.value,
    placeholder: props.placeholder,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onBlur: commit,
  };
  return (
    <div className={`field compact dpr-field ${props.className ?? ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.readOnly ? (
        // <output> is labelable, so a reader hears the figure's name with its value
        <output className="cell ro" id={id}>
          {props.value || '—'}
        </output>
      ) : props.multiline ? (
        <textarea {...common} rows={4} />
      ) : (
        <input
          {...common}
          inputMode={props.inputMode}
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.currentTarget.blur();
            if (e.key === 'Escape') {
              setDraft(null);
              setError(null);
            }
          }}
        />
      )}
      {error && (
        <span id={`${id}-error`} className="form-error" role="alert">
          {error}
        </span>
      )}
      {props.hint}
    </div>
  );
}
