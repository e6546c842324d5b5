/**
 * A script's scenes against the breakdown: what would be added, changed and omitted (`diffScript`, pure),
 * and applying that as one update to the breakdown and one to the schedule.
 *
 * Matching: scenes are matched by number. Scenes the script leaves unnumbered are matched by heading and
 * position (the longest common run of INT/EXT + set, in script order); new ones get numbers: 1..n when the
 * breakdown is empty and the script wholly unnumbered, otherwise the letter after the scene they follow
 * (12 -> 12A) or, before the first, a letter prefix (A1).
 *
 * A revision never deletes: a scene the script no longer has, or marks OMITTED, is marked omitted and keeps
 * its number, strips and shots. Cast is only ever added to a scene (people tag non-speaking cast by hand);
 * a hand-written synopsis is kept (the script's first action line fills an empty one).
 *
 * Worked example: breakdown scenes 1 (INT KITCHEN, 8/8, Mara) and 2 (EXT YARD, with a strip); a script with
 * 1 (INT KITCHEN, 11/8, Mara and Ben) and 3 (EXT ROAD): changed [1: eighths 8 -> 11, cast [Mara] -> [Mara,
 * BEN]], added [3], omitted [2 (1 strip)], Ben becomes cast 2, scene 3 gets a boneyard strip.
 */
import * as Y from 'yjs';
import type { ScriptScene } from '../script/types';
import {
  compareSceneNumbers,
  readBreakdown,
  type Breakdown,
  type IntExt,
  type Scene,
  type TimeOfDay,
} from './breakdown';
import { addCastMember, addScene, updateScene, type SceneInput } from './breakdown';
import { addStrip, readSchedule, updateStrip } from './schedule';
import { newId } from './ydoc';

export interface AddedScene {
  scene: string;
  heading: string;
  intExt: IntExt;
  set: string;
  time: TimeOfDay;
  eighths: number;
  synopsis: string;
  /** Character names; those not yet in the cast get the next billing numbers. */
  cast: string[];
  omitted: boolean;
}

export type SceneField = 'intExt' | 'set' | 'time' | 'eighths' | 'synopsis' | 'cast' | 'omitted';

export interface ChangedScene {
  scene: string;
  fields: { field: SceneField; from: unknown; to: unknown }[];
}

export interface OmittedScene {
  scene: string;
  set: string;
  reason: 'not in the script' | 'omitted in the script';
  /** Strips and shots the scene keeps. */
  strips: number;
  shots: number;
}

export interface ScriptDiff {
  added: AddedScene[];
  changed: ChangedScene[];
  omitted: OmittedScene[];
  unchanged: number;
  warnings: string[];
}

/** How many strips and shots refer to each scene id (from the schedule and shot list documents). */
export interface SceneUse {
  strips: ReadonlyMap<string, number>;
  shots: ReadonlyMap<string, number>;
}

export const NO_SCENE_USE: SceneUse = { strips: new Map(), shots: new Map() };

interface Plan {
  diff: ScriptDiff;
  newCast: { id: string; billing: number; character: string }[];
  newScenes: (SceneInput & { id: string })[];
  updates: { id: string; patch: Partial<SceneInput> }[];
  /** Scene ids whose length changed: their split strips are rescaled. */
  lengths: { sceneId: string; from: number; to: number }[];
  /** Scenes that need a boneyard strip: new ones, and restored ones without strips. */
  needStrips: string[];
}

export function diffScript(
  breakdown: Breakdown,
  scenes: readonly ScriptScene[],
  use: SceneUse = NO_SCENE_USE,
  warnings: readonly string[] = [],
): ScriptDiff {
  return planScript(breakdown, scenes, use, warnings).diff;
}

