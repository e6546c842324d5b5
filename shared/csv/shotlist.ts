/**
 * Shot list CSV: export with every field, import that adds new shots and updates existing ones by id.
 * Scenes are named by number and cast by billing number, never by internal ids, so a file travels between
 * productions. Import validates every row first and writes nothing if any row is bad; the good file is then
 * applied as one Yjs update (import.ts), so a reader never sees half of it. A scene number the breakdown
 * lacks is an error naming row and column, unless the import may create scenes (then it plans them, with
 * any missing cast billing numbers, for the breakdown first): a shot never points at a scene that is not there.
 */
import type * as Y from 'yjs';
import { addCastMember, addScene, type CastMember, type Scene } from '../model/breakdown';
import { newId } from '../model/ydoc';
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
import { readVocabularies } from '../model/vocabularies';
import { CsvError, CsvImportError } from './errors';
import { joinList, parseInteger, parseNumber, splitList } from './cells';
import { applyAtomically, type ImportResult } from './import';
import { readTable, writeTable, type TableRow } from './table';

export const SHOT_COLUMNS = [
  'id',
  'scene',
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

/** Files written before scenes travelled by number had a sceneId column; import still reads it. */
const IMPORT_COLUMNS = [...SHOT_COLUMNS, 'sceneId'] as const;

/** What the shot list CSV refers to in the breakdown (another document). */
export interface BreakdownRefs {
  scenes: readonly Scene[];
  cast: readonly CastMember[];
}

/**
 * The breakdown fills the scene number and the cast billing numbers; a shot whose scene is not in it gets
 * an empty scene cell, and a cast id with no member is left out.
 */
export function exportShotList(doc: Y.Doc, breakdown: BreakdownRefs = { scenes: [], cast: [] }): string {
  const numbers = new Map(breakdown.scenes.map((s) => [s.id, s.number]));
  const billing = new Map(breakdown.cast.map((c) => [c.id, String(c.billing)]));
  const rows = readShots(doc, 'script').map((s) => [
    s.id,
    numbers.get(s.sceneId) ?? '',
    s.code,
    s.size,
    s.angle,
    s.movement,
    s.lens,
    s.camera,
    String(s.frameRate),
    s.sound,
    s.description,
    joinList(
      s.castIds
        .flatMap((id) => (billing.has(id) ? [billing.get(id)!] : []))
        .sort((a, b) => Number(a) - Number(b)),
    ),
    s.setup,
    String(s.setupMinutes),
    String(s.shootMinutes),
    s.status,
    s.notes,
    joinList(s.storyboard),
    s.scriptOrder,
    s.shootOrder,
  ]);
  return writeTable(SHOT_COLUMNS, rows, ['frameRate', 'setupMinutes', 'shootMinutes']);
}

/** Which CSV column an operation's field came from, so a ModelError points at the right cell. */
const COLUMN_OF_FIELD: Record<string, string> = { castIds: 'cast', sceneId: 'scene' };

interface ShotRow {
  row: number;
  id: string | null;
  sceneNumber: string | null;
  fields: Partial<ShotFields>;
  storyboard: string[] | null;
  scriptOrder: string | null;
  shootOrder: string | null;
}

/** Scene numbers and billing numbers resolved (or planned) while rows are read. */
class Resolver {
  readonly newScenes = new Map<string, string>();
  readonly newCast = new Map<number, string>();
  private readonly sceneIds: Map<string, string>;
  private readonly knownSceneIds: Set<string>;
  private readonly castIds: Map<number, string>;
  private readonly knownCastIds: Set<string>;

  constructor(
    breakdown: BreakdownRefs,
    private readonly create: boolean,
  ) {
    this.sceneIds = new Map(breakdown.scenes.map((s) => [s.number.toUpperCase(), s.id]));
    this.knownSceneIds = new Set(breakdown.scenes.map((s) => s.id));
    this.castIds = new Map(breakdown.cast.map((c) => [c.billing, c.id]));
    this.knownCastIds = new Set(breakdown.cast.map((c) => c.id));
  }

  scene(row: number, number: string | null, legacyId: string | null): string | undefined {
    if (number) {
      const key = number.toUpperCase();
      const id = this.sceneIds.get(key) ?? this.newScenes.get(key);
      if (id) return id;
      if (!this.create) {
        throw new CsvError(
          row,
          'scene',
          `no scene ${number} in the breakdown (import with createScenes=1 to add it)`,
        );
      }
      const planned = newId();
      this.newScenes.set(key, planned);
      return planned;
    }
    if (legacyId) {
      if (!this.knownSceneIds.has(legacyId))
        throw new CsvError(row, 'sceneId', `no scene with id ${legacyId} in the breakdown`);
      return legacyId;
    }
    return undefined;
  }

  cast(row: number, cell: string): string[] {
    return splitList(cell).map((token) => {
      if (this.knownCastIds.has(token)) return token; // files written before cast travelled by billing number
      if (!/^\d{1,4}$/.test(token))
        throw new CsvError(row, 'cast', `expected billing numbers like 1; 3, got ${JSON.stringify(token)}`);
      const billing = Number(token);
      const id = this.castIds.get(billing) ?? this.newCast.get(billing);
      if (id) return id;
      if (!this.create)
        throw new CsvError(row, 'cast', `no cast member with billing number ${billing} in the breakdown`);
      const planned = newId();
      this.newCast.set(billing, planned);
      return planned;
    });
  }
}

function parseRow(r: TableRow, resolve: Resolver): ShotRow {
  const cell = (name: string) => r.cells.get(name);
  const fields: Partial<ShotFields> = {};
  const text = (name: keyof ShotFields) => {
    const v = cell(name);
    if (v !== undefined) (fields as Record<string, unknown>)[name] = v;
  };
  const plain = (name: keyof ShotFields) => {
    const v = cell(name);
    if (v !== undefined && v !== '') (fields as Record<string, unknown>)[name] = v.trim();
  };
  const sceneNumber = cell('scene')?.trim() || null;
  const sceneId = resolve.scene(r.row, sceneNumber, cell('sceneId')?.trim() || null);
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
  if (cast !== undefined) fields.castIds = resolve.cast(r.row, cast);
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

/** A validated shot list file, and the scenes and cast it needs created in the breakdown first. */
export interface ShotListImportPlan {
  rows: ShotRow[];
  /** Scene number -> the id the new scene will have. */
  newScenes: Map<string, string>;
  /** Billing number -> the id the new cast member will have. */
  newCast: Map<number, string>;
}

/**
 * Reads and validates a shot list file against the shot list and the breakdown, writing nothing. With
 * `createScenes`, scene and billing numbers the breakdown lacks are planned as new scenes and cast
 * (`addMissingToBreakdown`); without it each is an error naming row and column.
 */
export function planShotListImport(
  doc: Y.Doc,
  text: string,
  breakdown: BreakdownRefs,
  options: { createScenes: boolean },
): ShotListImportPlan {
  const table = readTable(text, IMPORT_COLUMNS);
  const resolve = new Resolver(breakdown, options.createScenes);
  const problems: CsvError[] = [];
  const rows: ShotRow[] = [];
  const seen = new Set<string>();
  // Sizes, movements and cameras must be in this production's lists (a writer extends them first).
  const vocabularies = readVocabularies(doc);
  for (const r of table) {
    try {
      const parsed = parseRow(r, resolve);
      const exists = parsed.id !== null && readShot(doc, parsed.id) !== null;
      if (parsed.id !== null) {
        if (seen.has(parsed.id))
          throw new CsvError(r.row, 'id', `shot ${parsed.id} appears twice in the file`);
        seen.add(parsed.id);
      }
      if (!exists && parsed.fields.sceneId === undefined)
        throw new CsvError(r.row, 'scene', 'a new shot needs its scene number');
      if (!exists && parsed.fields.code === undefined && parsed.sceneNumber === null) {
        throw new CsvError(r.row, 'code', 'give the shot code, or the scene number to generate one');
      }
      validateShotFields(parsed.fields, vocabularies);
      rows.push(parsed);
    } catch (error) {
      if (error instanceof ModelError)
        problems.push(new CsvError(r.row, COLUMN_OF_FIELD[error.field] ?? error.field, error.message));
      else if (error instanceof CsvError) problems.push(error);
      else throw error;
    }
  }
  if (problems.length) throw new CsvImportError(problems);
  return { rows, newScenes: resolve.newScenes, newCast: resolve.newCast };
}

/**
 * Adds the scenes and cast a planned import needs, as one update of the breakdown: a scene has only its
 * number until someone fills it in (INT, set "SCENE 12", DAY, 1/8); a cast member only their billing number.
 */
export function addMissingToBreakdown(breakdown: Y.Doc, plan: ShotListImportPlan, origin?: unknown): void {
  if (plan.newScenes.size === 0 && plan.newCast.size === 0) return;
  applyAtomically(breakdown, origin, (draft) => {
    for (const [billing, id] of plan.newCast) {
      addCastMember(draft, { id, billing, character: `CAST ${billing}`, actor: '' });
    }
    for (const [number, id] of plan.newScenes) {
      addScene(draft, { id, number, intExt: 'INT', set: `SCENE ${number}`, time: 'DAY', eighths: 1 });
    }
    return { added: plan.newScenes.size + plan.newCast.size, updated: 0 };
  });
}

/**
 * Imports shots: a row whose id exists updates that shot (only the columns the file has); other rows add
 * shots (keeping the id when given). A missing code is generated from the scene number. New shots without
 * order keys go after the existing ones, in file order. Every scene and cast member must already be in
 * `breakdown` (see planShotListImport for creating them).
 */
export function importShotList(
  doc: Y.Doc,
  text: string,
  breakdown: BreakdownRefs = { scenes: [], cast: [] },
  origin?: unknown,
): ImportResult {
  return applyShotListImport(doc, planShotListImport(doc, text, breakdown, { createScenes: false }), origin);
}

export function applyShotListImport(doc: Y.Doc, plan: ShotListImportPlan, origin?: unknown): ImportResult {
  const { rows } = plan;
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
