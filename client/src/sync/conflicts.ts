/**
 * Edits that crossed without seeing each other. Yjs settles two values written to one field at once (a tablet
 * offline sets the lens to 85mm while another sets 90mm) by keeping one, silently; this module tells the
 * people involved. It remembers the last value this device wrote to each field, and when a remote update
 * touches such a field it asks the document's own history which writes knew of which: every value of a map
 * field is an item whose `origin` is the value it replaced when it was written, so a write whose chain of
 * origins does not reach ours was made without seeing ours.
 *
 * - `replaced`: our value was replaced by one written without seeing it (we lost, or someone's older offline
 *   edit overwrote our newer one). The person whose value went is told, with one tap to put it back.
 * - `overrode`: our value stayed, but a value someone wrote meanwhile, without seeing ours, was dropped (our
 *   offline edit won). We are told whose value we replaced, with one tap to use theirs.
 *
 * Only plain values are watched (a lens, a frame rate, a status): shared texts merge letter by letter and
 * nested maps (cast ids) merge key by key, so neither loses anyone's edit. Pure over a Y.Doc: the session
 * feeds it nothing but the document, and names are resolved by the caller.
 */
import * as Y from 'yjs';

export type ConflictKind = 'replaced' | 'overrode';

export interface Conflict {
  id: number;
  kind: ConflictKind;
  /** The entity (or settings map) holding the field. */
  map: Y.Map<unknown>;
  key: string;
  /** The value this device wrote. */
  mine: unknown;
  /** When this device wrote it (ms since the epoch). */
  mineAt: number;
  /** The other device's value: the one that won (`replaced`) or the one dropped (`overrode`). */
  theirs: unknown;
  /** The Yjs client id that wrote `theirs`, to name its writer from awareness. */
  theirClient: number;
  /** When this device learned of it. */
  seenAt: number;
}

interface Written {
  item: Y.Item;
  value: unknown;
  at: number;
}

/** Fields the model stamps, never a person's choice. */
const IGNORED_KEYS = new Set(['board', 'schemaVersion']);

const NONE: readonly Conflict[] = [];

export interface ConflictWatchOptions {
  /** The origin "put mine back" writes with, so undo and the saved indicator see it as this person's. */
  localOrigin: unknown;
  now?: () => number;
  /** Oldest notices are dropped past this many. */
  limit?: number;
}

export class ConflictWatch {
  private readonly written = new WeakMap<Y.Map<unknown>, Map<string, Written>>();
  private conflicts: readonly Conflict[] = NONE;
  private readonly listeners = new Set<() => void>();
  private nextId = 1;
  private readonly now: () => number;
  private readonly limit: number;

  constructor(
    private readonly doc: Y.Doc,
    private readonly options: ConflictWatchOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.limit = options.limit ?? 20;
    doc.on('afterTransaction', this.onTransaction);
  }

  list = (): readonly Conflict[] => this.conflicts;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  dismiss(id: number): void {
    this.setConflicts(this.conflicts.filter((c) => c.id !== id));
  }

  /** Writes the chosen value again, as a new edit that has seen the other: it wins on every device. */
  resolve(id: number, keep: 'mine' | 'theirs'): void {
    const conflict = this.conflicts.find((c) => c.id === id);
    if (!conflict) return;
    this.dismiss(id);
    if (conflict.map._item?.deleted) return;
    const value = keep === 'mine' ? conflict.mine : conflict.theirs;
    this.doc.transact(() => conflict.map.set(conflict.key, value), this.options.localOrigin);
  }

  destroy(): void {
    this.doc.off('afterTransaction', this.onTransaction);
    this.listeners.clear();
  }

  // Runs before the transaction's garbage collection, so dropped values still hold their content.
  private onTransaction = (transaction: Y.Transaction): void => {
    for (const [type, keys] of transaction.changed) {
      if (!(type instanceof Y.Map)) continue;
      for (const key of keys) {
        if (key === null || IGNORED_KEYS.has(key)) continue;
        if (transaction.local) this.remember(type, key);
        else this.check(type, key, transaction);
      }
    }
  };

