/**
 * The y-websocket wire: every frame is a varUint message type and its payload. Pure functions, no sockets;
 * the grammar and our additions are in docs/PROTOCOL.md. Decoding validates the whole frame (including the
 * Yjs update inside it), so whatever comes out of `decodeClientMessage` is safe to apply.
 */
import * as encoding from 'lib0/encoding';
import { readAwarenessUpdate, type AwarenessEntry, type KnownClock } from './awareness';
import { DecodeError, Reader } from './reader';
import type { Rejection } from './reject';
import { inspectStateVector, inspectUpdate } from './update';

export const MessageType = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3 } as const;
export const SyncMessageType = { Step1: 0, Step2: 1, Update: 2 } as const;

export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array; clients: number }
  | { type: 'sync-step2' | 'sync-update'; update: Uint8Array; empty: boolean; structs: number }
  | { type: 'awareness'; entries: AwarenessEntry[] }
  | { type: 'query-awareness' };

export type DecodeResult = { ok: true; message: ClientMessage } | Rejection;

function readSync(reader: Reader): ClientMessage {
  const syncType = reader.varUint();
  const payload = reader.varBytes();
  reader.end('sync message');
  if (syncType === SyncMessageType.Step1) {
    const sv = inspectStateVector(payload);
    if (!sv.ok)
      throw new DecodeError(sv.reason === 'truncated' ? 'invalid-state-vector' : sv.reason, sv.detail);
    return { type: 'sync-step1', stateVector: payload, clients: sv.clients };
  }
  if (syncType === SyncMessageType.Step2 || syncType === SyncMessageType.Update) {
    const summary = inspectUpdate(payload);
    if (!summary.ok) {
      throw new DecodeError(
        summary.reason === 'truncated' ? 'invalid-update' : summary.reason,
        summary.detail,
      );
    }
    return {
      type: syncType === SyncMessageType.Step2 ? 'sync-step2' : 'sync-update',
      update: payload,
      empty: summary.structs + summary.deletes === 0,
      structs: summary.structs,
    };
  }
  throw new DecodeError('unknown-sync-type', `sync message type ${syncType}`);
}

/**
 * Decodes and validates one binary frame from a client. `knownClock` lets awareness entries the room already
 * holds be skipped unread (awareness.ts).
 */
export function decodeClientMessage(frame: Uint8Array, knownClock?: KnownClock): DecodeResult {
  const reader = new Reader(frame, 'unknown-message-type');
  try {
    const type = reader.varUint();
    switch (type) {
      case MessageType.Sync:
        return { ok: true, message: readSync(reader) };
      case MessageType.Awareness: {
        const update = new Reader(reader.varBytes(), 'invalid-awareness');
        reader.end('awareness message');
        try {
          const entries = readAwarenessUpdate(update, knownClock);
          update.end('awareness update');
          return { ok: true, message: { type: 'awareness', entries } };
        } catch (error) {
          // Inside a length-delimited payload, running short means the payload itself is wrong.
          if (error instanceof DecodeError && error.reason === 'truncated') {
            throw new DecodeError('invalid-awareness', error.message);
          }
          throw error;
        }
      }
      case MessageType.QueryAwareness:
        reader.end('query-awareness message');
        return { ok: true, message: { type: 'query-awareness' } };
      default:
        // Auth (2) flows from server to client only; anything else is not y-websocket.
        throw new DecodeError('unknown-message-type', `message type ${type}`);
    }
  } catch (error) {
    if (error instanceof DecodeError) return { ok: false, reason: error.reason, detail: error.message };
    throw error;
  }
}

function frame(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function syncFrame(syncType: number, payload: Uint8Array): Uint8Array {
  return frame(MessageType.Sync, (encoder) => {
    encoding.writeVarUint(encoder, syncType);
    encoding.writeVarUint8Array(encoder, payload);
  });
}

export const encodeSyncStep1 = (stateVector: Uint8Array) => syncFrame(SyncMessageType.Step1, stateVector);
export const encodeSyncStep2 = (update: Uint8Array) => syncFrame(SyncMessageType.Step2, update);
export const encodeSyncUpdate = (update: Uint8Array) => syncFrame(SyncMessageType.Update, update);

export function encodeAwarenessMessage(awarenessUpdate: Uint8Array): Uint8Array {
  return frame(MessageType.Awareness, (encoder) => encoding.writeVarUint8Array(encoder, awarenessUpdate));
}

export function encodeQueryAwareness(): Uint8Array {
  return frame(MessageType.QueryAwareness, () => {});
}
