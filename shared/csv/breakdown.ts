/**
 * Breakdown CSV: scenes with every field, cast, locations (with coordinates) and elements in one file, one row per record
 * (`record` = cast, location, element or scene), so it round-trips and still opens as one sheet. Scenes name
 * their cast by billing number, their location by name and their elements by name in one column per
 * category (`Dock workers (12)` carries a count), so a file travels between productions.
 *
 * Import matches cast by billing number, locations by name, elements by category and name, scenes by
 * number: existing ones are updated, others added (keeping the file's id when it is free). Names a scene
 * uses that no row defines are added (a hand-made sheet may list props only on scenes). Everything is
 * written to a scratch copy first and applied as one update (import.ts), or not at all.
 */
import type * as Y from 'yjs';
import { formatEighths, parseEighths } from '../calc/eighths';
import {
  addCastMember,
  addLocation,
  addScene,
  ELEMENT_CATEGORIES,
  readBreakdown,
  updateCastMember,
  updateLocation,
  updateScene,
  type ElementCategory,
  type SceneInput,
} from '../model/breakdown';
import { addElement, findElement, tagElement, untagElement } from '../model/elements';
import { ModelError } from '../model/errors';
import { parseInteger, parseNumber, safeText, splitList, unsafeText, joinList } from './cells';
import { toCsv } from './csv';
import { CsvError, CsvImportError } from './errors';
import { applyAtomically, type ImportResult } from './import';
import { readTable, type TableRow } from './table';

/** `set-dressing` -> `setDressing`: category columns in the header's camelCase. */
const columnOf = (category: ElementCategory) =>
  category.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());
const CATEGORY_COLUMNS = ELEMENT_CATEGORIES.map(columnOf);

export const BREAKDOWN_COLUMNS = [
  'record',
  'id',
  'number',
  'intExt',
  'set',
  'time',
  'pages',
  'synopsis',
  'cast',
  'location',
  'omitted',
  ...CATEGORY_COLUMNS,
  'billing',
  'character',
  'actor',
  'name',
  'address',
  'hospital',
  'latitude',
  'longitude',
  'category',
] as const;

const RECORDS = ['cast', 'location', 'element', 'scene'] as const;

export function exportBreakdown(doc: Y.Doc): string {
  const b = readBreakdown(doc);
  const width = BREAKDOWN_COLUMNS.length;
  const row = (cells: Partial<Record<(typeof BREAKDOWN_COLUMNS)[number], string>>) =>
    BREAKDOWN_COLUMNS.map((name) => cells[name] ?? '').slice(0, width);
  const rows: string[][] = [];
  for (const c of b.cast) {
    rows.push(
      row({
        record: 'cast',
        id: c.id,
        billing: String(c.billing),
        character: safeText(c.character),
        actor: safeText(c.actor),
      }),
    );
  }
  for (const l of b.locations) {
    rows.push(
      row({
        record: 'location',
        id: l.id,
        name: safeText(l.name),
        address: safeText(l.address),
        hospital: safeText(l.hospital),
        latitude: l.latitude === null ? '' : String(l.latitude),
        longitude: l.longitude === null ? '' : String(l.longitude),
      }),
    );
  }
  for (const e of b.elements)
    rows.push(row({ record: 'element', id: e.id, category: e.category, name: safeText(e.name) }));
  const billing = new Map(b.cast.map((c) => [c.id, c.billing]));
  const locationName = new Map(b.locations.map((l) => [l.id, l.name]));
  const elementById = new Map(b.elements.map((e) => [e.id, e]));
  for (const s of b.scenes) {
    const perCategory: Record<string, string[]> = {};
    for (const tag of s.elements) {
      const element = elementById.get(tag.elementId);
      if (!element) continue;
      (perCategory[columnOf(element.category)] ??= []).push(
        tag.count > 1 ? `${element.name} (${tag.count})` : element.name,
      );
    }
    rows.push(
      row({
        record: 'scene',
        id: s.id,
        number: s.number,
        intExt: s.intExt,
        set: safeText(s.set),
        time: s.time,
        pages: formatEighths(s.eighths),
        synopsis: safeText(s.synopsis),
        cast: joinList(
          s.castIds
            .flatMap((id) => (billing.has(id) ? [billing.get(id)!] : []))
            .sort((x, y) => x - y)
            .map(String),
        ),
        location: safeText(s.locationId ? (locationName.get(s.locationId) ?? '') : ''),
        omitted: s.omitted ? 'yes' : '',
        ...Object.fromEntries(
          Object.entries(perCategory).map(([column, names]) => [
            column,
            safeText(joinList(names.sort((x, y) => x.localeCompare(y, 'en')))),
          ]),
        ),
      }),
    );
  }
  return toCsv([[...BREAKDOWN_COLUMNS], ...rows]);
}

