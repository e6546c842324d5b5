/**
 * The awareness update (y-protocols/awareness): a count, then per client its id, a clock and its state as a
 * JSON string ("null" when the client left). Decoded fully so the server can vouch for the `user` field.
 */
import * as encoding from 'lib0/encoding';
import { DecodeError, Reader } from './reader';

export type AwarenessState = Record<string, unknown>;

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** null: the client is gone. */
  state: AwarenessState | null;
  /** Bytes the state took in the frame, its length prefix included (set by the decoder; the room caps it). */
  bytes?: number;
  /**
   * The state's JSON as it arrived (set by the decoder). A renewal repeats it exactly, so the room tells a
   * renewal from a change by comparing strings, not objects.
   */
  text?: string;
  /** The state's JSON as it goes out, when already known (encoders use it instead of stringifying again). */
  json?: string;
}

/** What the server writes into every awareness state, whatever the client claimed. */
export interface AwarenessUser {
  id: string;
  name: string;
  role: string;
}

/**
 * The clock a room already holds for a client id (0 for none). Every stock provider re-sends each awareness
 * change it receives, so most entries a busy room reads are echoes of what it holds; with this, the decoder
 * skips them without parsing their JSON (a 500-tablet room reads about 500 x 66 of them every 2 s).
 */
export type KnownClock = (clientId: number) => number;

const NULL_STATE = [0x6e, 0x75, 0x6c, 0x6c]; // "null"

/**
 * Reads an awareness update; throws DecodeError. Clients put objects (or null) in awareness, nothing else.
 * With `knownClock`, entries that could change nothing are skipped unread: an older clock, or the same
 * clock with a state (the same clock counts only to remove a state, as in y-protocols).
 */
export function readAwarenessUpdate(reader: Reader, knownClock?: KnownClock): AwarenessEntry[] {
  const count = reader.varUint();
  // Each entry takes at least three bytes; a count beyond that is a lie, caught before allocating for it.
  if (count * 3 > reader.remaining) {
    throw new DecodeError('truncated', `awareness: ${count} entries cannot fit in ${reader.remaining} bytes`);
  }
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = reader.varUint();
    const clock = reader.varUint();
    const start = reader.pos;
    if (knownClock) {
      const known = knownClock(clientId);
      if (clock < known) {
        reader.varBytes();
        continue;
      }
      if (clock === known) {
        const raw = reader.varBytes();
        if (raw.length !== 4 || raw.some((byte, i) => byte !== NULL_STATE[i])) continue;
        reader.pos = start;
      }
    }
    const text = reader.varString();
    const bytes = reader.pos - start;
    let state: unknown;
    try {
      state = JSON.parse(text);
    } catch {
      throw new DecodeError('invalid-awareness', `awareness entry ${i}: state is not JSON`);
    }
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
      throw new DecodeError('invalid-awareness', `awareness entry ${i}: state is neither an object nor null`);
    }
    entries.push({ clientId, clock, state: state as AwarenessState | null, bytes, text });
  }
  return entries;
}

export function encodeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
  return encodeEntries(entries.map((entry) => [entry, entry.json ?? JSON.stringify(entry.state)]));
}

/**
 * The entries as several awareness updates of at most about `maxBytes` each (a single larger entry goes
 * alone). A stock provider re-sends every awareness change it receives in one frame, so what it is sent must
 * stay well under the frame limit or its own echo gets it closed.
 */
export function encodeAwarenessUpdates(entries: readonly AwarenessEntry[], maxBytes: number): Uint8Array[] {
  const updates: Uint8Array[] = [];
  let chunk: Array<[AwarenessEntry, string]> = [];
  let size = 0;
  for (const entry of entries) {
    const json = entry.json ?? JSON.stringify(entry.state);
    // An upper bound: three UTF-8 bytes per UTF-16 unit at most, and three varints.
    const bytes = json.length * 3 + 24;
    if (chunk.length > 0 && size + bytes > maxBytes) {
      updates.push(encodeEntries(chunk));
      chunk = [];
      size = 0;
    }
    chunk.push([entry, json]);
    size += bytes;
  }
  if (chunk.length > 0) updates.push(encodeEntries(chunk));
  return updates;
}

function encodeEntries(entries: ReadonlyArray<readonly [AwarenessEntry, string]>): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const [entry, json] of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
}

/** A function that stamps one state with the token's identity (a new object; the claimed `user` is gone). */
export function voucher(user: AwarenessUser): (state: AwarenessState) => AwarenessState {
  const vouched = { id: user.id, name: user.name, role: user.role };
  return (state) => ({ ...state, user: vouched });
}
