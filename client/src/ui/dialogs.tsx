/**
 * The two questions the app asks (a name, a yes/no) as promises, so a click handler reads like the
 * window.prompt code it replaces: `const title = await dialogs.ask({...}); if (title) ...`. The hook's
 * `element` must be rendered by the component that asks.
 */
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { Dialog } from './Dialog';

export interface AskOptions {
  title: string;
  label: string;
  placeholder?: string;
  initial?: string;
  confirmLabel?: string;
  inputMode?: 'text' | 'url';
  /** A sentence saying what is wrong, or null when the value is acceptable. */
  validate?: (value: string) => string | null;
}

export interface ConfirmOptions {
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
}

export function PromptDialog({
  options,
  onDone,
}: {
  options: AskOptions;
  onDone(value: string | null): void;
}) {
  const [value, setValue] = useState(options.initial ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const trimmed = value.trim();
  const submit = () => {
    const error = trimmed === '' ? `${options.label} is needed.` : (options.validate?.(trimmed) ?? null);
    if (error) setProblem(error);
    else onDone(trimmed);
  };
  return (
    <Dialog
      title={options.title}
      onCancel={() => onDone(null)}
      onSubmit={submit}
      actions={
        <>
          <button type="button" className="btn" onClick={() => onDone(null)}>
            Cancel
          </button>
          <button type="submit" className="btn primary" disabled={trimmed === ''}>
            {options.confirmLabel ?? 'Add'}
          </button>
        </>
      }
    >
      <label className="field">
        <span>{options.label}</span>
        <input
          className="cell"
          data-autofocus
          // Never type="url": the browser would refuse `www.example.com` before `validate` could accept it.
          type="text"
          inputMode={options.inputMode ?? 'text'}
          value={value}
          placeholder={options.placeholder}
          aria-invalid={problem !== null}
          onChange={(event) => {
            setValue(event.target.value);
            setProblem(null);
          }}
        />
      </label>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
    </Dialog>
  );
}

export function ConfirmDialog({
  options,
  onDone,
}: {
  options: ConfirmOptions;
  onDone(confirmed: boolean): void;
}) {
  return (
    <Dialog
      title={options.title}
      onCancel={() => onDone(false)}
      actions={
        <>
          <button type="button" className="btn" data-autofocus onClick={() => onDone(false)}>
            Cancel
          </button>
          <button
            type="button"
            className={`btn ${options.danger ? 'danger' : 'primary'}`}
            onClick={() => onDone(true)}
          >
            {options.confirmLabel}
          </button>
        </>
      }
    >
      <p>{options.message}</p>
    </Dialog>
  );
}

export interface Dialogs {
  /** Render this where the asking component renders (it is null while nothing is asked). */
  element: ReactNode;
  ask(options: AskOptions): Promise<string | null>;
  confirm(options: ConfirmOptions): Promise<boolean>;
  /** Any dialog: `render(done)` returns it; `done(value)` closes it and resolves (null: cancelled). */
  show<T>(render: (done: (value: T | null) => void) => ReactNode): Promise<T | null>;
}

export function useDialogs(): Dialogs {
  const [element, setElement] = useState<ReactNode>(null);
  const show = useCallback(
    <T,>(render: (done: (value: T | null) => void) => ReactNode) =>
      new Promise<T | null>((resolve) => {
        const done = (value: T | null) => {
          setElement(null);
          resolve(value);
        };
        setElement(render(done));
      }),
    [],
  );
  return useMemo(
    () => ({
      element,
      show,
      ask: (options: AskOptions) => show<string>((done) => <PromptDialog options={options} onDone={done} />),
      confirm: async (options: ConfirmOptions) =>
        (await show<true>((done) => (
          <ConfirmDialog options={options} onDone={(yes) => done(yes ? true : null)} />
        ))) === true,
    }),
    [element, show],
  );
}