/** `Dock workers (12)` -> name and count. */
function tagOf(text: string): { name: string; count: number } {
  const m = /^(.*?)\s*\((\d{1,4})\)$/.exec(text);
  return m && m[1] ? { name: m[1], count: Number(m[2]) } : { name: text, count: 1 };
}

export function importBreakdown(doc: Y.Doc, text: string, origin?: unknown): ImportResult {
  const table = readTable(text, BREAKDOWN_COLUMNS, ['record']);
  const problems: CsvError[] = [];
  const byRecord = new Map<string, TableRow[]>(RECORDS.map((r) => [r, []]));
  for (const r of table) {
    const record = r.cells.get('record')?.trim().toLowerCase() ?? '';
    if (!byRecord.has(record)) {
      problems.push(
        new CsvError(
          r.row,
          'record',
          `expected cast, location, element or scene, got ${JSON.stringify(record)}`,
        ),
      );
    } else byRecord.get(record)!.push(r);
  }
  if (problems.length) throw new CsvImportError(problems);
  let current: TableRow | null = null;
  try {
    return applyAtomically(doc, origin, (draft) => {
      let added = 0;
      let updated = 0;
      const cell = (r: TableRow, name: string) => r.cells.get(name)?.trim() ?? '';
      const id = (r: TableRow) => cell(r, 'id') || undefined;
      const free = (r: TableRow, taken: readonly { id: string }[]) => {
        const wanted = id(r);
        return wanted && !taken.some((x) => x.id === wanted) ? { id: wanted } : {};
      };
      for (const r of byRecord.get('cast')!) {
        current = r;
        const billing = parseInteger(cell(r, 'billing'), r.row, 'billing');
        const fields = { character: unsafeText(cell(r, 'character')), actor: unsafeText(cell(r, 'actor')) };
        const cast = readBreakdown(draft).cast;
        const existing = cast.find((c) => c.billing === billing);
        if (existing) {
          updateCastMember(draft, existing.id, fields);
          updated++;
        } else {
          addCastMember(draft, { billing, ...fields, ...free(r, cast) });
          added++;
        }
      }
      for (const r of byRecord.get('location')!) {
        current = r;
        const name = unsafeText(cell(r, 'name'));
        const coordinate = (column: 'latitude' | 'longitude') =>
          cell(r, column) === '' ? null : parseNumber(cell(r, column), r.row, column);
        const fields = {
          address: unsafeText(cell(r, 'address')),
          hospital: unsafeText(cell(r, 'hospital')),
          latitude: coordinate('latitude'),
          longitude: coordinate('longitude'),
        };
        const locations = readBreakdown(draft).locations;
        const existing = locations.find((l) => l.name.toLowerCase() === name.toLowerCase());
        if (existing) {
          updateLocation(draft, existing.id, fields);
          updated++;
        } else {
          addLocation(draft, { name, ...fields, ...free(r, locations) });
          added++;
        }
      }
      const category = (r: TableRow): ElementCategory => {
        const value = cell(r, 'category');
        if (!(ELEMENT_CATEGORIES as readonly string[]).includes(value)) {
          throw new CsvError(
            r.row,
            'category',
            `expected one of ${ELEMENT_CATEGORIES.join(', ')}, got ${JSON.stringify(value)}`,
          );
        }
        return value as ElementCategory;
      };
      for (const r of byRecord.get('element')!) {
        current = r;
        const name = unsafeText(cell(r, 'name'));
        if (findElement(draft, category(r), name)) continue;
        addElement(draft, { category: category(r), name, ...free(r, readBreakdown(draft).elements) });
        added++;
      }
      for (const r of byRecord.get('scene')!) {
        current = r;
        const b = readBreakdown(draft);
        const eighths = parseEighths(cell(r, 'pages'));
        if (eighths === null || eighths < 1) {
          throw new CsvError(
            r.row,
            'pages',
            `expected pages like 1 3/8, 4/8 or 2, got ${JSON.stringify(cell(r, 'pages'))}`,
          );
        }
        const castIds = splitList(cell(r, 'cast')).map((token) => {
          const member = /^\d{1,4}$/.test(token)
            ? b.cast.find((c) => c.billing === Number(token))
            : undefined;
          if (!member) throw new CsvError(r.row, 'cast', `no cast member with billing number ${token}`);
          return member.id;
        });
        const locationName = unsafeText(cell(r, 'location'));
        const location = locationName
          ? b.locations.find((l) => l.name.toLowerCase() === locationName.toLowerCase())
          : null;
        if (location === undefined)
          throw new CsvError(r.row, 'location', `no location called ${locationName}`);
        const omitted = cell(r, 'omitted').toLowerCase();
        if (!['', 'yes', 'no', 'true', 'false'].includes(omitted)) {
          throw new CsvError(r.row, 'omitted', `expected yes or empty, got ${JSON.stringify(omitted)}`);
        }
        const fields: SceneInput = {
          number: cell(r, 'number'),
          intExt: cell(r, 'intExt') as SceneInput['intExt'],
          set: unsafeText(cell(r, 'set')),
          time: cell(r, 'time') as SceneInput['time'],
          eighths,
          synopsis: unsafeText(cell(r, 'synopsis')),
          castIds,
          locationId: location?.id ?? null,
          omitted: omitted === 'yes' || omitted === 'true',
        };
        const existing = b.scenes.find((s) => s.number === fields.number.trim().toUpperCase());
        let sceneId: string;
        if (existing) {
          updateScene(draft, existing.id, fields);
          sceneId = existing.id;
          updated++;
        } else {
          sceneId = addScene(draft, { ...fields, ...free(r, b.scenes) });
          added++;
        }
        const wanted = new Map<string, number>();
        ELEMENT_CATEGORIES.forEach((cat, i) => {
          for (const entry of splitList(unsafeText(cell(r, CATEGORY_COLUMNS[i]!)))) {
            const { name, count } = tagOf(entry);
            const elementId = findElement(draft, cat, name)?.id ?? addElement(draft, { category: cat, name });
            wanted.set(elementId, count);
          }
        });
        const scene = readBreakdown(draft).scenes.find((s) => s.id === sceneId)!;
        for (const tag of scene.elements)
          if (!wanted.has(tag.elementId)) untagElement(draft, sceneId, tag.elementId);
        for (const [elementId, count] of wanted) tagElement(draft, sceneId, elementId, count);
      }
      return { added, updated };
    });
  } catch (error) {
    const row = (current as TableRow | null)?.row ?? 1;
    if (error instanceof CsvError) throw new CsvImportError([error]);
    if (error instanceof ModelError) {
      const column = error.field === 'castIds' ? 'cast' : error.field === 'eighths' ? 'pages' : error.field;
      throw new CsvImportError([new CsvError(row, column, error.message)]);
    }
    throw error;
  }
}
