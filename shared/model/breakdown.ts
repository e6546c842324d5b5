/**
 * The breakdown board: scenes, cast members and locations. Root types:
 * - `scenes`: Y.Map sceneId -> Y.Map {number, intExt, set, time, eighths, synopsis, cast: Y.Map castId->true,
 *   locationId, omitted}
 * - `cast`: Y.Map castId -> Y.Map {billing, character, actor}
 * - `locations`: Y.Map locationId -> Y.Map {name, address, hospital, latitude, longitude}
 */
import * as Y from 'yjs';
import { ModelError } from './errors';
import { writeBoard } from './schema-version';
import * as v from './validate';
import * as f from './fields';
import {
  createEntity,
  entity,
  entityOrNull,
  entries,
  newId,
  setFields,
  writeIdSet,
  type Entity,
  type EntityMap,
} from './ydoc';

export const INT_EXT = ['INT', 'EXT', 'INT/EXT'] as const;
export type IntExt = (typeof INT_EXT)[number];
export const TIMES_OF_DAY = ['DAY', 'NIGHT', 'DAWN', 'DUSK'] as const;
export type TimeOfDay = (typeof TIMES_OF_DAY)[number];

export interface Scene {
  id: string;
  /** `12`, `12A`, `A12`: a string because inserted scenes take letters. */
  number: string;
  intExt: IntExt;
  set: string;
  time: TimeOfDay;
  /** Page length as a count of eighths of a page (`1 3/8` is 11). At least 1. */
  eighths: number;
  synopsis: string;
  castIds: string[];
  locationId: string | null;
  /** Omitted scenes stay so their number is never reused. */
  omitted: boolean;
  /** Breakdown elements tagged on this scene (props, vehicles, background ...), by element id. */
  elements: SceneElement[];
}

/** Element categories of a breakdown sheet, besides cast (which has its own table and billing numbers). */
export const ELEMENT_CATEGORIES = [
  'background',
  'stunts',
  'vehicles',
  'props',
  'set-dressing',
  'wardrobe',
  'makeup-hair',
  'special-effects',
  'visual-effects',
  'animals',
  'special-equipment',
  'music',
  'sound',
  'notes',
] as const;
export type ElementCategory = (typeof ELEMENT_CATEGORIES)[number];

/** One thing a scene needs ("Red pickup truck"), shared by every scene that uses it, so a rename shows everywhere. */
export interface Element {
  id: string;
  category: ElementCategory;
  name: string;
}

export interface SceneElement {
  elementId: string;
  /** How many (background: 12 dock workers); 1 for most categories. */
  count: number;
}

export interface CastMember {
  id: string;
  /** Billing number: the cast id people say aloud ("cast 1"). */
  billing: number;
  character: string;
  actor: string;
}

export interface Location {
  id: string;
  name: string;
  address: string;
  hospital: string;
  /** Decimal degrees (WGS 84), optional: sunrise and sunset are computed where both are known. */
  latitude: number | null;
  longitude: number | null;
}

export interface Breakdown {
  scenes: Scene[];
  cast: CastMember[];
  locations: Location[];
  elements: Element[];
}

/** Elements are tagged with their own operations (elements.ts), so two people tagging at once both win. */
export type SceneInput = Omit<Scene, 'id' | 'elements'>;
/** A new scene: synopsis, cast, location and omitted may be left out. */
export type NewScene = Omit<SceneInput, 'synopsis' | 'castIds' | 'locationId' | 'omitted'> &
  Partial<Pick<SceneInput, 'synopsis' | 'castIds' | 'locationId' | 'omitted'>> & { id?: string };
export type CastInput = Omit<CastMember, 'id'>;
export type LocationInput = Omit<Location, 'id' | 'latitude' | 'longitude'> &
  Partial<Pick<Location, 'latitude' | 'longitude'>>;

function coordinates(input: Partial<Pick<Location, 'latitude' | 'longitude'>>) {
  return {
    latitude:
      input.latitude === undefined
        ? undefined
        : v.nullable(input.latitude, (x) => v.decimal('latitude', x, -90, 90, 6)),
    longitude:
      input.longitude === undefined
        ? undefined
        : v.nullable(input.longitude, (x) => v.decimal('longitude', x, -180, 180, 6)),
  };
}

