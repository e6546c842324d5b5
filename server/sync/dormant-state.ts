/**
 * A document nobody has edited for a while, held as its encoded state instead of a live Y.Doc. A 20-shot list
 * takes about 176 KB as a Y.Doc and 10 KB encoded; on set most boards sit open and untouched for minutes.
 * Everything a quiet room is asked for can be answered from the bytes: a joining client's state vector, the
 * step 2 a client needs (Y.diffUpdate), and whether what a client sends holds anything new. An edit that
 * integrates fully against the bytes is appended to them (`absorb`); anything else brings the Y.Doc back
 * (docs/PROTOCOL.md, "Idle documents").
 */
import * as Y from 'yjs';

type Ranges = Map<number, Array<{ clock: number; len: number }>>;

/**
 * Past this many absorbed edits, or this share of the bytes the document slept with, an edit wakes it: it is
 * being worked on, where a live Y.Doc costs less per edit, and the bytes (which keep what an edit deleted
 * until a Y.Doc collects it) stop growing.
 */
const MAX_ABSORBED = 32;
const MAX_ABSORBED_SHARE = 0.25;
/** A small board may take this much whatever its size. */
const MIN_ABSORBED_BYTES = 16 * 1024;

/**
 * Root types whose direct entries something on the server must see change in a live transaction (the vetting
 * hook): an update touching one of them needs the Y.Doc. 'all': every update does.
 */
export type GuardedRoots = readonly string[] | 'all';

export class DormantState {
  /** The state the document slept with, then the updates absorbed since, in order; merged on demand. */
  private parts: Uint8Array[];
  private encodedVector: Uint8Array | null = null;
  private absorbed = 0;
  private absorbedBytes = 0;
  private readonly sleptBytes: number;

  private constructor(
    state: Uint8Array,
    private readonly clocks: Map<number, number>,
    /** Sorted, merged deleted ranges per client. */
    private readonly deleted: Ranges,
    /** The items of the guarded roots (deleted ones too); null when every update needs the Y.Doc. */
    private readonly guarded: { roots: ReadonlySet<string>; items: Ranges } | null,
  ) {
    this.parts = [state];
    this.sleptBytes = state.byteLength;
  }

  /**
   * `doc`'s state as bytes. Absorbing edits needs the bytes to describe the document exactly: a document with
   * updates waiting for missing dependencies (Yjs's pending set) wakes on every edit instead.
   */
  static of(
    doc: Y.Doc,
    state: Uint8Array = Y.encodeStateAsUpdate(doc),
    guard: GuardedRoots = [],
  ): DormantState {
    const deleted: Ranges = new Map();
    for (const [client, items] of Y.createDeleteSetFromStructStore(doc.store).clients)
      deleted.set(
        client,
        items.map(({ clock, len }) => ({ clock, len })),
      );
    const exact = doc.store.pendingStructs === null && doc.store.pendingDs === null;
    const stateVector = Y.encodeStateVector(doc);
    const dormant = new DormantState(
      state,
      Y.decodeStateVector(stateVector),
      deleted,
      exact && guard !== 'all' ? { roots: new Set(guard), items: rootItems(doc, guard) } : null,
    );
    dormant.encodedVector = stateVector;
    return dormant;
  }

  /** The whole document as one update (absorbed edits merged in once, when asked). */
  get state(): Uint8Array {
    if (this.parts.length > 1) this.parts = [Y.mergeUpdates(this.parts)];
    return this.parts[0]!;
  }

  /** The whole document as one update if no merge is needed to get it, else null. */
  get stateIfMerged(): Uint8Array | null {
    return this.parts.length === 1 ? this.parts[0]! : null;
  }

  /** Its state vector, encoded, as a sync step 1 carries it. */
  get stateVector(): Uint8Array {
    return (this.encodedVector ??= Y.encodeStateVector(this.clocks));
  }

  /** What a client with `stateVector` lacks. */
  diff(stateVector: Uint8Array): Uint8Array {
    return Y.diffUpdate(this.state, stateVector);
  }

  /**
   * True when applying `update` would change nothing: every struct is already here and every deletion already
   * applied. The stock client answers each step 1 with a step 2 of everything the server lacks, usually only
   * its delete set; such an answer must not wake the document. A malformed update is "not covered": waking
   * the document lets Yjs refuse it as it would for a live one.
   */
  covers(update: Uint8Array): boolean {
    const decoded = decode(update);
    if (!decoded) return false;
    for (const struct of decoded.structs) {
      if (struct instanceof Y.Skip) continue;
      if (struct.id.clock + struct.length > (this.clocks.get(struct.id.client) ?? 0)) return false;
    }
    for (const [client, items] of decoded.ds.clients) {
      const ranges = this.deleted.get(client);
      if (!ranges) return false;
      for (const { clock, len } of items) if (!contains(ranges, clock, len)) return false;
    }
    return true;
  }

