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
}

/** What the server writes into every awareness state, whatever the client claimed. */
export interface AwarenessUser {
  id: string;
  name: string;
  role: string;
}

/** Reads an awareness update; throws DecodeError. Clients put objects (or null) in awareness, nothing else. */
export function readAwarenessUpdate(reader: Reader): AwarenessEntry[] {
  const count = reader.varUint();
  // Each entry takes at least three bytes; a count beyond that is a lie, caught before allocating for it.
  if (count * 3 > reader.remaining) {
    throw new DecodeError('truncated', `awareness: ${count} entries cannot fit in ${reader.remaining} bytes`);
  }
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = reader.varUint();
    const clock = reader.varUint();
    const text = reader.varString();
    let state: unknown;
    try {
      state = JSON.parse(text);
    } catch {
      throw new DecodeError('invalid-awareness', `awareness entry ${i}: state is not JSON`);
    }
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
      throw new DecodeError('invalid-awareness', `awareness entry ${i}: state is neither an object nor null`);
    }
    entries.push({ clientId, clock, state: state as AwarenessState | null });
  }
  return entries;
}

export function encodeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(encoder);
}

/** Replaces `user` in every present state with the token's identity. Returns new entries. */
export function withUser(entries: readonly AwarenessEntry[], user: AwarenessUser): AwarenessEntry[] {
  const vouched = { id: user.id, name: user.name, role: user.role };
  return entries.map((entry) =>
    entry.state === null ? entry : { ...entry, state: { ...entry.state, user: vouched } },
  );
}