  /** This device wrote the field: remember its item, the value and when. */
  private remember(map: Y.Map<unknown>, key: string): void {
    const item = map._map.get(key);
    const fields = this.written.get(map) ?? new Map<string, Written>();
    if (!item || item.deleted || item.id.client !== this.doc.clientID || !isPlain(item)) {
      fields.delete(key);
      return;
    }
    fields.set(key, { item, value: valueOf(item), at: this.now() });
    this.written.set(map, fields);
  }

  private check(map: Y.Map<unknown>, key: string, transaction: Y.Transaction): void {
    const fields = this.written.get(map);
    const mine = fields?.get(key);
    const current = map._map.get(key);
    if (!fields || !mine || !current || current.deleted || map._item?.deleted) return;
    if (current !== mine.item) {
      // Not ours any more: whatever happens, later remote changes are not about our write.
      fields.delete(key);
      if (!isPlain(current) || knew(current, mine.item)) return;
      const theirs = valueOf(current);
      if (!same(theirs, mine.value)) this.add('replaced', map, key, mine, theirs, current.id.client);
      return;
    }
    // Ours stands: did this update bring a value, written without seeing ours, that ours dropped?
    for (let item = current.left; item !== null; item = item.left) {
      const arrived = item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0);
      if (!arrived || item.id.client === this.doc.clientID || !isPlain(item)) continue;
      if (knew(current, item) || knew(item, current)) continue;
      const theirs = valueOf(item);
      if (!same(theirs, mine.value)) this.add('overrode', map, key, mine, theirs, item.id.client);
      return;
    }
  }

  private add(
    kind: ConflictKind,
    map: Y.Map<unknown>,
    key: string,
    mine: Written,
    theirs: unknown,
    theirClient: number,
  ): void {
    const conflict: Conflict = {
      id: this.nextId++,
      kind,
      map,
      key,
      mine: mine.value,
      mineAt: mine.at,
      theirs,
      theirClient,
      seenAt: this.now(),
    };
    // One notice per field: a newer one replaces an older one about the same field.
    const others = this.conflicts.filter((c) => c.map !== map || c.key !== key);
    this.setConflicts([...others, conflict].slice(-this.limit));
  }

  private setConflicts(next: readonly Conflict[]): void {
    this.conflicts = next.length === 0 ? NONE : next;
    for (const listener of this.listeners) listener();
  }
}

/**
 * True when `later` was written by someone who had `earlier` in front of them: `earlier` is on the chain of
 * values `later` replaced (each map value's origin is the value it was written over).
 */
function knew(later: Y.Item, earlier: Y.Item): boolean {
  const seen = new Set<Y.Item>();
  let at: Y.Item | null = later;
  while (at !== null && !seen.has(at)) {
    seen.add(at);
    const origin: Y.ID | null = at.origin;
    if (origin === null) return false;
    if (Y.compareIDs(origin, earlier.id)) return true;
    at = itemLeftOf(at, origin);
  }
  return false;
}

/** The item with id `id` among the values of `item`'s field (they form one list, oldest on the left). */
function itemLeftOf(item: Y.Item, id: Y.ID): Y.Item | null {
  for (let left = item.left; left !== null; left = left.left) {
    if (left.id.client === id.client && left.id.clock <= id.clock && id.clock < left.id.clock + left.length)
      return left;
  }
  return null;
}

/** A value a person typed or picked: not a shared type, and not already garbage collected. */
function isPlain(item: Y.Item): boolean {
  return !(item.content instanceof Y.ContentType) && !(item.content instanceof Y.ContentDeleted);
}

function valueOf(item: Y.Item): unknown {
  const content = item.content.getContent();
  return content[content.length - 1];
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
