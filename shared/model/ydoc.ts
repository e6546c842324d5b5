/**
 * The few Yjs shapes every board uses: entities as a Y.Map of id -> Y.Map of fields (so two people editing
 * different fields of one row both keep their edit, and the same field resolves to one value everywhere),
 * and sets of ids as a nested Y.Map of id -> true (so two people adding different cast members both win).
 */
import * as Y from 'yjs';
import { ModelError } from './errors';

export type Entity = Y.Map<unknown>;
export type EntityMap = Y.Map<Entity>;

/** Ids for new entities. getRandomValues works in insecure contexts (a tablet on http://192.168.x.x). */
export function newId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function entity(map: EntityMap, id: string, kind: string): Entity {
  const found = map.get(id);
  if (!(found instanceof Y.Map)) throw new ModelError(kind, `no ${kind} with id ${id}`);
  return found;
}

export function createEntity(
  map: EntityMap,
  id: string,
  kind: string,
  fields: Record<string, unknown>,
): Entity {
  if (map.has(id)) throw new ModelError('id', `a ${kind} with id ${id} already exists`);
  const e: Entity = new Y.Map();
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) e.set(key, value);
  }
  map.set(id, e);
  return e;
}

export function setFields(e: Entity, fields: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(fields)) {
    // Writing an unchanged value would still win a concurrent edit of the same cell; skip it.
    if (value !== undefined && !sameValue(e.get(key), value)) e.set(key, value);
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    if (a instanceof Y.AbstractType || b instanceof Y.AbstractType) return false;
    return JSON.stringify(a) === JSON.stringify(b);
  }
  return false;
}

export function idSet(ids: readonly string[]): Y.Map<true> {
  const set = new Y.Map<true>();
  for (const id of ids) set.set(id, true);
  return set;
}

/** Make the nested set at `key` hold exactly `ids`, touching only what changed. */
export function writeIdSet(e: Entity, key: string, ids: readonly string[]): void {
  const set = e.get(key);
  if (!(set instanceof Y.Map)) {
    e.set(key, idSet(ids));
    return;
  }
  const wanted = new Set(ids);
  for (const existing of [...set.keys()]) if (!wanted.has(existing)) set.delete(existing);
  for (const id of wanted) if (!set.has(id)) set.set(id, true);
}

export function text(value: unknown): Y.Text {
  if (value instanceof Y.Text) return value;
  throw new ModelError('text', 'this field is not a shared text');
}

export function replaceText(t: Y.Text, value: string): void {
  if (t.toString() === value) return;
  t.delete(0, t.length);
  t.insert(0, value);
}

export const asString = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);

/**
 * Entities sorted by id, so every replica lists them in the same order before any user ordering. A value
 * that is not a Y.Map (anyone with write access can put one there) is no entity: skipped here, counted and
 * removed by damage.ts.
 */
export function entries(map: EntityMap): [string, Entity][] {
  const out: [string, Entity][] = [];
  for (const [id, value] of map.entries()) if (value instanceof Y.Map) out.push([id, value]);
  return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The entities in the map's own order (no sort): for scans that only collect. */
export function* eachEntity(map: EntityMap): Generator<[string, Entity]> {
  for (const [id, value] of map.entries()) if (value instanceof Y.Map) yield [id, value];
}

/** The entity at `id`, or null when there is none or the value there is not a Y.Map. */
export function entityOrNull(map: EntityMap, id: string): Entity | null {
  const value: unknown = map.get(id);
  return value instanceof Y.Map ? (value as Entity) : null;
}
