/**
 * The lists a shot's cells offer, which a production can extend: shot sizes, camera movements, cameras
 * (beyond A, B and C) and frame rates. The defaults are fixed and always offered; what a production adds lives
 * in the shot list document, root `vocabularies`: Y.Map `<kind>:<value>` -> Y.Map {kind, value}. Keyed by the
 * value, so two tablets adding camera D at once write one entry, and two adding D and E both keep theirs.
 *
 * Sizes, movements and cameras are closed lists: a shot's value must be in the production's list when it is
 * written. Frame rates are suggestions: a camera can run at any rate, so any rate in range is accepted and the
 * list is what the cell offers first. A value removed from a list stays on the shots that use it (readers
 * accept any term, fields.ts), and the cell keeps showing it.
 */
import type * as Y from 'yjs';
import { ModelError } from './errors';
import * as f from './fields';
import { writeBoard } from './schema-version';
import * as v from './validate';
import { createEntity, eachEntity, type EntityMap } from './ydoc';

export const SHOT_SIZES = ['EWS', 'WS', 'FS', 'MS', 'MCU', 'CU', 'ECU', 'INSERT', 'TWO-SHOT', 'OTS'] as const;
export const SHOT_MOVEMENTS = [
  'static',
  'pan',
  'tilt',
  'dolly',
  'handheld',
  'steadicam',
  'crane',
  'drone',
  'zoom',
  'push-in',
] as const;
export const CAMERAS = ['A', 'B', 'C'] as const;
/** The rates a set uses most: film, PAL and NTSC video, their doubles for slow motion. */
export const FRAME_RATES = ['23.976', '24', '25', '29.97', '30', '48', '50', '59.94', '60'] as const;

export const VOCABULARY_KINDS = ['size', 'movement', 'camera', 'frameRate'] as const;
export type VocabularyKind = (typeof VOCABULARY_KINDS)[number];

/** Each list as the cells offer it: the defaults in their usual order, then what the production added. */
export type Vocabularies = Record<VocabularyKind, readonly string[]>;

export const VOCABULARY_LABELS: Record<VocabularyKind, string> = {
  size: 'Shot sizes',
  movement: 'Movements',
  camera: 'Cameras',
  frameRate: 'Frame rates',
};

export const DEFAULT_VOCABULARIES: Vocabularies = {
  size: SHOT_SIZES,
  movement: SHOT_MOVEMENTS,
  camera: CAMERAS,
  frameRate: FRAME_RATES,
};

export const VOCABULARY_FIELDS = {
  kind: f.choice(VOCABULARY_KINDS, 'size'),
  value: f.term(''),
};

/** The root as damage.ts walks it: an entry without a sound kind and value is no entry. */
export const VOCABULARY_SHAPE = {
  type: 'entities',
  fields: VOCABULARY_FIELDS,
  required: ['kind', 'value'],
} as const satisfies f.EntityShape;

function vocabularyRoot(doc: Y.Doc): EntityMap {
  return doc.getMap('vocabularies') as EntityMap;
}

const entryKey = (kind: VocabularyKind, value: string) => `${kind}:${value}`;

/** The same rate written the same way: `24.0` and `24` are one rate. */
function frameRateTerm(value: unknown): string {
  const typed = typeof value === 'string' ? Number(value.trim()) : value;
  return String(v.decimal('frameRate', typed, 1, 1_000, 3));
}

/** A value as it would be stored, or a ModelError naming the list: trimmed, short, no control characters. */
export function vocabularyTerm(kind: VocabularyKind, value: unknown): string {
  v.oneOf('kind', kind, VOCABULARY_KINDS);
  if (kind === 'frameRate') return frameRateTerm(value);
  const typed = v.nonEmpty(kind, value, 200).trim();
  if (!f.isTerm(typed)) throw new ModelError(kind, `is longer than ${f.TERM_MAX} characters`);
  return typed;
}

/** Reads every list; entries of an unknown kind or a broken value are skipped (damage.ts counts them). */
export function readVocabularies(doc: Y.Doc): Vocabularies {
  const added: Record<VocabularyKind, string[]> = { size: [], movement: [], camera: [], frameRate: [] };
  for (const [, e] of eachEntity(vocabularyRoot(doc))) {
    if (!f.isSoundEntity(e, VOCABULARY_SHAPE)) continue;
    const { kind, value } = f.readFields(e, VOCABULARY_FIELDS);
    if (kind === 'frameRate' && !(Number(value) >= 1 && Number(value) <= 1_000)) continue;
    if (!sameTerm(DEFAULT_VOCABULARIES[kind], value)) added[kind].push(value);
  }
  const out = {} as Record<VocabularyKind, readonly string[]>;
  for (const kind of VOCABULARY_KINDS) {
    const extra =
      kind === 'frameRate'
        ? added[kind].sort((a, b) => Number(a) - Number(b))
        : added[kind].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    out[kind] = [...DEFAULT_VOCABULARIES[kind], ...extra];
  }
  return out;
}

/** Whether `value` is one of the defaults, which no production removes. */
export function isDefaultTerm(kind: VocabularyKind, value: string): boolean {
  return (DEFAULT_VOCABULARIES[kind] as readonly string[]).includes(value);
}

function sameTerm(list: readonly string[], value: string): boolean {
  const folded = value.toLowerCase();
  return list.some((x) => x.toLowerCase() === folded);
}

/** Adds a value to a list; one already there (in any case: `cu` is CU) is refused, saying so. */
export function addVocabularyTerm(
  doc: Y.Doc,
  kind: VocabularyKind,
  value: unknown,
  origin?: unknown,
): string {
  const term = vocabularyTerm(kind, value);
  const list = readVocabularies(doc)[kind];
  if (kind === 'frameRate' ? list.some((x) => Number(x) === Number(term)) : sameTerm(list, term))
    throw new ModelError(kind, `${term} is already in the list`);
  writeBoard(doc, 'shotlist', origin, () =>
    createEntity(vocabularyRoot(doc), entryKey(kind, term), 'list value', { kind, value: term }),
  );
  return term;
}

/** Removes a value the production added; shots using it keep it. Defaults cannot be removed. */
export function removeVocabularyTerm(
  doc: Y.Doc,
  kind: VocabularyKind,
  value: string,
  origin?: unknown,
): void {
  v.oneOf('kind', kind, VOCABULARY_KINDS);
  if (isDefaultTerm(kind, value)) throw new ModelError(kind, `${value} is a default and stays in the list`);
  const root = vocabularyRoot(doc);
  const keys = [...eachEntity(root)]
    .filter(([, e]) => e.get('kind') === kind && e.get('value') === value)
    .map(([key]) => key);
  if (keys.length === 0) throw new ModelError(kind, `${value} is not in the list`);
  writeBoard(doc, 'shotlist', origin, () => {
    for (const key of keys) root.delete(key);
  });
}

/** Checks a shot's value against the production's list (frame rates: any rate in range). */
export function inVocabulary(kind: VocabularyKind, value: unknown, vocabularies: Vocabularies): string {
  if (kind === 'frameRate') return frameRateTerm(value);
  const allowed = vocabularies[kind];
  if (typeof value === 'string' && allowed.includes(value)) return value;
  throw new ModelError(
    kind,
    `must be one of ${allowed.join(', ')} (a writer can add to the list under "Edit lists"); got ${JSON.stringify(value)}`,
  );
}

/** The roots of the shot list document this module owns (for undo scopes and readers). */
export function vocabularyRoots(doc: Y.Doc) {
  return { vocabularies: vocabularyRoot(doc) };
}
