/**
 * The director's shot list. Root type `shots`: Y.Map shotId -> Y.Map of the fields below, where
 * `description` and `notes` are Y.Text (two people can type in one at once), `cast` is Y.Map castId -> true,
 * `storyboard` is Y.Array of image references, and `scriptOrder` / `shootOrder` are fractional order keys.
 */
import * as Y from 'yjs';
import { ModelError } from './errors';
import { compareOrdered, isOrderKey, keyAfterUnsorted, lastOrdered } from './order-keys';
import { writeBoard } from './schema-version';
import { isShotCode, nextShotCode } from './shot-codes';
import * as v from './validate';
import * as f from './fields';
import {
  DEFAULT_VOCABULARIES,
  inVocabulary,
  readVocabularies,
  VOCABULARY_SHAPE,
  vocabularyRoots,
  type Vocabularies,
} from './vocabularies';
import {
  asString,
  createEntity,
  eachEntity,
  entity,
  entityOrNull,
  entries,
  idSet,
  newId,
  replaceText,
  setFields,
  text,
  writeIdSet,
  type Entity,
  type EntityMap,
} from './ydoc';

export { CAMERAS, SHOT_MOVEMENTS, SHOT_SIZES } from './vocabularies';
export const SHOT_ANGLES = ['eye-level', 'high', 'low', 'dutch', 'overhead', 'pov'] as const;
export const SOUND = ['sync', 'MOS'] as const;
export const SHOT_STATUSES = ['planned', 'shooting', 'done', 'cut', 'moved'] as const;
export const SHOT_ORDERINGS = ['script', 'shoot'] as const;

/** Sizes, movements and cameras come from the production's lists (vocabularies.ts), so any term. */
export type ShotSize = string;
export type ShotAngle = (typeof SHOT_ANGLES)[number];
export type ShotMovement = string;
export type Camera = string;
export type Sound = (typeof SOUND)[number];
export type ShotStatus = (typeof SHOT_STATUSES)[number];
export type ShotOrdering = (typeof SHOT_ORDERINGS)[number];

export interface Shot {
  id: string;
  /** The breakdown scene this shot covers. */
  sceneId: string;
  /** `12`, `12A` ... (see shot-codes.ts). */
  code: string;
  size: ShotSize;
  angle: ShotAngle;
  movement: ShotMovement;
  /** Focal length as people say it: `35mm`, `24-70mm`. */
  lens: string;
  camera: Camera;
  /** Frames per second, e.g. 24 or 23.976. */
  frameRate: number;
  sound: Sound;
  description: string;
  castIds: string[];
  /** The setup (lighting and camera position) this shot belongs to; shooting order groups by it. */
  setup: string;
  setupMinutes: number;
  shootMinutes: number;
  status: ShotStatus;
  notes: string;
  /** Uploaded image references, in order. */
  storyboard: string[];
  scriptOrder: string;
  shootOrder: string;
}

/** Fields a person edits; order keys are written only by moveShot. */
export type ShotFields = Omit<Shot, 'id' | 'scriptOrder' | 'shootOrder' | 'storyboard'>;

export type NewShot = Partial<Omit<ShotFields, 'sceneId'>> & {
  sceneId: string;
  id?: string;
  /** Needed to generate the code when `code` is not given. */
  sceneNumber?: string;
  /** Place after this shot in script order (null: first). Default: after the scene's last shot, else last. */
  scriptAfter?: string | null;
  /** Place after this shot in shooting order (null: first). Default: last. */
  shootAfter?: string | null;
  storyboard?: string[];
};

export const SHOT_DEFAULTS: Omit<ShotFields, 'sceneId' | 'code'> = {
  size: 'MS',
  angle: 'eye-level',
  movement: 'static',
  lens: '35mm',
  camera: 'A',
  frameRate: 24,
  sound: 'sync',
  description: '',
  castIds: [],
  setup: '',
  setupMinutes: 15,
  shootMinutes: 10,
  status: 'planned',
  notes: '',
};

const SHOT_FIELDS = {
  sceneId: f.string(),
  code: f.string(),
  size: f.term('MS'),
  angle: f.choice(SHOT_ANGLES, 'eye-level'),
  movement: f.term('static'),
  lens: f.string(),
  camera: f.term('A'),
  frameRate: f.number(24, 1, 1_000),
  sound: f.choice(SOUND, 'sync'),
  description: f.sharedText(),
  cast: f.idSet(),
  setup: f.string(),
  setupMinutes: f.integer(0, 0, 24 * 60),
  shootMinutes: f.integer(0, 0, 24 * 60),
  status: f.choice(SHOT_STATUSES, 'planned'),
  notes: f.sharedText(),
  storyboard: f.refs(),
  scriptOrder: f.orderKey(),
  shootOrder: f.orderKey(),
};