  /**
   * Appends `update` to the bytes if a live Y.Doc would integrate all of it and nothing guarded reads it:
   * no gap in any client's clock, every item's neighbours and parent already here or in the update, every
   * deletion of something that exists, no entry of a guarded root touched. Returns false (changing nothing)
   * otherwise; the caller then wakes the document. The state vector and delete set move as a Y.Doc's would,
   * so "saved" acknowledgements and joins answered from the bytes stay exact.
   */
  absorb(update: Uint8Array): boolean {
    if (!this.guarded) return false;
    if (this.absorbed >= MAX_ABSORBED) return false;
    const budget = Math.max(MIN_ABSORBED_BYTES, this.sleptBytes * MAX_ABSORBED_SHARE);
    if (this.absorbedBytes + update.byteLength > budget) return false;
    const decoded = decode(update);
    if (!decoded) return false;
    const clocks = new Map<number, number>();
    const clockOf = (client: number) => clocks.get(client) ?? this.clocks.get(client) ?? 0;
    for (const struct of decoded.structs) {
      if (struct instanceof Y.Skip) return false;
      const { client, clock } = struct.id;
      if (clock > clockOf(client)) return false; // a gap: Yjs would keep it pending
      clocks.set(client, Math.max(clockOf(client), clock + struct.length));
    }
    const known = (id: Y.ID | null) => id === null || id.clock < clockOf(id.client);
    const { roots, items } = this.guarded;
    const guardedId = (id: Y.ID | null) => id !== null && overlaps(items.get(id.client), id.clock, 1);
    for (const struct of decoded.structs) {
      if (!(struct instanceof Y.Item)) continue;
      const parent = struct.parent as unknown;
      if (!known(struct.origin) || !known(struct.rightOrigin)) return false;
      if (parent instanceof Y.ID ? !known(parent) : typeof parent === 'string' && roots.has(parent))
        return false;
      if (guardedId(struct.origin) || guardedId(struct.rightOrigin)) return false;
    }
    for (const [client, ranges] of decoded.ds.clients)
      for (const { clock, len } of ranges) {
        if (clock + len > clockOf(client)) return false; // Yjs would keep the deletion pending
        if (overlaps(items.get(client), clock, len)) return false;
      }
    // Integrates fully: record it.
    for (const [client, clock] of clocks) this.clocks.set(client, clock);
    for (const [client, ranges] of decoded.ds.clients) {
      const merged = [
        ...(this.deleted.get(client) ?? []),
        ...ranges.map(({ clock, len }) => ({ clock, len })),
      ];
      this.deleted.set(client, mergeRanges(merged));
    }
    this.parts.push(update);
    this.encodedVector = null;
    this.absorbed++;
    this.absorbedBytes += update.byteLength;
    return true;
  }

  /** A fresh Y.Doc holding the state, changed in one transaction with `origin`. */
  wake(origin: unknown): Y.Doc {
    const doc = new Y.Doc();
    doc.transact(() => {
      for (const part of this.parts) Y.applyUpdate(doc, part);
    }, origin);
    return doc;
  }
}

let lastDecoded: { update: Uint8Array; decoded: ReturnType<typeof Y.decodeUpdate> | null } | null = null;

/** Decodes `update`, or null if it is malformed; the room asks `covers` and then `absorb` of the same bytes. */
function decode(update: Uint8Array): ReturnType<typeof Y.decodeUpdate> | null {
  if (lastDecoded?.update === update) return lastDecoded.decoded;
  let decoded: ReturnType<typeof Y.decodeUpdate> | null;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    decoded = null;
  }
  lastDecoded = { update, decoded };
  return decoded;
}

/** The IDs of every item directly in the named roots, deleted ones included (a map keeps older values to the left). */
function rootItems(doc: Y.Doc, names: readonly string[]): Ranges {
  const ranges: Ranges = new Map();
  const add = (item: Y.Item) => {
    const list = ranges.get(item.id.client) ?? [];
    list.push({ clock: item.id.clock, len: item.length });
    ranges.set(item.id.client, list);
  };
  for (const name of names) {
    const type = doc.share.get(name);
    if (!type) continue;
    for (let item = type._start; item !== null; item = item.right) add(item);
    for (const last of type._map.values())
      for (let item: Y.Item | null = last; item !== null; item = item.left) add(item);
  }
  for (const [client, list] of ranges) ranges.set(client, mergeRanges(list));
  return ranges;
}

/** Sorts `ranges` and merges the ones that touch or overlap. */
function mergeRanges(ranges: Array<{ clock: number; len: number }>): Array<{ clock: number; len: number }> {
  ranges.sort((a, b) => a.clock - b.clock);
  const out: Array<{ clock: number; len: number }> = [];
  for (const { clock, len } of ranges) {
    const last = out.at(-1);
    if (last && clock <= last.clock + last.len) last.len = Math.max(last.len, clock + len - last.clock);
    else out.push({ clock, len });
  }
  return out;
}

/** Whether [clock, clock + len) lies inside one of the sorted, merged `ranges`. */
function contains(ranges: Array<{ clock: number; len: number }>, clock: number, len: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const range = ranges[mid]!;
    if (clock < range.clock) high = mid - 1;
    else if (clock >= range.clock + range.len) low = mid + 1;
    else return clock + len <= range.clock + range.len;
  }
  return len === 0;
}

/** Whether [clock, clock + len) shares a clock with one of the sorted, merged `ranges`. */
function overlaps(
  ranges: Array<{ clock: number; len: number }> | undefined,
  clock: number,
  len: number,
): boolean {
  if (!ranges || len === 0) return false;
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const range = ranges[mid]!;
    if (clock + len <= range.clock) high = mid - 1;
    else if (clock >= range.clock + range.len) low = mid + 1;
    else return true;
  }
  return false;
}
