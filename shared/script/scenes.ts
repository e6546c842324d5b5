/**
 * From a parser's flat list of script elements to scenes. Both formats are reduced to the same elements
 * first, so the rules (numbers, time of day, length, synopsis, cast) live here once.
 */
import type { TimeOfDay } from '../model/breakdown';
import { readHeading } from './heading';
import { describePlace, ScriptError, type ScriptPlace, type ScriptScene } from './types';

export type ElementKind =
  'heading' | 'action' | 'character' | 'parenthetical' | 'dialogue' | 'transition' | 'other';

export interface ScriptElement {
  kind: ElementKind;
  text: string;
  place: ScriptPlace;
  /** Headings: the scene number as written, or null. */
  number?: string | null;
  /** Headings: the script's own length in eighths (Final Draft), or null. */
  eighths?: number | null;
  /** Headings: marked omitted by the file itself (beyond the heading text OMITTED). */
  omitted?: boolean;
  /** Dialogue printed side by side with another speaker's. */
  dual?: 'left' | 'right';
}

/** Same rule as the breakdown's scene numbers: 12, 12A, A12. */
const SCENE_NUMBER = /^[A-Z]{0,2}\d{1,4}[A-Z]{0,3}$/;
const OMITTED = /^(?:OMIT|OMITTED)(?:\s+SCENES?)?\.?$/i;
const LINES_PER_PAGE = 55;
/** Characters per printed line of each element in US Letter screenplay format (Courier 12). */
const WIDTH: Record<ElementKind, number> = {
  heading: 61,
  action: 61,
  character: 38,
  parenthetical: 25,
  dialogue: 35,
  transition: 61,
  other: 61,
};

export function buildScenes(elements: readonly ScriptElement[]): {
  scenes: ScriptScene[];
  warnings: string[];
} {
  const scenes: ScriptScene[] = [];
  const warnings: string[] = [];
  const seenNumbers = new Map<string, ScriptPlace>();
  let current: { scene: ScriptScene; body: ScriptElement[] } | null = null;
  const finish = () => {
    if (!current) return;
    const { scene, body } = current;
    if (scene.eighthsFrom === 'estimate') scene.eighths = estimateEighths(body);
    scenes.push(scene);
  };
  let previousTime: TimeOfDay | null = null;
  for (const element of elements) {
    if (element.kind !== 'heading') {
      current?.body.push(element);
      if (current && !current.scene.omitted) collect(current.scene, element);
      continue;
    }
    finish();
    const scene = sceneOf(element, previousTime, warnings);
    if (scene.number !== null) {
      const earlier = seenNumbers.get(scene.number);
      if (earlier) {
        throw new ScriptError(
          `${describePlace(element.place)}: scene number ${scene.number} is used twice (first at ${describePlace(earlier)})`,
          element.place,
        );
      }
      seenNumbers.set(scene.number, element.place);
    }
    if (!scene.omitted) previousTime = scene.time;
    current = { scene, body: [element] };
  }
  finish();
  return { scenes, warnings };
}

function sceneOf(element: ScriptElement, previousTime: TimeOfDay | null, warnings: string[]): ScriptScene {
  const where = describePlace(element.place);
  const heading = element.text.trim().replace(/\s+/g, ' ');
  let number: string | null = null;
  if (element.number) {
    number = element.number.trim().toUpperCase();
    if (!SCENE_NUMBER.test(number)) {
      throw new ScriptError(
        `${where}: scene number ${JSON.stringify(element.number)} is not like 12, 12A or A12`,
        element.place,
      );
    }
  }
  const base = { number, heading, place: element.place, synopsis: '', characters: [] as string[] };
  if (element.omitted || OMITTED.test(heading)) {
    return {
      ...base,
      intExt: 'INT',
      set: 'OMITTED',
      time: 'DAY',
      eighths: 1,
      eighthsFrom: 'script',
      omitted: true,
    };
  }
  const read = readHeading(heading);
  const label = number === null ? where : `scene ${number} (${where})`;
  if (!read.set) {
    throw new ScriptError(
      `${where}: the scene heading ${JSON.stringify(heading)} has no set name`,
      element.place,
    );
  }
  if (read.set.length > 200) {
    throw new ScriptError(`${where}: the scene heading is longer than 200 characters`, element.place);
  }
  if (read.intExt === null)
    warnings.push(`${label}: the heading ${JSON.stringify(heading)} has no INT. or EXT.; read as INT`);
  let time: TimeOfDay;
  if (read.time === 'inherit') {
    if (previousTime === null)
      warnings.push(`${label}: the first scene runs on (CONTINUOUS/LATER/SAME) from nothing; read as DAY`);
    time = previousTime ?? 'DAY';
  } else if (read.time !== null) {
    time = read.time;
  } else {
    time = 'DAY';
    warnings.push(
      read.unknownTime === null
        ? `${label}: the heading gives no time of day; read as DAY`
        : `${label}: time of day ${JSON.stringify(read.unknownTime)} is not DAY, NIGHT, DAWN or DUSK; kept in the set name, read as DAY`,
    );
  }
  const ownLength = element.eighths ?? null;
  return {
    ...base,
    intExt: read.intExt ?? 'INT',
    set: read.set,
    time,
    eighths: ownLength ?? 1,
    eighthsFrom: ownLength === null ? 'estimate' : 'script',
    omitted: false,
  };
}

/** Synopsis from the first action line; speaking characters from the cues. */
function collect(scene: ScriptScene, element: ScriptElement): void {
  if (element.kind === 'action' && scene.synopsis === '') {
    const line = element.text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '');
    if (line) scene.synopsis = line.slice(0, 1_000);
  }
  if (element.kind === 'character') {
    const name = characterName(element.text);
    if (name && !scene.characters.includes(name)) scene.characters.push(name);
  }
}

/** `ANNA (V.O.)`, `@McCLANE`, `BEN (CONT'D) ^` -> `ANNA`, `MCCLANE`, `BEN`. */
export function characterName(cue: string): string {
  return cue
    .replace(/^\s*@/, '')
    .replace(/\^\s*$/, '')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase()
    .slice(0, 200);
}

/** Printed lines of a scene at screenplay margins; side-by-side dialogue counts its longer side. */
export function estimateEighths(body: readonly ScriptElement[]): number {
  let lines = 0;
  let dual = { left: 0, right: 0 };
  let previous: ElementKind | null = null;
  const closeDual = () => {
    lines += Math.max(dual.left, dual.right);
    dual = { left: 0, right: 0 };
  };
  for (const element of body) {
    const inBlock =
      (element.kind === 'dialogue' || element.kind === 'parenthetical') &&
      (previous === 'character' || previous === 'dialogue' || previous === 'parenthetical');
    const printed = printedLines(element) + (inBlock || previous === null ? 0 : 1);
    if (element.dual) dual[element.dual] += printed;
    else {
      if (dual.left || dual.right) closeDual();
      lines += printed;
    }
    previous = element.kind;
  }
  closeDual();
  return Math.max(1, Math.ceil((lines * 8) / LINES_PER_PAGE));
}

function printedLines(element: ScriptElement): number {
  const width = WIDTH[element.kind];
  return element.text
    .split('\n')
    .reduce((sum, line) => sum + Math.max(1, Math.ceil(line.trim().length / width)), 0);
}