const SCENE_FIELDS = {
  number: f.string(),
  intExt: f.choice(INT_EXT, 'INT'),
  set: f.string(),
  time: f.choice(TIMES_OF_DAY, 'DAY'),
  eighths: f.integer(1, 1, 8 * 200),
  synopsis: f.string(),
  cast: f.idSet(),
  locationId: f.stringOrNull(),
  omitted: f.boolean(),
  /** elementId -> count; a count of another type reads as 1. */
  elements: {
    kind: 'idset',
    read: (x) => (x instanceof Y.Map ? (x as Y.Map<unknown>) : undefined),
    fallback: null,
  } as f.Field<Y.Map<unknown> | null>,
};
const ELEMENT_FIELDS = { category: f.choice(ELEMENT_CATEGORIES, 'notes'), name: f.string() };
const CAST_FIELDS = { billing: f.integer(0, 1, 9_999), character: f.string(), actor: f.string() };
const LOCATION_FIELDS = {
  name: f.string(),
  address: f.string(),
  hospital: f.string(),
  latitude: f.numberOrNull(-90, 90),
  longitude: f.numberOrNull(-180, 180),
};

/** What each root holds, for the readers and for damage.ts. */
export const BREAKDOWN_SHAPE = {
  scenes: { type: 'entities', fields: SCENE_FIELDS },
  cast: { type: 'entities', fields: CAST_FIELDS },
  locations: { type: 'entities', fields: LOCATION_FIELDS },
  elements: { type: 'entities', fields: ELEMENT_FIELDS },
} as const satisfies f.DocShape;

export function breakdownRoots(doc: Y.Doc) {
  return {
    scenes: doc.getMap('scenes') as EntityMap,
    cast: doc.getMap('cast') as EntityMap,
    locations: doc.getMap('locations') as EntityMap,
    elements: doc.getMap('elements') as EntityMap,
  };
}

const SCENE_NUMBER = /^[A-Z]{0,2}\d{1,4}[A-Z]{0,3}$/;

function validateScene(input: Partial<SceneInput>): Partial<SceneInput> {
  const out: Partial<SceneInput> = {};
  if (input.number !== undefined) {
    const n = v.nonEmpty('number', input.number, 12).trim().toUpperCase();
    if (!SCENE_NUMBER.test(n)) throw new ModelError('number', `scene number like 12, 12A or A12; got ${n}`);
    out.number = n;
  }
  if (input.intExt !== undefined) out.intExt = v.oneOf('intExt', input.intExt, INT_EXT);
  if (input.set !== undefined) out.set = v.nonEmpty('set', input.set);
  if (input.time !== undefined) out.time = v.oneOf('time', input.time, TIMES_OF_DAY);
  if (input.eighths !== undefined) out.eighths = v.int('eighths', input.eighths, 1, 8 * 200);
  if (input.synopsis !== undefined) out.synopsis = v.str('synopsis', input.synopsis, { max: 1_000 });
  if (input.castIds !== undefined) out.castIds = v.idList('castIds', input.castIds);
  if (input.locationId !== undefined)
    out.locationId = v.nullable(input.locationId, (x) => v.id('locationId', x));
  if (input.omitted !== undefined) out.omitted = v.bool('omitted', input.omitted);
  return out;
}

function writeScene(e: Entity, s: Partial<SceneInput>): void {
  const { castIds, ...fields } = s;
  setFields(e, fields);
  if (castIds !== undefined) writeIdSet(e, 'cast', castIds);
}

export function addScene(doc: Y.Doc, input: NewScene, origin?: unknown): string {
  const s = validateScene({ synopsis: '', castIds: [], locationId: null, omitted: false, ...input });
  for (const key of ['number', 'intExt', 'set', 'time', 'eighths'] as const) {
    if (s[key] === undefined) throw new ModelError(key, 'is required');
  }
  const sceneId = input.id === undefined ? newId() : v.id('id', input.id);
  const { scenes } = breakdownRoots(doc);
  if (readScenes(doc).some((x) => x.number === s.number)) {
    throw new ModelError('number', `scene ${s.number} already exists (omitted scenes keep their number)`);
  }
  return writeBoard(doc, 'breakdown', origin, () => {
    // the tag map exists from the start: two replicas creating it at once would keep only one's tags
    writeScene(createEntity(scenes, sceneId, 'scene', { elements: new Y.Map() }), s);
    return sceneId;
  });
}

