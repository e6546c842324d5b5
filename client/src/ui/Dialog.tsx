/**
 * In-app dialogs instead of window.prompt / window.confirm: those block the page, ignore the theme, are tiny
 * on a tablet and some kiosk browsers suppress them. A dialog here traps focus (Tab cycles inside), Escape
 * or a tap on the backdrop cancels, every target is at least 44 px, and focus returns where it was.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

const FOCUSABLE =
  'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  title: string;
  onCancel(): void;
  children: ReactNode;
  /** Buttons row; the caller decides which is primary. */
  actions: ReactNode;
  /** Submitting (Enter in a field, or a submit button) runs this; without it the body is not a form. */
  onSubmit?: () => void;
}

export function Dialog({ title, onCancel, children, actions, onSubmit }: DialogProps) {
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const cancel = useRef(onCancel);
  cancel.current = onCancel;

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const root = panel.current;
    const first =
      root?.querySelector<HTMLElement>('[data-autofocus]') ?? root?.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
    // On the document, not the panel: after a file picker or a tap on the backdrop's edge, focus can sit on
    // the body, and Escape and Tab must still work.
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      before?.focus?.();
    };
  }, []);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.stopPropagation();
      cancel.current();
      return;
    }
    if (event.key !== 'Tab' || !panel.current) return;
    const items = [...panel.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (items.length === 0) return;
    const first = items[0]!;
    const last = items.at(-1)!;
    const active = document.activeElement;
    if (event.shiftKey && (active === first || !panel.current.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !panel.current.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  }

  const body = (
    <>
      <h2 id={titleId}>{title}</h2>
      <div className="dialog-body">{children}</div>
      <div className="dialog-actions">{actions}</div>
    </>
  );
  return createPortal(
    <div
      className="dialog-backdrop"
      data-testid="dialog-backdrop"
      onPointerDown={(event) => {
        if (event.target === event.currentTarget) cancel.current();
      }}
    >
      <div ref={panel} className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        {onSubmit ? (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              onSubmit();
            }}
          >
            {body}
          </form>
        ) : (
          body
        )}
      </div>
    </div>,
    document.body,
  );
}
