/**
 * "Shot 12A deleted — Undo": a removal takes effect at once (no confirmation to tap through on set) and this
 * bar offers to take it back. It stays until the person acts, dismisses it, or something else replaces it.
 */
export function UndoSnackbar(props: { message: string; onUndo: () => void; onDismiss: () => void }) {
  return (
    <div className="snackbar" role="status" data-testid="undo-snackbar">
      <span>{props.message}</span>
      <button type="button" className="btn primary" onClick={props.onUndo}>
        Undo
      </button>
      <button type="button" className="btn" aria-label="Dismiss" onClick={props.onDismiss}>
        ✕
      </button>
    </div>
  );
}
