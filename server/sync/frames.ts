/** Outgoing frames as Buffers: ws sends a Buffer without copying or wrapping it, once per receiver. */
import { encodeAwarenessUpdate, type AwarenessEntry } from '../protocol/awareness';
import { encodeAwarenessMessage } from '../protocol/messages';

export const toBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export function awarenessFrame(entries: readonly AwarenessEntry[]): Buffer {
  return awarenessMessage(encodeAwarenessUpdate(entries));
}

export const awarenessMessage = (awarenessUpdate: Uint8Array): Buffer =>
  toBuffer(encodeAwarenessMessage(awarenessUpdate));
