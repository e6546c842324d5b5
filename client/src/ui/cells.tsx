/**
 * Inline editors for board cells. Plain fields keep a local draft while focused and commit on blur or Enter
 * (a half-typed shot code is not a valid one); shared texts write every keystroke as a minimal edit.
 */
import { memo, useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import type * as Y from 'yjs';
import { applyTextEdit, textEdit } from '../sync/text';
import { useY } from '../sync/use-y';
import { FieldMessage, useRejectedField } from './rejected-field';

interface Common {
  label: string;
  readOnly?: boolean;
  className?: string;
  onFocus?: () => void;
  onBlur?: () => void;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export const TextCell = memo(function TextCell(
  props: Common & {
    value: string;
    onCommit: (value: string) => void;
    maxLength?: number;
    inputMode?: 'numeric' | 'decimal' | 'text';
    /** A datalist's id: values offered while anything can still be typed (frame rates). */
    list?: string;
  },
) {
  const [draft, setDraft] = useState<string | null>(null);
  const field = useRejectedField(props.label);
  if (props.readOnly) return <span className={`cell ro ${props.className ?? ''}`}>{props.value}</span>;
  const commit = () => {
    if (draft === null) return;
    try {
      if (draft !== props.value) props.onCommit(draft);
      field.accept();
      setDraft(null);
    } catch (e) {
      // The typed text stays for correction; the message says why, and the board counts it as not saved.
      field.reject(errorText(e));
    }
  };
  return (
    // The wrapper is the grid or table cell, so the message can sit against the field; it carries the
    // column's class too, for the layouts that place cells by it.
    <span className={`cell-field ${props.className ?? ''}`}>
      <input
        ref={field.ref}
        className={`cell ${props.className ?? ''} ${field.message ? 'invalid' : ''}`}
        aria-label={props.label}
        {...field.inputProps}
        title={props.label}
        value={draft ?? props.value}
        maxLength={props.maxLength}
        inputMode={props.inputMode}
        list={props.list}
        onFocus={() => props.onFocus?.()}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={(_e: FocusEvent) => {
          commit();
          props.onBlur?.();
        }}
        onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
          if (e.key === 'Enter') e.currentTarget.blur();
          if (e.key === 'Escape') {
            // Back to the saved value.
            setDraft(null);
            field.accept();
          }
        }}
      />
      <FieldMessage field={field} />
    </span>
  );
});

export const NumberCell = memo(function NumberCell(
  props: Common & { value: number; onCommit: (value: number) => void; decimals?: boolean; list?: string },
) {
  return (
    <TextCell
      {...props}
      value={String(props.value)}
      inputMode={props.decimals ? 'decimal' : 'numeric'}
      onCommit={(raw) => {
        const n = Number(raw.trim());
        if (raw.trim() === '' || !Number.isFinite(n)) throw new Error(`${props.label}: type a number`);
        props.onCommit(n);
      }}
    />
  );
});

export const SelectCell = memo(function SelectCell<T extends string>(
  props: Common & {
    value: T;
    options: readonly T[];
    onCommit: (value: T) => void;
    labels?: Partial<Record<T, string>>;
  },
) {
  if (props.readOnly) {
    return (
      <span className={`cell ro ${props.className ?? ''}`}>{props.labels?.[props.value] ?? props.value}</span>
    );
  }
  return (
    <select
      className={`cell ${props.className ?? ''}`}
      aria-label={props.label}
      value={props.value}
      onFocus={() => props.onFocus?.()}
      onBlur={() => props.onBlur?.()}
      onChange={(e) => props.onCommit(e.target.value as T)}
    >
      {props.options.map((o) => (
        <option key={o} value={o}>
          {props.labels?.[o] ?? o}
        </option>
      ))}
    </select>
  );
}) as <T extends string>(
  props: Common & {
    value: T;
    options: readonly T[];
    onCommit: (value: T) => void;
    labels?: Partial<Record<T, string>>;
  },
) => React.JSX.Element;

/** A field backed by a Y.Text: typing here and on another tablet at once keeps both people's characters. */
export const SharedTextCell = memo(function SharedTextCell(
  props: Common & { text: Y.Text; transact: (fn: () => void) => void; multiline?: boolean },
) {
  const value = useY(props.text, (t) => (t ? t.toString() : ''));
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const shown = useRef(value);
  const caret = useRef<[number, number]>([0, 0]);
  // Someone else typed in this field while it has focus: keep the caret on the same character instead of
  // letting React's value update throw it to the end.
  useLayoutEffect(() => {
    const el = ref.current;
    const before = shown.current;
    shown.current = value;
    if (!el || document.activeElement !== el || el.value !== value) return;
    const edit = textEdit(before, value);
    if (!edit) return;
    const shift = (pos: number) =>
      pos <= edit.index ? pos : Math.max(edit.index, pos - edit.remove) + edit.insert.length;
    const [start, end] = [shift(caret.current[0]), shift(caret.current[1])];
    caret.current = [start, end];
    // React restores the focused input's old offsets after its commit; move the caret once it has.
    queueMicrotask(() => {
      if (document.activeElement === el) el.setSelectionRange(start, end);
    });
  }, [value]);
  if (props.readOnly) {
    return (
      <span className={`cell ro ${props.multiline ? 'multiline' : ''} ${props.className ?? ''}`}>
        {value}
      </span>
    );
  }
  const onChange = (next: string) => {
    // The local edit is already where the caret is; record it so the layout effect does not move it.
    shown.current = next;
    props.transact(() => applyTextEdit(props.text, next));
  };
  const remember = () => {
    const el = ref.current;
    if (el) caret.current = [el.selectionStart ?? 0, el.selectionEnd ?? 0];
  };
  const shared = {
    ref,
    className: `cell ${props.className ?? ''}`,
    'aria-label': props.label,
    title: props.label,
    value,
    onFocus: () => props.onFocus?.(),
    onBlur: () => props.onBlur?.(),
    onSelect: remember,
    onKeyUp: remember,
  };
  return props.multiline ? (
    <textarea {...shared} rows={2} onChange={(e) => onChange(e.target.value)} />
  ) : (
    <input {...shared} onChange={(e) => onChange(e.target.value)} />
  );
});
