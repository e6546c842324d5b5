/**
 * Shot list CSV: export with every field, import that adds new shots and updates existing ones by id.
 * Import validates every row first and writes nothing if any row is bad; the good file is then applied
 * as one Yjs update (import.ts), so a reader never sees half of it.
 */
import type * as Y from 'yjs';
import type { Scene } from '../model/breakdown';
import { ModelError } from '../model/errors';
import { isOrderKey } from '../model/order-keys';
import {
  addShot,
  placeShot,
  readShot,
  readShots,
  setStoryboard,
  updateShot,
  validateShotFields,
  type ShotFields,
} from '../model/shotlist';
import { CsvError, CsvImportError } from './errors';
import { joinList, parseInteger, parseNumber, safeText, splitList, unsafeText } from './cells';
import { toCsv } from './csv';
import { applyAtomically, type ImportResult } from './import';
import { readTable, type TableRow } from './table';

export const SHOT_COLUMNS = [
  'id',
  'scene',
  'sceneId',
  'code',
  'size',
  'angle',
  'movement',
  'lens',
  'camera',
  'frameRate',
  'sound',
  'description',
  'cast',
  'setup',
  'setupMinutes',
  'shootMinutes',
  'status',
  'notes',
  'storyboard',
  'scriptOrder',
  'shootOrder',
] as const;

/** `scenes` (from the breakdown) fills the scene number column; without it the column is left empty. */
export function exportShotList(doc: Y.Doc, scenes: readonly Scene[] = []): string {
  const numbers = new Map(scenes.map((s) => [s.id, s.number]));
  const rows = readShots(doc, 'script').map((s) => [
    s.id,
    numbers.get(s.sceneId) ?? '',
    s.sceneId,
    s.code,
    s.size,
    s.angle,
    s.movement,
    s.lens,
    s.camera,
    String(s.frameRate),
    s.sound,
    safeText(s.description),
    joinList(s.castIds),
    safeText(s.setup),
    String(s.setupMinutes),
    String(s.shootMinutes),
    s.status,
    safeText(s.notes),
    joinList(s.storyboard),
    s.scriptOrder,
    s.shootOrder,
  ]);
  return toCsv([[...SHOT_COLUMNS], ...rows]);
}

/** Which CSV column an operation's field came from, so a ModelError points at the right cell. */
const COLUMN_OF_FIELD: Record<string, string> = { castIds: 'cast', sceneId: 'sceneId' };

interface ShotRow {
  row: number;
  id: string | null;
  sceneNumber: string | null;
  fields: Partial<ShotFields>;
  storyboard: string[] | null;
  scriptOrder: string | null;
  shootOrder: string | null;
}

function parseRow(r: TableRow, scenes: ReadonlyMap<string, string>): ShotRow {
  const cell = (name: string) => r.cells.get(name);
  const fields: Partial<ShotFields> = {};
  const text = (name: keyof ShotFields) => {
    const v = cell(name);
    if (v !== undefined) (fields as Record<string, unknown>)[name] = unsafeText(v);
  };
  const plain = (name: keyof ShotFields) => {
    const v = cell(name);
    if (v !== undefined && v !== '') (fields as Record<string, unknown>)[name] = v.trim();
  };
  const sceneNumber = cell('scene')?.trim() || null;
  const sceneId =
    cell('sceneId')?.trim() || (sceneNumber ? scenes.get(sceneNumber.toUpperCase()) : undefined);
  if (sceneNumber && !sceneId) throw new CsvError(r.row, 'scene', `no scene ${sceneNumber} in the breakdown`);
  if (sceneId) fields.sceneId = sceneId;
  for (const name of ['code', 'size', 'angle', 'movement', 'camera', 'sound', 'status'] as const) plain(name);
  for (const name of ['description', 'notes', 'setup', 'lens'] as const) text(name);
  const frameRate = cell('frameRate');
  if (frameRate) fields.frameRate = parseNumber(frameRate, r.row, 'frameRate');
  for (const name of ['setupMinutes', 'shootMinutes'] as const) {
    const v = cell(name);
    if (v) fields[name] = parseInteger(v, r.row, name);
  }
  const cast = cell('cast');
  if (cast !== undefined) fields.castIds = splitList(cast);
  const orderKey = (name: 'scriptOrder' | 'shootOrder') => {
    const v = cell(name)?.trim();
    if (!v) return null;
    if (!isOrderKey(v)) throw new CsvError(r.row, name, `not an order key: ${JSON.stringify(v)}`);
    return v;
  };
  const storyboard = cell('storyboard');
  return {
    row: r.row,
    id: cell('id')?.trim() || null,
    sceneNumber,
    fields,
    storyboard: storyboard === undefined ? null : splitList(storyboard),
    scriptOrder: orderKey('scriptOrder'),
    shootOrder: orderKey('shootOrder'),
  };
}

