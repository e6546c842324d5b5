/**
 * Damaged items: values in a board document that no operation could have written (a card that is a string,
 * a shot's notes that are a number, a log entry without a time). Anyone with write access can send them,
 * careless or not; the readers skip or ignore them (fields.ts), so a board always renders, and this module
 * counts them for the "N damaged items" notice and removes them in one transaction.
 *
 * What counts as one item: a root entry that is no entity (or lacks a required field), a list entry of the
 * wrong shape, an entity field of the wrong shape, an entry of a reference list that is not a reference, and
 * a board setting (`meta`) of the wrong shape. Unknown fields and roots are left alone: a newer version of
 * the app may have written them.
 */
import * as Y from 'yjs';
import { BOARDS, type Board } from '../boards';
import { BREAKDOWN_SHAPE } from './breakdown';
import { CALLSHEET_SHAPE } from './callsheet';
import { COSTREPORT_SHAPE } from './costreport';
import { DPR_SHAPE } from './dpr';
import { ModelError } from './errors';
import { isDamaged, isSoundEntity, type DocShape, type EntityShape, type Field } from './fields';
import { MOODBOARD_SHAPE } from './moodboard';
import { SCHEDULE_SHAPE } from './schedule';
import { metaMap, schemaVersion, SCHEMA_VERSIONS } from './schema-version';
import { SHOTLIST_SHAPE } from './shotlist';
import * as v from './validate';

export const BOARD_SHAPES: Record<Board, DocShape> = {
  breakdown: BREAKDOWN_SHAPE,
  shotlist: SHOTLIST_SHAPE,
  schedule: SCHEDULE_SHAPE,
  moodboard: MOODBOARD_SHAPE,
  costreport: COSTREPORT_SHAPE,
  callsheet: CALLSHEET_SHAPE,
  dpr: DPR_SHAPE,
};

export type Damage =
  /** `root[id]` is no entity, or lacks a required field (or, in a values root, is no sound value): it goes. */
  | { type: 'entry'; root: string; id: string }
  /** `root[index]` of a list (log, comments) is not a sound entry. */
  | { type: 'list-entry'; root: string; index: number }
  /** One field of a sound entity (or of `meta`, with id null) has the wrong shape. */
  | { type: 'field'; root: string; id: string | null; field: string; kind: Field<unknown>['kind'] }
  /** `root[id][field][index]` of a reference list is not a reference. */
  | { type: 'ref'; root: string; id: string; field: string; index: number };

/** Every damaged item of `doc`, read as `board`, in a stable order. */
export function findDamage(board: Board, doc: Y.Doc): Damage[] {
  const found: Damage[] = [];
  const meta = metaMap(doc);
  for (const key of ['schemaVersion', 'board'] as const) {
    const value: unknown = meta.get(key);
    if (value !== undefined && !soundMetaValue(board, key, value))
      found.push({ type: 'field', root: 'meta', id: null, field: key, kind: 'plain' });
  }
  for (const [root, shape] of Object.entries(BOARD_SHAPES[board])) {
    if (shape.type === 'meta') {
      fieldDamage(meta, shape.fields, root, null, found);
    } else if (shape.type === 'list') {
      doc.getArray(root).forEach((entry, index) => {
        if (!shape.entry(entry)) found.push({ type: 'list-entry', root, index });
      });
    } else if (shape.type === 'values') {
      for (const [key, value] of [...doc.getMap(root).entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
        if (shape.key(key) && isDamaged(shape.value(key), value))
          found.push({ type: 'entry', root, id: key });
      }
    } else {
      for (const [id, value] of [...doc.getMap(root).entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
        if (!isSoundEntity(value, shape)) found.push({ type: 'entry', root, id });
        else fieldDamage(value, shape.fields, root, id, found);
      }
    }
  }
  return found;
}

/** How many damaged items `doc` holds, for the board's notice. */
export function countDamage(board: Board, doc: Y.Doc): number {
  return findDamage(board, doc).length;
}

/**
 * Removes every damaged item in one transaction and returns how many it removed: broken entries and list
 * entries go, broken fields are deleted (the board shows their default) or, for shared texts and reference
 * lists, replaced by an empty one of the right type (a string's words are kept). Refuses a document of a
 * newer version than this app, whose layout it does not know.
 */
export function removeDamaged(board: Board, doc: Y.Doc, origin?: unknown): number {
  v.oneOf('board', board, BOARDS);
  const version = schemaVersion(doc);
  // Infinity or 2.5 is damage; a whole number past ours may be a newer app's layout, unknown here.
  if (Number.isInteger(version) && version > SCHEMA_VERSIONS[board]) {
    throw new ModelError(
      'schemaVersion',
      `this ${board} document is version ${version}; this app knows ${SCHEMA_VERSIONS[board]}. Reload to update.`,
    );
  }
  const damage = findDamage(board, doc);
  if (damage.length === 0) return 0;
  doc.transact(() => {
    // Later list positions first, so deleting one does not move the others.
    const byIndexDesc = [...damage].sort((a, b) => indexOf(b) - indexOf(a));
    for (const item of byIndexDesc) repair(board, doc, item);
  }, origin ?? null);
  return damage.length;
}

function indexOf(d: Damage): number {
  return d.type === 'list-entry' || d.type === 'ref' ? d.index : -1;
}

function repair(board: Board, doc: Y.Doc, d: Damage): void {
  switch (d.type) {
    case 'entry':
      doc.getMap(d.root).delete(d.id);
      return;
    case 'list-entry':
      doc.getArray(d.root).delete(d.index, 1);
      return;
    case 'ref': {
      const list = (doc.getMap(d.root).get(d.id) as Y.Map<unknown>).get(d.field) as Y.Array<unknown>;
      list.delete(d.index, 1);
      return;
    }
    case 'field': {
      if (d.id === null) {
        const meta = metaMap(doc);
        if (d.field === 'schemaVersion') meta.set('schemaVersion', SCHEMA_VERSIONS[board]);
        else if (d.field === 'board') meta.set('board', board);
        else meta.delete(d.field);
        return;
      }
      const e = doc.getMap(d.root).get(d.id) as Y.Map<unknown>;
      const old: unknown = e.get(d.field);
      if (d.kind === 'text') e.set(d.field, new Y.Text(typeof old === 'string' ? old : ''));
      else if (d.kind === 'refs') e.set(d.field, new Y.Array<string>());
      else e.delete(d.field);
    }
  }
}

function fieldDamage(
  e: Y.Map<unknown>,
  fields: EntityShape['fields'],
  root: string,
  id: string | null,
  found: Damage[],
): void {
  for (const [field, rule] of Object.entries(fields)) {
    const value: unknown = e.get(field);
    if (value === undefined) continue;
    if (isDamaged(rule, value)) {
      found.push({ type: 'field', root, id, field, kind: rule.kind });
    } else if (rule.kind === 'refs' && id !== null && value instanceof Y.Array) {
      value.forEach((ref, index) => {
        if (typeof ref !== 'string') found.push({ type: 'ref', root, id, field, index });
      });
    }
  }
}

function soundMetaValue(board: Board, key: 'schemaVersion' | 'board', value: unknown): boolean {
  if (key === 'board') return value === board;
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}
