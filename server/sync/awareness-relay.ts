/**
 * When a room's awareness changes leave it. Every stock provider renews its state every 15 s and re-sends
 * every awareness change it receives, so in a room of N tablets each renewal relayed at once costs N - 1
 * writes and brings N - 1 echoes back: with 100 tablets that is more socket work than the edits themselves.
 *
 * - A change (a new, changed or removed state) goes out at the end of the event-loop turn, merged with the
 *   other changes of that turn into one frame, framed once for every receiver.
 * - A renewal (same state, newer clock) changes nothing anyone sees; renewals are gathered and go out every
 *   `renewalDelayMs`, or with the next change, whichever comes first. Clients drop a remote state only after
 *   30 s without renewal, so a delay of a few seconds is invisible, and one frame with every renewal of the
 *   window brings one echo per receiver instead of one per renewal.
 *
 * Entries are read from the room's awareness when the frame is built, so a state changed or removed since it
 * was queued goes out as it is now.
 */
import { encodeAwarenessUpdates, type AwarenessEntry } from '../protocol/awareness';
import { awarenessMessage } from './frames';
import type { AppliedEntry } from './room-awareness';

/** Renewals wait at most this long (clients drop states not renewed for 30 s; they renew every 15 s). */
export const AWARENESS_RENEWAL_DELAY_MS = 2_000;

export interface AwarenessRelayTarget<C> {
  /** The current entries of these client ids (room-awareness.ts `current`). */
  current(clientIds: Iterable<number>): AwarenessEntry[];
  /** Sends the frame to every connection of the room but `except`, and to other instances. */
  send(frame: Buffer, except: C | null): void;
}

export class AwarenessRelay<C> {
  private readonly changed = new Set<number>();
  private readonly renewed = new Set<number>();
  /** The one connection every queued change came from (it needs no copy), or null once there are several. */
  private soleSender: C | null | undefined = undefined;
  private turn: NodeJS.Immediate | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  /**
   * `maxFrameBytes`: each frame stays under it (a stock provider echoes a whole frame in one, which must fit
   * its own frame limit).
   */
  constructor(
    private readonly target: AwarenessRelayTarget<C>,
    private readonly maxFrameBytes: number,
    private readonly renewalDelayMs = AWARENESS_RENEWAL_DELAY_MS,
  ) {}

  /** Queues applied entries from `sender` (null: the server itself or another instance). */
  add(entries: readonly AppliedEntry[], sender: C | null): void {
    if (this.closed) return;
    for (const entry of entries) {
      if (entry.renewal) {
        this.renewed.add(entry.clientId);
        continue;
      }
      this.changed.add(entry.clientId);
      this.soleSender = this.soleSender === undefined || this.soleSender === sender ? sender : null;
    }
    if (this.changed.size > 0) this.turn ??= setImmediate(() => this.flush());
    else if (this.renewed.size > 0 && this.timer === null) {
      this.timer = setTimeout(() => this.flush(), this.renewalDelayMs);
      this.timer.unref();
    }
  }

  /** Sends everything queued now. */
  flush(): void {
    if (this.turn !== null) clearImmediate(this.turn);
    if (this.timer !== null) clearTimeout(this.timer);
    this.turn = null;
    this.timer = null;
    if (this.changed.size === 0 && this.renewed.size === 0) return;
    // Renewals ride along with changes. A sender may get its own state back: same clock, a no-op for it.
    const except = this.renewed.size === 0 ? (this.soleSender ?? null) : null;
    for (const clientId of this.changed) this.renewed.delete(clientId);
    const entries = this.target.current([...this.changed, ...this.renewed]);
    this.changed.clear();
    this.renewed.clear();
    this.soleSender = undefined;
    for (const update of encodeAwarenessUpdates(entries, this.maxFrameBytes))
      this.target.send(awarenessMessage(update), except);
  }

  /** Drops what is queued (the room is closing; its clients are gone). */
  close(): void {
    this.closed = true;
    if (this.turn !== null) clearImmediate(this.turn);
    if (this.timer !== null) clearTimeout(this.timer);
    this.turn = null;
    this.timer = null;
    this.changed.clear();
    this.renewed.clear();
  }
}
