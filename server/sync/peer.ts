/**
 * What a room does with traffic from the same document's rooms on other instances. A peer stored its
 * updates before publishing them, so they are applied and relayed here but never stored or published again.
 */
import * as Y from 'yjs';
import type { FanoutKind } from '../fanout/fanout';
import { decodeClientMessage, encodeSyncUpdate } from '../protocol/messages';
import { awarenessFrame, toBuffer } from './frames';
import { PEER_ORIGIN } from './origin';
import type { Room } from './room';

export function applyPeerFrame(room: Room, kind: FanoutKind, payload: Uint8Array): void {
  if (room.state === 'closed') return;
  const decoded = decodeClientMessage(payload);
  if (!decoded.ok) {
    room.options.logger.warn(
      { doc: room.docName, kind, reason: decoded.reason },
      'Ignored a bad fan-out frame',
    );
    return;
  }
  const message = decoded.message;
  if (message.type === 'sync-update' || message.type === 'sync-step2') {
    if (room.couldChange(message.update)) Y.applyUpdate(room.doc, message.update, PEER_ORIGIN);
    room.broadcast(toBuffer(payload), null);
  } else if (message.type === 'awareness') {
    const applied = room.awareness.apply(message.entries, null, Date.now());
    if (applied.length > 0) room.broadcast(awarenessFrame(applied), null);
  }
}

/**
 * Applies what the store holds and this room lacks (rows other instances stored that never reached it), and
 * relays those changes to the room's sockets. Returns the store's last seq.
 */
export async function mergeFromStore(room: Room): Promise<number> {
  const stored = await room.options.store.load(room.docName);
  if (room.state === 'closed') return stored.seq;
  // A dormant room holding everything stored stays asleep (the periodic fan-out resync asks every minute).
  const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
  if (room.isDormant && !parts.some((part) => room.couldChange(part))) return stored.seq;
  const missing: Uint8Array[] = [];
  const collect = (update: Uint8Array) => missing.push(update);
  room.doc.on('update', collect);
  try {
    room.doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(room.doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(room.doc, update);
    }, PEER_ORIGIN);
  } finally {
    room.doc.off('update', collect);
  }
  for (const update of missing) room.broadcast(toBuffer(encodeSyncUpdate(update)), null);
  return stored.seq;
}

/** The fan-out may have lost messages: merge the store's state and re-announce this room's awareness. */
export async function resyncFromStore(room: Room): Promise<void> {
  if (room.state !== 'open') return;
  try {
    await mergeFromStore(room);
    if (room.state !== 'open') return;
    const own = [...room.connections].flatMap((connection) => room.awareness.states(connection));
    if (own.length > 0) room.options.fanout?.publish(room.docName, 'awareness', awarenessFrame(own));
  } catch (error) {
    room.options.logger.warn({ err: error, doc: room.docName }, 'Resync from the store failed');
  }
}
