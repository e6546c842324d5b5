/**
 * Structural validation of Yjs v1 updates and state vectors, without a document. It walks exactly the grammar
 * Yjs reads (structs per client, then the delete set) and demands the bytes end where the grammar ends, so a
 * truncated, padded or nonsense update is refused before it can touch a document or the store.
 */
import { DecodeError, Reader } from './reader';
import type { Rejection } from './reject';

export interface UpdateSummary {
  ok: true;
  /** Structs (items, GC and skip ranges) in the update. */
  structs: number;
  /** Deleted ranges in the update's delete set. */
  deletes: number;
}

/** Content kinds, by the low five bits of a struct's info byte (Yjs `contentRefs`). */
const GC = 0;
const SKIP = 10;
const BITS5 = 0b11111;
const HAS_ORIGIN = 0b1000_0000;
const HAS_RIGHT_ORIGIN = 0b0100_0000;
const HAS_PARENT_SUB = 0b0010_0000;
/** Type refs 0..6 are YArray, YMap, YText, YXmlElement, YXmlFragment, YXmlHook, YXmlText. */
const TYPE_REF_COUNT = 7;
const XML_ELEMENT = 3;
const XML_HOOK = 5;

function invalid(reader: Reader, message: string): DecodeError {
  return new DecodeError('invalid-update', `byte ${reader.pos}: ${message}`);
}

/** Lengths are clocks: a zero-length struct or range never comes from Yjs and would not advance a clock. */
function length(reader: Reader, what: string): number {
  const n = reader.varUint();
  if (n === 0) throw invalid(reader, `${what} of length 0`);
  return n;
}

function json(reader: Reader, what: string): void {
  const text = reader.varString();
  if (text === 'undefined') return;
  try {
    JSON.parse(text);
  } catch {
    throw invalid(reader, `${what} is not JSON`);
  }
}

/** Skips an item's content and returns its length in clock ticks (Yjs `getLength`). */
function skipContent(reader: Reader, ref: number): number {
  switch (ref) {
    case 1: // deleted
      return length(reader, 'deleted content');
    case 2: {
      const count = length(reader, 'JSON content');
      for (let i = 0; i < count; i++) json(reader, 'JSON content');
      return count;
    }
    case 3: // binary
      reader.varBytes();
      return 1;
    case 4: {
      // Strings count UTF-16 code units, as JavaScript (and so Yjs) does.
      const units = reader.varString().length;
      if (units === 0) throw invalid(reader, 'string content of length 0');
      return units;
    }
    case 5: // embed
      json(reader, 'embed');
      return 1;
    case 6: // format: key, JSON value
      reader.varString();
      json(reader, 'format value');
      return 1;
    case 7: {
      const typeRef = reader.varUint();
      if (typeRef >= TYPE_REF_COUNT) throw invalid(reader, `unknown type ref ${typeRef}`);
      if (typeRef === XML_ELEMENT || typeRef === XML_HOOK) reader.varString();
      return 1;
    }
    case 8: {
      const count = length(reader, 'any content');
      for (let i = 0; i < count; i++) reader.skipAny();
      return count;
    }
    case 9: // subdocument: guid, options
      reader.varString();
      reader.skipAny();
      return 1;
    default:
      throw invalid(reader, `unknown content ref ${ref}`);
  }
}

/**
 * Reads an id an item points to (origin, right origin, parent). Within one client, an item can only point to
 * an earlier clock: Yjs assumes so and fails mid-integration otherwise.
 */
function skipId(reader: Reader, client: number, clock: number): void {
  const target = reader.varUint();
  const targetClock = reader.varUint();
  if (target === client && targetClock >= clock) {
    throw invalid(reader, `item ${client}:${clock} points at ${target}:${targetClock}, not before it`);
  }
}

function skipStructs(reader: Reader): number {
  let structs = 0;
  const clients = reader.varUint();
  for (let c = 0; c < clients; c++) {
    const count = reader.varUint();
    const client = reader.varUint();
    let clock = reader.varUint();
    for (let s = 0; s < count; s++) {
      const info = reader.uint8();
      const ref = info & BITS5;
      structs++;
      if (ref === GC || ref === SKIP) {
        clock += length(reader, ref === GC ? 'GC range' : 'skip range');
        continue;
      }
      if (info & HAS_ORIGIN) skipId(reader, client, clock);
      if (info & HAS_RIGHT_ORIGIN) skipId(reader, client, clock);
      if ((info & (HAS_ORIGIN | HAS_RIGHT_ORIGIN)) === 0) {
        // Without neighbours the parent is named: 1 = a root type by key, 0 = an item id.
        const parentIsRoot = reader.varUint();
        if (parentIsRoot === 1) reader.varString();
        else if (parentIsRoot === 0) skipId(reader, client, clock);
        else throw invalid(reader, `parent flag ${parentIsRoot}`);
        if (info & HAS_PARENT_SUB) reader.varString();
      }
      clock += skipContent(reader, ref);
    }
  }
  return structs;
}

function skipDeleteSet(reader: Reader): number {
  let deletes = 0;
  const clients = reader.varUint();
  for (let c = 0; c < clients; c++) {
    reader.varUint(); // client
    const ranges = reader.varUint();
    for (let r = 0; r < ranges; r++) {
      reader.varUint(); // clock
      length(reader, 'delete range');
      deletes++;
    }
  }
  return deletes;
}

function failure(error: unknown, what: string): Rejection {
  if (error instanceof DecodeError)
    return { ok: false, reason: error.reason, detail: `${what}: ${error.message}` };
  throw error;
}

/** Validates a Yjs v1 update. An update with neither structs nor deletes is valid and means "nothing". */
export function inspectUpdate(update: Uint8Array): UpdateSummary | Rejection {
  const reader = new Reader(update, 'invalid-update');
  try {
    const structs = skipStructs(reader);
    const deletes = skipDeleteSet(reader);
    reader.end('update');
    return { ok: true, structs, deletes };
  } catch (error) {
    return failure(error, 'update');
  }
}

/** Validates an encoded state vector (client, clock pairs); returns how many clients it names. */
export function inspectStateVector(stateVector: Uint8Array): { ok: true; clients: number } | Rejection {
  const reader = new Reader(stateVector, 'invalid-state-vector');
  try {
    const clients = reader.varUint();
    for (let c = 0; c < clients; c++) {
      reader.varUint(); // client
      reader.varUint(); // clock
    }
    reader.end('state vector');
    return { ok: true, clients };
  } catch (error) {
    return failure(error, 'state vector');
  }
}