function planScript(
  breakdown: Breakdown,
  scenes: readonly ScriptScene[],
  use: SceneUse,
  parserWarnings: readonly string[],
): Plan {
  const numbers = assignNumbers(breakdown.scenes, scenes);
  const existingByNumber = new Map(breakdown.scenes.map((s) => [s.number, s]));
  const castByName = new Map(breakdown.cast.map((c) => [c.character.trim().toUpperCase(), c]));
  const castName = new Map(breakdown.cast.map((c) => [c.id, c.character]));
  let billing = Math.max(0, ...breakdown.cast.map((c) => c.billing));
  const plan: Plan = {
    diff: { added: [], changed: [], omitted: [], unchanged: 0, warnings: [...parserWarnings] },
    newCast: [],
    newScenes: [],
    updates: [],
    lengths: [],
    needStrips: [],
  };
  const castIdOf = (name: string): string => {
    const known = castByName.get(name);
    if (known) return known.id;
    const member = { id: newId(), billing: ++billing, character: name, actor: '' };
    castByName.set(name, member);
    castName.set(member.id, name);
    plan.newCast.push(member);
    return member.id;
  };
  const matched = new Set<string>();
  scenes.forEach((s, i) => {
    const number = numbers[i]!;
    const existing = existingByNumber.get(number);
    if (existing) matched.add(existing.id);
    const castIds = s.characters.map(castIdOf);
    if (!existing) {
      const id = newId();
      plan.newScenes.push({
        id,
        number,
        intExt: s.intExt,
        set: s.set,
        time: s.time,
        eighths: s.eighths,
        synopsis: s.synopsis,
        castIds,
        locationId: null,
        omitted: s.omitted,
      });
      if (!s.omitted) plan.needStrips.push(id);
      plan.diff.added.push({
        scene: number,
        heading: s.heading,
        intExt: s.intExt,
        set: s.set,
        time: s.time,
        eighths: s.eighths,
        synopsis: s.synopsis,
        cast: s.characters,
        omitted: s.omitted,
      });
      return;
    }
    if (s.omitted) {
      if (existing.omitted) plan.diff.unchanged++;
      else omit(plan, existing, 'omitted in the script', use);
      return;
    }
    const patch: Partial<SceneInput> = {};
    const fields: ChangedScene['fields'] = [];
    const compare = <K extends 'intExt' | 'set' | 'time' | 'eighths'>(field: K, to: SceneInput[K]) => {
      if (existing[field] !== to) {
        fields.push({ field, from: existing[field], to });
        patch[field] = to;
      }
    };
    compare('intExt', s.intExt);
    compare('set', s.set);
    compare('time', s.time);
    compare('eighths', s.eighths);
    if (existing.synopsis.trim() === '' && s.synopsis !== '') {
      fields.push({ field: 'synopsis', from: existing.synopsis, to: s.synopsis });
      patch.synopsis = s.synopsis;
    }
    const union = [...existing.castIds, ...castIds.filter((id) => !existing.castIds.includes(id))];
    if (union.length !== existing.castIds.length) {
      const names = (ids: readonly string[]) => ids.map((id) => castName.get(id) ?? id);
      fields.push({ field: 'cast', from: names(existing.castIds), to: names(union) });
      patch.castIds = union;
    }
    if (existing.omitted) {
      fields.push({ field: 'omitted', from: true, to: false });
      patch.omitted = false;
      if (!use.strips.get(existing.id)) plan.needStrips.push(existing.id);
    }
    if (patch.eighths !== undefined)
      plan.lengths.push({ sceneId: existing.id, from: existing.eighths, to: s.eighths });
    if (fields.length === 0) plan.diff.unchanged++;
    else {
      plan.diff.changed.push({ scene: number, fields });
      plan.updates.push({ id: existing.id, patch });
    }
  });
  for (const existing of breakdown.scenes) {
    if (matched.has(existing.id) || existing.omitted) continue;
    omit(plan, existing, 'not in the script', use);
  }
  plan.diff.omitted.sort((a, b) => compareSceneNumbers(a.scene, b.scene));
  return plan;
}

function omit(plan: Plan, scene: Scene, reason: OmittedScene['reason'], use: SceneUse): void {
  const strips = use.strips.get(scene.id) ?? 0;
  const shots = use.shots.get(scene.id) ?? 0;
  plan.diff.omitted.push({ scene: scene.number, set: scene.set, reason, strips, shots });
  plan.updates.push({ id: scene.id, patch: { omitted: true } });
  if (strips + shots > 0) {
    plan.diff.warnings.push(
      `scene ${scene.number} is ${reason === 'not in the script' ? 'no longer in the script' : 'omitted in the script'}: it is marked omitted and keeps its ${strips} strip(s) and ${shots} shot(s)`,
    );
  }
}

/** The breakdown number each script scene will have (see the module comment). */
function assignNumbers(existing: readonly Scene[], scenes: readonly ScriptScene[]): string[] {
  const result: (string | null)[] = scenes.map((s) => s.number);
  if (existing.length === 0 && scenes.every((s) => s.number === null))
    return scenes.map((_, i) => String(i + 1));
  // unnumbered scenes: match by heading and position against scenes no numbered scene of the script claims
  const claimed = new Set(scenes.flatMap((s) => (s.number === null ? [] : [s.number])));
  const candidates = existing.filter((s) => !s.omitted && !claimed.has(s.number));
  const open = scenes.flatMap((s, i) => (s.number === null && !s.omitted ? [i] : []));
  const key = (x: { intExt: string; set: string }) => `${x.intExt}|${x.set.trim().toUpperCase()}`;
  for (const [i, j] of commonRun(
    open.map((i) => key(scenes[i]!)),
    candidates.map(key),
  )) {
    result[open[i]!] = candidates[j]!.number;
  }
  const taken = new Set([...existing.map((s) => s.number), ...result.filter((n): n is string => n !== null)]);
  let highest = Math.max(0, ...[...taken].map((n) => Number(/^\d+$/.test(n) ? n : 0)));
  for (let i = 0; i < result.length; i++) {
    if (result[i] !== null) continue;
    const before = result.slice(0, i).findLast((n): n is string => n !== null);
    const after = result.slice(i + 1).find((n): n is string => n !== null);
    let candidate: string;
    if (before !== undefined) {
      candidate = nextLetter(before);
      while (taken.has(candidate)) candidate = nextLetter(candidate);
    } else if (after !== undefined) {
      let prefix = 'A';
      candidate = `${prefix}${after}`;
      while (taken.has(candidate)) {
        prefix = String.fromCharCode(prefix.charCodeAt(0) + 1);
        candidate = `${prefix}${after}`;
      }
    } else {
      candidate = String(++highest);
    }
    taken.add(candidate);
    result[i] = candidate;
  }
  return result as string[];
}