export function updateScene(doc: Y.Doc, sceneId: string, patch: Partial<SceneInput>, origin?: unknown): void {
  const s = validateScene(patch);
  const e = entity(breakdownRoots(doc).scenes, sceneId, 'scene');
  if (s.number !== undefined && readScenes(doc).some((x) => x.number === s.number && x.id !== sceneId)) {
    throw new ModelError('number', `scene ${s.number} already exists`);
  }
  writeBoard(doc, 'breakdown', origin, () => writeScene(e, s));
}

/** Omitting keeps the scene (and its number) so the number is never reused. */
export function setSceneOmitted(doc: Y.Doc, sceneId: string, omitted: boolean, origin?: unknown): void {
  updateScene(doc, sceneId, { omitted }, origin);
}

export function addCastMember(doc: Y.Doc, input: CastInput & { id?: string }, origin?: unknown): string {
  const billing = v.int('billing', input.billing, 1, 9_999);
  const character = v.nonEmpty('character', input.character);
  const actor = v.str('actor', input.actor, { max: 200 });
  const castId = input.id === undefined ? newId() : v.id('id', input.id);
  const { cast } = breakdownRoots(doc);
  return writeBoard(doc, 'breakdown', origin, () => {
    createEntity(cast, castId, 'cast member', { billing, character, actor });
    return castId;
  });
}

export function updateCastMember(
  doc: Y.Doc,
  castId: string,
  patch: Partial<CastInput>,
  origin?: unknown,
): void {
  const fields = {
    billing: patch.billing === undefined ? undefined : v.int('billing', patch.billing, 1, 9_999),
    character: patch.character === undefined ? undefined : v.nonEmpty('character', patch.character),
    actor: patch.actor === undefined ? undefined : v.str('actor', patch.actor, { max: 200 }),
  };
  const e = entity(breakdownRoots(doc).cast, castId, 'cast member');
  writeBoard(doc, 'breakdown', origin, () => setFields(e, fields));
}

/** Removes a cast member and takes them off every scene, in one transaction. */
export function deleteCastMember(doc: Y.Doc, castId: string, origin?: unknown): void {
  const { cast, scenes } = breakdownRoots(doc);
  entity(cast, castId, 'cast member');
  writeBoard(doc, 'breakdown', origin, () => {
    for (const [, scene] of entries(scenes)) {
      const set = scene.get('cast');
      if (set instanceof Y.Map && set.has(castId)) set.delete(castId);
    }
    cast.delete(castId);
  });
}

export function addLocation(doc: Y.Doc, input: LocationInput & { id?: string }, origin?: unknown): string {
  const fields = {
    name: v.nonEmpty('name', input.name),
    address: v.str('address', input.address, { max: 500 }),
    hospital: v.str('hospital', input.hospital, { max: 500 }),
    ...coordinates(input),
  };
  const locationId = input.id === undefined ? newId() : v.id('id', input.id);
  const { locations } = breakdownRoots(doc);
  return writeBoard(doc, 'breakdown', origin, () => {
    createEntity(locations, locationId, 'location', fields);
    return locationId;
  });
}

export function updateLocation(
  doc: Y.Doc,
  locationId: string,
  patch: Partial<LocationInput>,
  origin?: unknown,
): void {
  const fields = {
    name: patch.name === undefined ? undefined : v.nonEmpty('name', patch.name),
    address: patch.address === undefined ? undefined : v.str('address', patch.address, { max: 500 }),
    hospital: patch.hospital === undefined ? undefined : v.str('hospital', patch.hospital, { max: 500 }),
    ...coordinates(patch),
  };
  const e = entity(breakdownRoots(doc).locations, locationId, 'location');
  writeBoard(doc, 'breakdown', origin, () => setFields(e, fields));
}

