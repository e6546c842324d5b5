/**
 * A document nobody has edited for a while, held as its encoded state instead of a live Y.Doc. A 20-shot list
 * takes about 176 KB as a Y.Doc and 10 KB encoded; on set most boards sit open and untouched for minutes.
 * Everything a quiet room is asked for can be answered from the bytes: a joining client's state vector, the
 * step 2 a client needs (Y.diffUpdate), and whether what a client sends holds anything new. Only something
 * new brings the Y.Doc back (docs/PROTOCOL.md, "Idle documents").
 */
import * as Y from 'yjs';

type DeleteRanges = Map<number, Array<{ clock: number; len: number }>>;

export class DormantState {
  private constructor(
    /** The whole document as one update. */
    readonly state: Uint8Array,
    /** Its state vector, encoded, as a sync step 1 carries it. */
    readonly stateVector: Uint8Array,
    private readonly clocks: Map<number, number>,
    /** Sorted, merged deleted ranges per client. */
    private readonly deleted: DeleteRanges,
  ) {}

  static of(doc: Y.Doc, state: Uint8Array = Y.encodeStateAsUpdate(doc)): DormantState {
    const stateVector = Y.encodeStateVector(doc);
    const deleteSet = Y.createDeleteSetFromStructStore(doc.store);
    const deleted: DeleteRanges = new Map();
    for (const [client, items] of deleteSet.clients)
      deleted.set(
        client,
        items.map(({ clock, len }) => ({ clock, len })),
      );
    return new DormantState(state, stateVector, Y.decodeStateVector(stateVector), deleted);
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
    let decoded: ReturnType<typeof Y.decodeUpdate>;
    try {
      decoded = Y.decodeUpdate(update);
    } catch {
      return false;
    }
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

  /** A fresh Y.Doc holding the state, changed in one transaction with `origin`. */
  wake(origin: unknown): Y.Doc {
    const doc = new Y.Doc();
    doc.transact(() => Y.applyUpdate(doc, this.state), origin);
    return doc;
  }
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
