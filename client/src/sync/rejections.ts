/**
 * Fields of one open board that hold a value the model refused: the typed text stays in the field for
 * correction, so the board as a whole is not saved, whatever the server acknowledged. Every editable field
 * reports here (through `useRejectedField`), and the saved indicator reads the count from here, so "All
 * edits saved" is never shown beside a refused value. Plain bookkeeping, no React.
 */

export interface Rejection {
  /** Unique per mounted field. */
  id: string;
  /** The field's accessible name ("Frame rate"). */
  label: string;
  /** Why it was refused, in words. */
  message: string;
  /** Puts the caret in the field, so a tap on the indicator leads to it. */
  focus: () => void;
}

const NONE: readonly Rejection[] = [];

export class Rejections {
  private readonly entries = new Map<string, Rejection>();
  private snapshot: readonly Rejection[] = NONE;
  private readonly listeners = new Set<() => void>();

  /** Records (or updates) a refused field. */
  reject(entry: Rejection): void {
    const before = this.entries.get(entry.id);
    if (before && before.message === entry.message && before.label === entry.label) {
      this.entries.set(entry.id, entry);
      return;
    }
    this.entries.set(entry.id, entry);
    this.changed();
  }

  /** The field was corrected, restored or went away. */
  clear(id: string): void {
    if (this.entries.delete(id)) this.changed();
  }

  /** Refused fields in the order they were first refused; a stable array between changes. */
  list = (): readonly Rejection[] => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private changed(): void {
    this.snapshot = this.entries.size === 0 ? NONE : [...this.entries.values()];
    for (const listener of this.listeners) listener();
  }
}

/** "1 field not saved", "3 fields not saved". */
export function unsavedFieldsLabel(count: number): string {
  return `${count} ${count === 1 ? 'field' : 'fields'} not saved`;
}