/** Removes a location and clears it from the scenes that used it. */
export function deleteLocation(doc: Y.Doc, locationId: string, origin?: unknown): void {
  const { locations, scenes } = breakdownRoots(doc);
  entity(locations, locationId, 'location');
  writeBoard(doc, 'breakdown', origin, () => {
    for (const [, scene] of entries(scenes))
      if (scene.get('locationId') === locationId) scene.set('locationId', null);
    locations.delete(locationId);
  });
}

export function readSceneEntity(id: string, e: Entity): Scene {
  const { cast, elements, ...fields } = f.readFields(e, SCENE_FIELDS);
  return { id, ...fields, castIds: cast, elements: readElementCounts(elements) };
}

function readElementCounts(tags: Y.Map<unknown> | null): SceneElement[] {
  if (tags === null) return [];
  return [...tags.entries()]
    .map(([elementId, count]) => ({ elementId, count: typeof count === 'number' && count >= 1 ? count : 1 }))
    .sort((a, b) => (a.elementId < b.elementId ? -1 : 1));
}

/** Scenes in script order of their numbers (see compareSceneNumbers). */
export function readScenes(doc: Y.Doc): Scene[] {
  return entries(breakdownRoots(doc).scenes)
    .map(([id, e]) => readSceneEntity(id, e))
    .sort((a, b) => compareSceneNumbers(a.number, b.number) || (a.id < b.id ? -1 : 1));
}

export function readScene(doc: Y.Doc, sceneId: string): Scene | null {
  const e = entityOrNull(breakdownRoots(doc).scenes, sceneId);
  return e ? readSceneEntity(sceneId, e) : null;
}

export function readCast(doc: Y.Doc): CastMember[] {
  return entries(breakdownRoots(doc).cast)
    .map(([id, e]) => ({ id, ...f.readFields(e, CAST_FIELDS) }))
    .sort((a, b) => a.billing - b.billing || (a.id < b.id ? -1 : 1));
}

export function readLocations(doc: Y.Doc): Location[] {
  return entries(breakdownRoots(doc).locations)
    .map(([id, e]) => ({ id, ...f.readFields(e, LOCATION_FIELDS) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : 1));
}

/** Elements by category (in ELEMENT_CATEGORIES order), then name. */
export function readElements(doc: Y.Doc): Element[] {
  const rank = new Map<string, number>(ELEMENT_CATEGORIES.map((c, i) => [c, i]));
  return entries(breakdownRoots(doc).elements)
    .map(([id, e]) => ({ id, ...f.readFields(e, ELEMENT_FIELDS) }))
    .sort(
      (a, b) =>
        (rank.get(a.category) ?? 99) - (rank.get(b.category) ?? 99) ||
        a.name.localeCompare(b.name, 'en') ||
        (a.id < b.id ? -1 : 1),
    );
}

export function readBreakdown(doc: Y.Doc): Breakdown {
  return {
    scenes: readScenes(doc),
    cast: readCast(doc),
    locations: readLocations(doc),
    elements: readElements(doc),
  };
}

/**
 * Script order of scene numbers: by the numeric part; a prefixed number is a scene inserted before the plain
 * one (11 < A12 < 12); then suffix letters (12 < 12A < 12B < 12AA).
 */
export function compareSceneNumbers(a: string, b: string): number {
  const pa = parseSceneNumber(a);
  const pb = parseSceneNumber(b);
  if (pa.n !== pb.n) return pa.n - pb.n;
  // a prefixed number is an insert before the plain one
  if (pa.prefix !== pb.prefix) {
    if (pa.prefix === '') return 1;
    if (pb.prefix === '') return -1;
    return pa.prefix < pb.prefix ? -1 : 1;
  }
  if (pa.suffix.length !== pb.suffix.length) return pa.suffix.length - pb.suffix.length;
  return pa.suffix < pb.suffix ? -1 : pa.suffix > pb.suffix ? 1 : 0;
}

function parseSceneNumber(s: string): { prefix: string; n: number; suffix: string } {
  const m = /^([A-Z]*)(\d+)([A-Z]*)$/.exec(s.toUpperCase());
  if (!m) return { prefix: '', n: Number.MAX_SAFE_INTEGER, suffix: s };
  return { prefix: m[1]!, n: Number(m[2]), suffix: m[3]! };
}