/** What the root holds, for the reader and for damage.ts. */
export const SHOTLIST_SHAPE = {
  shots: { type: 'entities', fields: SHOT_FIELDS },
  vocabularies: VOCABULARY_SHAPE,
} as const satisfies f.DocShape;

export function shotlistRoots(doc: Y.Doc) {
  return { shots: doc.getMap('shots') as EntityMap, ...vocabularyRoots(doc) };
}

/** How long a lens may be: `24-70mm T2.8 Cooke S4 anamorphic` fits; the cell says so when it is reached. */
export const LENS_MAX = 60;

/**
 * Checks a patch; sizes, movements and cameras against the production's lists (`readVocabularies(doc)`;
 * the defaults when not given).
 */
export function validateShotFields(
  input: Partial<ShotFields>,
  vocabularies: Vocabularies = DEFAULT_VOCABULARIES,
): Partial<ShotFields> {
  const out: Partial<ShotFields> = {};
  if (input.sceneId !== undefined) out.sceneId = v.id('sceneId', input.sceneId);
  if (input.code !== undefined) {
    const code = v.nonEmpty('code', input.code, 20).trim().toUpperCase();
    if (!isShotCode(code))
      throw new ModelError('code', `expected a shot code like 12, 12A or 12AA; got ${code}`);
    out.code = code;
  }
  if (input.size !== undefined) out.size = inVocabulary('size', input.size, vocabularies);
  if (input.angle !== undefined) out.angle = v.oneOf('angle', input.angle, SHOT_ANGLES);
  if (input.movement !== undefined) out.movement = inVocabulary('movement', input.movement, vocabularies);
  if (input.lens !== undefined) out.lens = v.str('lens', input.lens, { max: LENS_MAX }).trim();
  if (input.camera !== undefined) out.camera = inVocabulary('camera', input.camera, vocabularies);
  if (input.frameRate !== undefined) out.frameRate = v.decimal('frameRate', input.frameRate, 1, 1_000, 3);
  if (input.sound !== undefined) out.sound = v.oneOf('sound', input.sound, SOUND);
  if (input.description !== undefined)
    out.description = v.str('description', input.description, { max: 5_000 });
  if (input.castIds !== undefined) out.castIds = v.idList('castIds', input.castIds);
  if (input.setup !== undefined) out.setup = v.str('setup', input.setup, { max: 100 });
  if (input.setupMinutes !== undefined)
    out.setupMinutes = v.int('setupMinutes', input.setupMinutes, 0, 24 * 60);
  if (input.shootMinutes !== undefined)
    out.shootMinutes = v.int('shootMinutes', input.shootMinutes, 0, 24 * 60);
  if (input.status !== undefined) out.status = v.oneOf('status', input.status, SHOT_STATUSES);
  if (input.notes !== undefined) out.notes = v.str('notes', input.notes, { max: 5_000 });
  return out;
}

function storyboardList(value: unknown): string[] {
  return v.stringList('storyboard', value, 500);
}

function writeShot(e: Entity, fields: Partial<ShotFields>): void {
  const { description, notes, castIds, ...plain } = fields;
  setFields(e, plain);
  if (description !== undefined) replaceText(text(e.get('description')), description);
  if (notes !== undefined) replaceText(text(e.get('notes')), notes);
  if (castIds !== undefined) writeIdSet(e, 'cast', castIds);
}

type Placed = { id: string; key: string };

/** What placing a new shot needs to know, read once: adding many shots then never re-reads the document. */
interface ShotIndex {
  script: Placed[];
  shoot: Placed[];
  scenes: Map<string, { script: Placed[]; codes: string[] }>;
}

function sceneOf(index: ShotIndex, sceneId: string): { script: Placed[]; codes: string[] } {
  let scene = index.scenes.get(sceneId);
  if (scene === undefined) index.scenes.set(sceneId, (scene = { script: [], codes: [] }));
  return scene;
}

function indexShots(doc: Y.Doc): ShotIndex {
  const index: ShotIndex = { script: [], shoot: [], scenes: new Map() };
  for (const [id, e] of eachEntity(shotlistRoots(doc).shots)) {
    const script = { id, key: asString(e.get('scriptOrder'), '1') };
    index.script.push(script);
    index.shoot.push({ id, key: asString(e.get('shootOrder'), '1') });
    const scene = sceneOf(index, asString(e.get('sceneId')));
    scene.script.push(script);
    scene.codes.push(asString(e.get('code')));
  }
  return index;
}

