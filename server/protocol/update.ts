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

function skipContent(reader: Reader, ref: number): void {
  switch (ref) {
    case 1: // deleted
      length(reader, 'deleted content');
      return;
    case 2: {
      const count = length(reader, 'JSON content');
      for (let i = 0; i < count; i++) json(reader, 'JSON content');
      return;
    }
    case 3: // binary
      reader.varBytes();
      return;
    case 4: // string
      if (reader.varString().length === 0) throw invalid(reader, 'string content of length 0');
      return;
    case 5: // embed
      json(reader, 'embed');
      return;
    case 6: // format: key, JSON value
      reader.varBytes();
      json(reader, 'format value');
      return;
    case 7: {
      const typeRef = reader.varUint();
      if (typeRef >= TYPE_REF_COUNT) throw invalid(reader, `unknown type ref ${typeRef}`);
      if (typeRef === XML_ELEMENT || typeRef === XML_HOOK) reader.varBytes();
      return;
    }
    case 8: {
      const count = length(reader, 'any content');
      for (let i = 0; i < count; i++) reader.skipAny('invalid-update');
      return;
    }
    case 9: // subdocument: guid, options
      reader.varBytes();
      reader.skipAny('invalid-update');
      return;
    default:
      throw invalid(reader, `unknown content ref ${ref}`);
  }
}

function skipId(reader: Reader): void {
  reader.varUint();
  reader.varUint();
}

function skipStructs(reader: Reader): number {
  let structs = 0;
  const clients = reader.varUint();
  for (let c = 0; c < clients; c++) {
    const count = reader.varUint();
    reader.varUint(); // client
    reader.varUint(); // clock of the first struct
    for (let s = 0; s < count; s++) {
      const info = reader.uint8();
      const ref = info & BITS5;
      structs++;
      if (ref === GC || ref === SKIP) {
        length(reader, ref === GC ? 'GC range' : 'skip range');
        continue;
      }
      if (info & HAS_ORIGIN) skipId(reader);
      if (info & HAS_RIGHT_ORIGIN) skipId(reader);
      if ((info & (HAS_ORIGIN | HAS_RIGHT_ORIGIN)) === 0) {
        // Without neighbours the parent is named: 1 = a root type by key, 0 = an item id.
        const parentIsRoot = reader.varUint();
        if (parentIsRoot === 1) reader.varBytes();
        else if (parentIsRoot === 0) skipId(reader);
        else throw invalid(reader, `parent flag ${parentIsRoot}`);
        if (info & HAS_PARENT_SUB) reader.varBytes();
      }
      skipContent(reader, ref);
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
  const reader = new Reader(update);
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
  const reader = new Reader(stateVector);
  try {
    const clients = reader.varUint();
    for (let c = 0; c < clients; c++) skipId(reader);
    reader.end('state vector');
    return { ok: true, clients };
  } catch (error) {
    return failure(error, 'state vector');
  }
}
