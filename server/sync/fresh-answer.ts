/**
 * The answer for clients that hold nothing (an empty state vector): the whole document, encoded once and sent
 * to every fresh client. Re-encoding it after each edit would cost a full encode per joining client whenever
 * edits and joins interleave (a reconnect storm: 200 tablets coming back, each with an offline edit), and
 * the first client after a bulk write (a seeded or imported list, 100 ms to encode at 10,000 shots) would
 * wait for one. So the encoded base is kept, and the client updates applied since travel with it as they
 * arrived, until they pass 32 updates or the larger of a quarter of the base and 8 MiB; the encoding then
 * happens at the next fresh join or compaction, whichever comes first.
 *
 * The frames go base first (as an update), then the updates since, in order, then an empty sync step 2: each
 * update finds what it builds on already applied (a client never holds a large tail pending and re-merges it
 * frame by frame), and the stock provider reports "synced" on the step 2, when it holds everything.
 */
import { encodeSyncStep2, encodeSyncUpdate } from '../protocol/messages';
import { toBuffer } from './frames';

const MAX_TAIL_UPDATES = 32;
const MAX_TAIL_SHARE = 0.25;
/** A tail this large is kept whatever the base: it costs what the encoded state would, and no encode. */
const MAX_TAIL_BYTES = 8 * 1024 * 1024;

/** An update with no structs and no deletions: the step 2 that closes every fresh answer. */
const CLOSING_STEP2 = toBuffer(encodeSyncStep2(new Uint8Array([0, 0])));

export class FreshAnswer {
  private base: Buffer | null = null;
  private tail: Buffer[] = [];
  private tailBytes = 0;

  /** The frames to send, in order; `encodeState` runs when there is no base. */
  frames(encodeState: () => Uint8Array): Buffer[] {
    if (!this.base) {
      this.base = toBuffer(encodeSyncUpdate(encodeState()));
      this.tail = [];
      this.tailBytes = 0;
    }
    return [this.base, ...this.tail, CLOSING_STEP2];
  }

  /**
   * A client update was applied on top of the document, and nothing else: base plus tail still equal the
   * document (including what waits in its pending set).
   */
  extend(update: Uint8Array): void {
    if (!this.base) return;
    this.tail.push(toBuffer(encodeSyncUpdate(update)));
    this.tailBytes += update.byteLength;
    const maxBytes = Math.max(this.base.length * MAX_TAIL_SHARE, MAX_TAIL_BYTES);
    if (this.tail.length > MAX_TAIL_UPDATES || this.tailBytes > maxBytes) this.reset();
  }

  /** Any other change: the base no longer describes the document. */
  reset(): void {
    this.base = null;
    this.tail = [];
    this.tailBytes = 0;
  }
}
