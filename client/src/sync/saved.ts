/**
 * "Every edit saved": the server sends a connection its state vector (sync step 1) after that connection's
 * updates are durable. The local document is saved when that vector covers every clock the local one has.
 * Pure functions, so the rule is tested without sockets.
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
