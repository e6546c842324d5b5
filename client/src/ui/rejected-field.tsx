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

export function useRejectedField<E extends HTMLElement = HTMLInputElement>(label: string): RejectedField<E> {
  const registry = useContext(BoardContext)?.session.rejections ?? null;
  const id = useId();
  const messageId = `${id}-refused`;
  const ref = useRef<E | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (!registry) return;
    if (message === null) registry.clear(id);
    else registry.reject({ id, label, message, focus: () => ref.current?.focus() });
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
