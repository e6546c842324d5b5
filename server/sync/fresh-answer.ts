/**
 * The step 2 for clients that hold nothing (an empty state vector): the whole document, encoded once and sent
 * to every fresh client. Re-encoding it after each edit would cost a full encode per joining client whenever
 * edits and joins interleave (a reconnect storm: 200 tablets coming back, each with an offline edit). So the
 * encoded base is kept, and the client updates applied since travel with it as update frames, sent before
 * the base: the stock provider reports "synced" on the step 2 and must hold everything by then, and Yjs keeps
 * an update whose dependencies have not arrived pending until the base brings them.
 */
import { encodeSyncStep2, encodeSyncUpdate } from '../protocol/messages';
import { toBuffer } from './frames';

/** Past this many updates, or a quarter of the base's size, the base is encoded afresh. */
const MAX_TAIL_UPDATES = 32;
const MAX_TAIL_SHARE = 0.25;

export class FreshAnswer {
  private base: Buffer | null = null;
  private tail: Buffer[] = [];
  private tailBytes = 0;

  /** The frames to send, in order; `encodeState` runs when there is no base. */
  frames(encodeState: () => Uint8Array): Buffer[] {
    if (!this.base) {
      this.base = toBuffer(encodeSyncStep2(encodeState()));
      this.tail = [];
      this.tailBytes = 0;
    }
    return this.tail.length === 0 ? [this.base] : [...this.tail, this.base];
  }

  /**
   * A client update was applied on top of the document, and nothing else: base plus tail still equal the
   * document (including what waits in its pending set).
   */
  extend(update: Uint8Array): void {
    if (!this.base) return;
    this.tail.push(toBuffer(encodeSyncUpdate(update)));
    this.tailBytes += update.byteLength;
    if (this.tail.length > MAX_TAIL_UPDATES || this.tailBytes > this.base.length * MAX_TAIL_SHARE)
      this.reset();
  }

  /** Any other change: the base no longer describes the document. */
  reset(): void {
    this.base = null;
    this.tail = [];
    this.tailBytes = 0;
  }
}