/** Validates one new shot and computes its code and keys, then records it in `index` for the next one. */
function planShot(
  index: ShotIndex,
  input: NewShot,
  clientId: number,
  vocabularies: Vocabularies,
): Record<string, unknown> {
  const { description, notes, castIds, ...fields } = validateShotFields(
    { ...SHOT_DEFAULTS, ...input },
    vocabularies,
  );
  const id = input.id === undefined ? newId() : v.id('id', input.id);
  if (index.script.some((s) => s.id === id))
    throw new ModelError('id', `a shot with id ${id} already exists`);
  const storyboard = input.storyboard === undefined ? [] : storyboardList(input.storyboard);
  const scene = sceneOf(index, fields.sceneId!);
  if (fields.code === undefined) {
    if (input.sceneNumber === undefined) throw new ModelError('code', 'give a code or the scene number');
    fields.code = nextShotCode(v.nonEmpty('sceneNumber', input.sceneNumber, 12).trim(), scene.codes);
  }
  const scriptAfter =
    input.scriptAfter !== undefined
      ? input.scriptAfter
      : (lastOrdered(scene.script)?.id ?? lastOrdered(index.script)?.id ?? null);
  const shootAfter =
    input.shootAfter !== undefined ? input.shootAfter : (lastOrdered(index.shoot)?.id ?? null);
  const script = { id, key: keyAfterUnsorted(index.script, scriptAfter, clientId) };
  const shoot = { id, key: keyAfterUnsorted(index.shoot, shootAfter, clientId) };
  index.script.push(script);
  index.shoot.push(shoot);
  scene.script.push(script);
  scene.codes.push(fields.code);
  return {
    ...fields,
    id,
    description: description ?? '',
    notes: notes ?? '',
    castIds: castIds ?? [],
    storyboard,
    scriptOrder: script.key,
    shootOrder: shoot.key,
  };
}

function createShot(doc: Y.Doc, plan: Record<string, unknown>): string {
  const { id, description, notes, castIds, storyboard, ...plain } = plan;
  createEntity(shotlistRoots(doc).shots, id as string, 'shot', {
    ...plain,
    description: new Y.Text(description as string),
    notes: new Y.Text(notes as string),
    cast: idSet(castIds as string[]),
    storyboard: Y.Array.from(storyboard as string[]),
  });
  return id as string;
}

export function addShot(doc: Y.Doc, input: NewShot, origin?: unknown): string {
  const plan = planShot(indexShots(doc), input, doc.clientID, readVocabularies(doc));
  return writeBoard(doc, 'shotlist', origin, () => createShot(doc, plan));
}

/**
 * The same shots, codes and keys as calling addShot for each input in turn (each placed after the ones before
 * it), validated all first and written in one transaction; reads the document once, for imports and seeds.
 */
export function addShots(doc: Y.Doc, inputs: readonly NewShot[], origin?: unknown): string[] {
  const index = indexShots(doc);
  const vocabularies = readVocabularies(doc);
  const plans = inputs.map((input) => planShot(index, input, doc.clientID, vocabularies));
  return writeBoard(doc, 'shotlist', origin, () => plans.map((plan) => createShot(doc, plan)));
}

export function updateShot(doc: Y.Doc, shotId: string, patch: Partial<ShotFields>, origin?: unknown): void {
  const fields = validateShotFields(patch, readVocabularies(doc));
  const e = entity(shotlistRoots(doc).shots, shotId, 'shot');
  writeBoard(doc, 'shotlist', origin, () => writeShot(e, fields));
}

/** The one big tap on set. Setting the status it already has writes nothing, so two taps are one. */
export function setShotStatus(doc: Y.Doc, shotId: string, status: ShotStatus, origin?: unknown): void {
  updateShot(doc, shotId, { status }, origin);
}

/** Drag in one ordering: put the shot right after `afterId` (null: first). Writes only this shot's key. */
export function moveShot(
  doc: Y.Doc,
  shotId: string,
  ordering: ShotOrdering,
  afterId: string | null,
  origin?: unknown,
): void {
  v.oneOf('ordering', ordering, SHOT_ORDERINGS);
  const e = entity(shotlistRoots(doc).shots, shotId, 'shot');
  if (afterId === shotId) throw new ModelError('after', 'a shot cannot follow itself');
  const others = indexShots(doc)[ordering].filter((s) => s.id !== shotId);
  const key = keyAfterUnsorted(others, afterId, doc.clientID);
  if (!isOrderKey(key)) throw new ModelError('order', `generated an invalid key ${key}`);
  writeBoard(doc, 'shotlist', origin, () => e.set(ordering === 'script' ? 'scriptOrder' : 'shootOrder', key));
}

