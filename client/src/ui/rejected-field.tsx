/**
 * A field that can be refused: it keeps the message, marks itself `aria-invalid` and described by the message,
 * and reports to the open board's registry (sync/rejections.ts) so the saved indicator counts it. Outside a
 * board (a dialog of its own) it still shows the message; there is simply nothing to count.
 */
import { useContext, useEffect, useId, useRef, useState, type RefObject } from 'react';
import { BoardContext } from '../sync/use-board-session';

export interface RejectedField<E extends HTMLElement> {
  ref: RefObject<E | null>;
  message: string | null;
  reject: (message: string) => void;
  accept: () => void;
  /** Spread on the input. */
  inputProps: { 'aria-invalid': true | undefined; 'aria-describedby': string | undefined };
  messageId: string;
}

/** `focus` replaces focusing the element behind `ref` when the indicator leads here (a form's faulty control). */
export function useRejectedField<E extends HTMLElement = HTMLInputElement>(
  label: string,
  focus?: () => void,
): RejectedField<E> {
  const registry = useContext(BoardContext)?.session.rejections ?? null;
  const id = useId();
  const messageId = `${id}-refused`;
  const ref = useRef<E | null>(null);
  const focusRef = useRef(focus);
  focusRef.current = focus;
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (!registry) return;
    if (message === null) registry.clear(id);
    else
      registry.reject({
        id,
        label,
        message,
        focus: () => (focusRef.current ? focusRef.current() : ref.current?.focus()),
      });
  }, [registry, id, label, message]);
  // A field that goes away (its row scrolled off, the board closed) takes its refused text with it.
  useEffect(() => () => registry?.clear(id), [registry, id]);
  return {
    ref,
    message,
    reject: setMessage,
    accept: () => setMessage(null),
    inputProps: {
      'aria-invalid': message === null ? undefined : true,
      'aria-describedby': message === null ? undefined : messageId,
    },
    messageId,
  };
}

/** The refusal in words, next to the field (not a tooltip: a tablet has no hover). */
export function FieldMessage({
  field,
}: {
  field: Pick<RejectedField<HTMLElement>, 'message' | 'messageId'>;
}) {
  if (field.message === null) return null;
  return (
    <span id={field.messageId} className="field-error" role="alert">
      {field.message}
    </span>
  );
}

/**
 * A form whose submission was refused: the control at fault (a ModelError names it; the caller names it for
 * its own parsing) is marked `aria-invalid` and described by the message, which the form shows in words, and
 * the form counts as one unsaved field on the board until a submission goes through. What was typed stays.
 */
export function useRefusedForm(label: string) {
  const form = useRef<HTMLFormElement | null>(null);
  const at = useRef<string | null>(null);
  // The indicator's tap leads to the control at fault, not to the form.
  const field = useRejectedField<HTMLFormElement>(label, () => {
    const control = at.current ? form.current?.elements.namedItem(at.current) : null;
    if (control instanceof HTMLElement) control.focus();
  });
  const [faultyName, setFaultyName] = useState<string | null>(null);
  return {
    formRef: form,
    refuse(error: unknown, name: string) {
      const modelField = (error as { field?: unknown } | null)?.field;
      const named = typeof modelField === 'string' ? modelField.split('.')[0]! : '';
      // A model field with no control of that name (fringeBp under "fringe") stays with the caller's guess.
      const faulty = named !== '' && form.current?.elements.namedItem(named) ? named : name;
      at.current = faulty;
      setFaultyName(faulty);
      field.reject(error instanceof Error ? error.message : String(error));
    },
    accept() {
      at.current = null;
      setFaultyName(null);
      field.accept();
    },
    /** Spread on each named control. */
    control(name: string) {
      const faulty = field.message !== null && faultyName === name;
      return {
        name,
        'aria-invalid': faulty ? (true as const) : undefined,
        'aria-describedby': faulty ? field.messageId : undefined,
      };
    },
    /** The refusal in words, where the form shows it. */
    message:
      field.message === null ? null : (
        <p id={field.messageId} className="form-error" role="alert">
          {field.message}
        </p>
      ),
  };
}