/**
 * Imports shots: a row whose id exists updates that shot (only the columns the file has); other rows add
 * shots (keeping the id when given). A missing code is generated from the scene number. New shots without
 * order keys go after the existing ones, in file order.
 */
export function importShotList(
  doc: Y.Doc,
  text: string,
  scenes: readonly Scene[] = [],
  origin?: unknown,
): ImportResult {
  const table = readTable(text, SHOT_COLUMNS);
  const sceneIds = new Map(scenes.map((s) => [s.number.toUpperCase(), s.id]));
  const problems: CsvError[] = [];
  const rows: ShotRow[] = [];
  const seen = new Set<string>();
  for (const r of table) {
    try {
      const parsed = parseRow(r, sceneIds);
      const exists = parsed.id !== null && readShot(doc, parsed.id) !== null;
      if (parsed.id !== null) {
        if (seen.has(parsed.id))
          throw new CsvError(r.row, 'id', `shot ${parsed.id} appears twice in the file`);
        seen.add(parsed.id);
      }
      if (!exists && parsed.fields.sceneId === undefined)
        throw new CsvError(r.row, 'scene', 'a new shot needs its scene');
      if (!exists && parsed.fields.code === undefined && parsed.sceneNumber === null) {
        throw new CsvError(r.row, 'code', 'give the shot code, or the scene number to generate one');
      }
      validateShotFields(parsed.fields);
      rows.push(parsed);
    } catch (error) {
      if (error instanceof ModelError)
        problems.push(new CsvError(r.row, COLUMN_OF_FIELD[error.field] ?? error.field, error.message));
      else if (error instanceof CsvError) problems.push(error);
      else throw error;
    }
  }
  if (problems.length) throw new CsvImportError(problems);
  return applyAtomically(doc, origin, (draft) => {
    let added = 0;
    let updated = 0;
    for (const r of rows) {
      try {
        let id = r.id;
        if (id !== null && readShot(draft, id) !== null) {
          updateShot(draft, id, r.fields);
          if (r.storyboard !== null) setStoryboard(draft, id, r.storyboard);
          updated++;
        } else {
          id = addShot(draft, {
            ...r.fields,
            sceneId: r.fields.sceneId!,
            ...(id !== null ? { id } : {}),
            ...(r.sceneNumber !== null ? { sceneNumber: r.sceneNumber } : {}),
            ...(r.storyboard !== null ? { storyboard: r.storyboard } : {}),
          });
          added++;
        }
        if (r.scriptOrder !== null || r.shootOrder !== null) {
          placeShot(draft, id, {
            scriptOrder: r.scriptOrder ?? undefined,
            shootOrder: r.shootOrder ?? undefined,
          });
        }
      } catch (error) {
        if (error instanceof ModelError) {
          throw new CsvImportError([
            new CsvError(r.row, COLUMN_OF_FIELD[error.field] ?? error.field, error.message),
          ]);
        }
        throw error;
      }
    }
    return { added, updated };
  });
}