/** `12` -> `12A`, `12A` -> `12B`, `12Z` -> `12AA`. */
function nextLetter(number: string): string {
  const m = /^(.*?\d)([A-Z]*)$/.exec(number);
  if (!m) return `${number}A`;
  const suffix = m[2]!;
  if (suffix === '') return `${m[1]}A`;
  const last = suffix.at(-1)!;
  return last === 'Z'
    ? `${m[1]}${suffix}A`
    : `${m[1]}${suffix.slice(0, -1)}${String.fromCharCode(last.charCodeAt(0) + 1)}`;
}

/** Index pairs of the longest common subsequence of two key lists, in order. */
function commonRun(a: readonly string[], b: readonly string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  const table = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i]![j] =
        a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

export interface ScriptImportResult {
  diff: ScriptDiff;
  /** Scenes that need a boneyard strip, and scenes whose length changed: hand to `applyScriptToSchedule`. */
  schedule: { needStrips: string[]; lengths: { sceneId: string; from: number; to: number }[] };
}

/**
 * Applies a script to the breakdown as ONE update (computed on a scratch copy, so a refused write leaves
 * the breakdown untouched). Returns the diff and what the schedule needs.
 */
export function applyScriptToBreakdown(
  doc: Y.Doc,
  scenes: readonly ScriptScene[],
  use: SceneUse,
  warnings: readonly string[],
  origin?: unknown,
): ScriptImportResult {
  const plan = planScript(readBreakdown(doc), scenes, use, warnings);
  writeAtomically(doc, origin, (draft) => {
    for (const member of plan.newCast) addCastMember(draft, { ...member, actor: '' });
    for (const scene of plan.newScenes) addScene(draft, scene);
    for (const { id, patch } of plan.updates) updateScene(draft, id, patch);
  });
  return { diff: plan.diff, schedule: { needStrips: plan.needStrips, lengths: plan.lengths } };
}

/**
 * New scenes land in the boneyard as strips; a scene whose length changed rescales its split strips (a
 * whole-scene strip has no length of its own and follows the scene). One update.
 */
export function applyScriptToSchedule(
  doc: Y.Doc,
  work: ScriptImportResult['schedule'],
  origin?: unknown,
): void {
  const strips = readSchedule(doc).strips;
  const withStrips = new Set(strips.map((s) => s.sceneId));
  writeAtomically(doc, origin, (draft) => {
    for (const sceneId of work.needStrips) {
      if (!withStrips.has(sceneId)) addStrip(draft, { sceneId, dayId: null });
    }
    for (const { sceneId, to } of work.lengths) {
      const parts = strips.filter((s) => s.sceneId === sceneId && s.eighths !== null);
      for (const [id, eighths] of rescale(parts, to)) updateStrip(draft, id, { eighths });
    }
  });
}

/**
 * Split parts keep their shares of the new length (largest remainder), each at least 1/8. Example: parts
 * 3 + 5 of a scene going from 8 to 12 eighths become 4 + 8 (4.5 and 7.5, the tie going to the later part).
 */
export function rescale(
  parts: readonly { id: string; eighths: number | null }[],
  total: number,
): [string, number][] {
  const sizes = parts.map((p) => p.eighths ?? 1);
  const sum = sizes.reduce((a, b) => a + b, 0);
  if (parts.length === 0 || sum === 0 || total < parts.length) return [];
  const exact = sizes.map((s) => (s * total) / sum);
  const result = exact.map((x) => Math.max(1, Math.floor(x)));
  let left = total - result.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, rest: x - Math.floor(x) }))
    .sort((a, b) => b.rest - a.rest || b.i - a.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) result[order[k]!.i]!++;
  for (let i = result.length - 1; left < 0 && i >= 0; i--) {
    while (left < 0 && result[i]! > 1) {
      result[i]!--;
      left++;
    }
  }
  return parts.map((p, i) => [p.id, result[i]!]);
}

function writeAtomically(doc: Y.Doc, origin: unknown, write: (draft: Y.Doc) => void): void {
  const draft = new Y.Doc();
  try {
    Y.applyUpdate(draft, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(draft);
    draft.transact(() => write(draft));
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(draft, before), origin ?? null);
  } finally {
    draft.destroy();
  }
}
