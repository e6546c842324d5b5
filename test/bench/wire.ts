/**
 * Just enough of two wire dialects for a light client to join a document and read updates without building
 * it: y-websocket (our server and @y/websocket-server) and Hocuspocus (every message prefixed by the document
 * name, and an auth message before anything else).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export type DialectName = 'y-websocket' | 'hocuspocus';

const SYNC = 0;
const HOCUS_AUTH = 2;
const HOCUS_SYNC_REPLY = 4;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;
/** A Yjs update with no structs and an empty delete set. */
const EMPTY_UPDATE = new Uint8Array([0, 0]);
/** A state vector that knows nothing, so the server answers with its whole document. */
const EMPTY_STATE_VECTOR = new Uint8Array([0]);

export type Incoming =
  | { kind: 'step1' }
  | { kind: 'step2'; payload: Uint8Array }
  | { kind: 'update'; payload: Uint8Array }
  | { kind: 'authenticated' }
  | { kind: 'other' };

export interface Dialect {
  /** Frames to send once the socket is open. */
  open(): Uint8Array[];
  /** Frames to send once the server accepted us (Hocuspocus: after auth; y-websocket: at once). */
  start(): Uint8Array[];
  /** The minimal answer to the server's sync step 1: "I have nothing you lack". */
  answerStep1(): Uint8Array;
  update(update: Uint8Array): Uint8Array;
  parse(frame: Uint8Array): Incoming;
}

function syncFrame(prefix: ((e: encoding.Encoder) => void) | null, step: number, payload: Uint8Array) {
  const e = encoding.createEncoder();
  prefix?.(e);
  encoding.writeVarUint(e, SYNC);
  encoding.writeVarUint(e, step);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

function parseSync(d: decoding.Decoder): Incoming {
  const step = decoding.readVarUint(d);
  if (step === STEP1) return { kind: 'step1' };
  const payload = decoding.readVarUint8Array(d);
  return step === STEP2
    ? { kind: 'step2', payload }
    : step === UPDATE
      ? { kind: 'update', payload }
      : { kind: 'other' };
}

export function yWebsocketDialect(): Dialect {
  return {
    open: () => [syncFrame(null, STEP1, EMPTY_STATE_VECTOR)],
    start: () => [],
    answerStep1: () => syncFrame(null, STEP2, EMPTY_UPDATE),
    update: (update) => syncFrame(null, UPDATE, update),
    parse(frame) {
      const d = decoding.createDecoder(frame);
      return decoding.readVarUint(d) === SYNC ? parseSync(d) : { kind: 'other' };
    },
  };
}

export function hocuspocusDialect(documentName: string, token: string): Dialect {
  const prefix = (e: encoding.Encoder) => encoding.writeVarString(e, documentName);
  return {
    open() {
      const e = encoding.createEncoder();
      prefix(e);
      encoding.writeVarUint(e, HOCUS_AUTH);
      encoding.writeVarUint(e, 0); // AuthMessageType.Token
      encoding.writeVarString(e, token);
      return [encoding.toUint8Array(e)];
    },
    start: () => [syncFrame(prefix, STEP1, EMPTY_STATE_VECTOR)],
    answerStep1: () => syncFrame(prefix, STEP2, EMPTY_UPDATE),
    update: (update) => syncFrame(prefix, UPDATE, update),
    parse(frame) {
      const d = decoding.createDecoder(frame);
      decoding.readVarString(d);
      const type = decoding.readVarUint(d);
      if (type === SYNC || type === HOCUS_SYNC_REPLY) return parseSync(d);
      if (type === HOCUS_AUTH) {
        // AuthMessageType.Authenticated is 2; PermissionDenied (1) leaves the client waiting, which times out.
        return decoding.readVarUint(d) === 2 ? { kind: 'authenticated' } : { kind: 'other' };
      }
      return { kind: 'other' };
    },
  };
}
