/**
 * "Every edit saved": the server sends a connection its state vector (sync step 1) after that connection's
 * updates are durable. The local document is saved when that vector covers every clock the local one has,
 * no local edit came after it, and every delete-only edit has been proven durable by a round trip
 * (DeleteAcknowledgements). Pure functions, so the rules are tested without sockets.
 */
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

export const MESSAGE_SYNC = 0;
export const SYNC_STEP_1 = 0;

/** True when `server` has every struct `local` has (delete-only edits do not move clocks; see sync/README). */
export function covers(server: Map<number, number>, local: Map<number, number>): boolean {
  for (const [client, clock] of local) {
    if ((server.get(client) ?? 0) < clock) return false;
  }
  return true;
}

/**
 * Reads a sync message body (after the message type) without consuming the provider's decoder and returns
 * the state vector when it is a sync step 1, else null.
 */
export function peekStepOneVector(decoder: decoding.Decoder): Map<number, number> | null {
  const copy = decoding.clone(decoder);
  try {
    if (decoding.readVarUint(copy) !== SYNC_STEP_1) return null;
    return Y.decodeStateVector(decoding.readVarUint8Array(copy));
  } catch {
    return null;
  }
}

export const SYNC_STEP_2 = 1;

/** The sync message type of a message body (after the message type), without consuming the decoder. */
export function peekSyncType(decoder: decoding.Decoder): number | null {
  try {
    return decoding.readVarUint(decoding.clone(decoder));
  } catch {
    return null;
  }
}

/** True when a local update only deletes: it moves no clock, so no state vector can acknowledge it. */
export function isDeleteOnly(update: Uint8Array): boolean {
  return Y.parseUpdateMeta(update).to.size === 0;
}

/**
 * Delete-only edits, which a state vector cannot acknowledge: a server step 1 sent before the server saw the
 * delete looks exactly like one sent after it. Until the next server step 1 arrives, the session's "local
 * edits since the last server vector" flag keeps the indicator at syncing; when one arrives while a delete
 * is unproven, the client proves it by a round trip: it sends its own step 1 on the same socket, and the
 * server answers every step 1 with a step 2, in order, holding the answer until everything it received
 * before is durable (docs/PROTOCOL.md, "Durability"). The step 2 answering a query sent after a delete
 * therefore means the delete is on disk. Answers are counted per connection; the provider's own step 1 on
 * open is query 1.
 *
 * Pure bookkeeping; the session sends the queries and feeds the events in.
 */
export class DeleteAcknowledgements {
  private queriesSent = 0;
  private answers = 0;
  /** A local delete is not yet known to be durable. */
  private unproven = false;
  /** A query must be sent (after the provider's answer to the server step 1 that asked for it). */
  private queryDue = false;
  /** The query whose answer proves every delete so far; null when none is out. */
  private awaiting: number | null = null;

  /** A server vector arrived after an unproven delete and cannot speak for it: not saved yet. */
  get pending(): boolean {
    return this.queryDue || this.awaiting !== null;
  }

  /** A query is due and not sent yet. */
  get wantsQuery(): boolean {
    return this.queryDue;
  }

  /** A socket opened; the provider is about to send its step 1 (query 1). */
  connected(): void {
    this.queriesSent = 1;
    this.answers = 0;
    this.queryDue = false;
    // A query on the old socket will never be answered, and the delete may have died with it: the provider
    // resends it in its answer to the new socket's first server step 1, which asks for a new query.
    this.awaiting = null;
  }

  /** A local delete-only edit (its frame is already sent, or will be resent on reconnect). */
  localDelete(): void {
    this.unproven = true;
    // A query already out was sent before this delete and cannot prove it.
    this.awaiting = null;
  }

  /** A server step 1 was handled; true when the caller must send a query after the provider's answer. */
  serverStepOne(): boolean {
    if (this.unproven && this.awaiting === null) this.queryDue = true;
    return this.queryDue;
  }

  /** Call as the query is sent. */
  querySent(): void {
    this.queriesSent += 1;
    this.awaiting = this.queriesSent;
    this.queryDue = false;
  }

  /** A step 2 arrived: the answer to the oldest unanswered query. */
  answered(): void {
    this.answers += 1;
    if (this.awaiting !== null && this.answers >= this.awaiting) {
      this.awaiting = null;
      this.unproven = false;
    }
  }
}
