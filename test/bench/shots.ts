/**
 * Shot-list rows as the boards hold them (shared/model/ydoc.ts): a Y.Map of shot id -> Y.Map of about fifteen
 * fields, cast as a nested id -> true map. Edits carry a marker string that light receivers find in the raw
 * update bytes (Yjs writes strings as UTF-8), so a receiver can time a delivery without building a document.
 */
import * as Y from 'yjs';

export const SHOTS_KEY = 'shots';

const SIZES = ['EWS', 'WS', 'FS', 'MS', 'MCU', 'CU', 'ECU', 'insert', 'two-shot', 'OTS'];
const ANGLES = ['eye level', 'high', 'low', 'Dutch', 'overhead', 'POV'];
const MOVES = ['static', 'pan', 'tilt', 'dolly', 'handheld', 'gimbal', 'crane', 'drone', 'zoom', 'push-in'];
const CODE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

export function shotId(prefix: string, n: number): string {
  return `${prefix}-${n.toString(36).padStart(5, '0')}`;
}

/** Adds `count` shots numbered from `start`, in one transaction. */
export function addShots(doc: Y.Doc, prefix: string, start: number, count: number): void {
  const shots = doc.getMap<Y.Map<unknown>>(SHOTS_KEY);
  doc.transact(() => {
    for (let n = start; n < start + count; n++) {
      const scene = 1 + Math.floor(n / 8);
      const row = new Y.Map<unknown>();
      shots.set(shotId(prefix, n), row);
      row.set('scene', String(scene));
      row.set('code', `${scene}${CODE_LETTERS[n % CODE_LETTERS.length]}`);
      row.set('size', SIZES[n % SIZES.length]);
      row.set('angle', ANGLES[n % ANGLES.length]);
      row.set('movement', MOVES[n % MOVES.length]);
      row.set('lens', `${[24, 35, 50, 85][n % 4]}mm`);
      row.set('camera', 'ABC'[n % 3]);
      row.set('frameRate', 24);
      row.set('sound', n % 5 === 0 ? 'MOS' : 'sync');
      row.set(
        'description',
        `Scene ${scene}: ${SIZES[n % SIZES.length]} on the lead as she crosses to the window, ` +
          `rack focus to the street below; hold for the line, then push in slowly. Practical lamp on, window keyed at 5600K. Take ${n}.`,
      );
      const cast = new Y.Map<true>();
      row.set('cast', cast);
      cast.set(String(1 + (n % 7)), true);
      cast.set(String(1 + ((n + 3) % 7)), true);
      row.set('setupMinutes', 10 + (n % 30));
      row.set('shootMinutes', 5 + (n % 20));
      row.set('status', 'planned');
      row.set('notes', '');
      row.set('order', `a${n.toString(36).padStart(6, '0')}`);
    }
  });
}

/** The whole content of `count` shots as Yjs updates of at most `perUpdate` shots each (frames stay small). */
export function shotListUpdates(
  prefix: string,
  count: number,
  perUpdate: number,
  clientId: number,
): Uint8Array[] {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let start = 0; start < count; start += perUpdate) {
    addShots(doc, prefix, start, Math.min(perUpdate, count - start));
  }
  doc.destroy();
  return updates;
}

export function countShots(doc: Y.Doc): number {
  return doc.getMap(SHOTS_KEY).size;
}

/**
 * A marker names its writer and sequence number and carries the send time (performance.timeOrigin + now,
 * comparable across worker threads). Tildes cannot appear in the generated fields, so a match is a marker.
 */
export function marker(writer: number, seq: number, sentAt: number): string {
  return `~m${writer}.${seq}@${sentAt.toFixed(3)}~`;
}

const MARKER = /~m(\d+)\.(\d+)@(\d+\.\d+)~/g;

export interface FoundMarker {
  writer: number;
  seq: number;
  sentAt: number;
}

/** Every marker in a frame; several when a server merges updates into one message. */
export function findMarkers(frame: Uint8Array): FoundMarker[] {
  const text = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength).toString('latin1');
  const found: FoundMarker[] = [];
  for (const m of text.matchAll(MARKER)) {
    found.push({ writer: Number(m[1]), seq: Number(m[2]), sentAt: Number(m[3]) });
  }
  return found;
}

export function now(): number {
  return performance.timeOrigin + performance.now();
}