/** Sets order keys as given (imports that carry keys from an export); validates each key. */
export function placeShot(
  doc: Y.Doc,
  shotId: string,
  keys: { scriptOrder?: string | undefined; shootOrder?: string | undefined },
  origin?: unknown,
): void {
  const e = entity(shotlistRoots(doc).shots, shotId, 'shot');
  for (const field of ['scriptOrder', 'shootOrder'] as const) {
    const key = keys[field];
    if (key !== undefined && !isOrderKey(key))
      throw new ModelError(field, `not an order key: ${JSON.stringify(key)}`);
  }
  writeBoard(doc, 'shotlist', origin, () => setFields(e, keys));
}

/** Replaces the storyboard list when it differs (imports); interactive edits use add/removeStoryboardImage. */
export function setStoryboard(doc: Y.Doc, shotId: string, refs: readonly string[], origin?: unknown): void {
  const images = storyboardList(refs);
  const board = storyboardArray(doc, shotId);
  if (JSON.stringify(board.toArray()) === JSON.stringify(images)) return;
  writeBoard(doc, 'shotlist', origin, () => {
    board.delete(0, board.length);
    board.push(images);
  });
}

export function deleteShot(doc: Y.Doc, shotId: string, origin?: unknown): void {
  entity(shotlistRoots(doc).shots, shotId, 'shot');
  writeBoard(doc, 'shotlist', origin, () => shotlistRoots(doc).shots.delete(shotId));
}

export function addStoryboardImage(doc: Y.Doc, shotId: string, ref: string, origin?: unknown): void {
  const image = v.nonEmpty('storyboard', ref, 500);
  const board = storyboardArray(doc, shotId);
  writeBoard(doc, 'shotlist', origin, () => board.push([image]));
}

export function removeStoryboardImage(doc: Y.Doc, shotId: string, ref: string, origin?: unknown): void {
  const board = storyboardArray(doc, shotId);
  const index = board.toArray().indexOf(ref);
  if (index < 0) throw new ModelError('storyboard', `shot ${shotId} has no image ${ref}`);
  writeBoard(doc, 'shotlist', origin, () => board.delete(index, 1));
}

function storyboardArray(doc: Y.Doc, shotId: string): Y.Array<string> {
  const value = entity(shotlistRoots(doc).shots, shotId, 'shot').get('storyboard');
  if (!(value instanceof Y.Array))
    throw new ModelError('storyboard', `shot ${shotId} has no storyboard list`);
  return value as Y.Array<string>;
}

/** The shared text of a shot's description or notes, for binding a text input (see README). */
export function shotText(doc: Y.Doc, shotId: string, field: 'description' | 'notes'): Y.Text {
  return text(entity(shotlistRoots(doc).shots, shotId, 'shot').get(field));
}

/** The same text, or null while the field is damaged (not a Y.Text): show it read-only then. */
export function findShotText(doc: Y.Doc, shotId: string, field: 'description' | 'notes'): Y.Text | null {
  const value = entityOrNull(shotlistRoots(doc).shots, shotId)?.get(field);
  return value instanceof Y.Text ? value : null;
}

/** The shot's Y.Map, to observe one row narrowly (`observeDeep`). */
export function shotEntity(doc: Y.Doc, shotId: string): Entity | null {
  return entityOrNull(shotlistRoots(doc).shots, shotId);
}

export function readShotEntity(id: string, e: Entity): Shot {
  const { cast, ...fields } = f.readFields(e, SHOT_FIELDS);
  return { id, ...fields, castIds: cast };
}

export function sortShots(shots: readonly Shot[], ordering: ShotOrdering): Shot[] {
  const field = ordering === 'script' ? 'scriptOrder' : 'shootOrder';
  return [...shots].sort((a, b) => compareOrdered({ key: a[field], id: a.id }, { key: b[field], id: b.id }));
}

/** All shots in script order. */
export function readShots(doc: Y.Doc, ordering: ShotOrdering = 'script'): Shot[] {
  return sortShots(
    entries(shotlistRoots(doc).shots).map(([id, e]) => readShotEntity(id, e)),
    ordering,
  );
}

export function readShot(doc: Y.Doc, shotId: string): Shot | null {
  const e = shotEntity(doc, shotId);
  return e ? readShotEntity(shotId, e) : null;
}

/** Pure selector: one scene's shots in the given order, for a narrowly subscribed component. */
export function selectShotsOfScene(shots: readonly Shot[], sceneId: string): Shot[] {
  return shots.filter((s) => s.sceneId === sceneId);
}

export function shotsOfScene(doc: Y.Doc, sceneId: string, ordering: ShotOrdering = 'script'): Shot[] {
  return selectShotsOfScene(readShots(doc, ordering), sceneId);
}
