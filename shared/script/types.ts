/**
 * What a script parser hands the rest of Setboard: one plain list of scenes, the same for Fountain and Final
 * Draft, plus warnings a person should read before applying it. Nothing here knows a Y.Doc.
 */
import type { IntExt, TimeOfDay } from '../model/breakdown';

export type ScriptFormat = 'fountain' | 'fdx';

/** Where something is in the file: a line (Fountain) or a paragraph (Final Draft), 1-based. */
export interface ScriptPlace {
  line?: number;
  paragraph?: number;
}

export interface ScriptScene {
  /** The script's own scene number (`12A`), or null when the script is unnumbered. */
  number: string | null;
  /** The heading as written (`INT. KITCHEN - MORNING`); `OMITTED` for an omitted scene. */
  heading: string;
  intExt: IntExt;
  set: string;
  time: TimeOfDay;
  /** Page length in eighths, at least 1. */
  eighths: number;
  /** `script`: Final Draft's SceneProperties Length; `estimate`: from the line count at 55 lines a page. */
  eighthsFrom: 'script' | 'estimate';
  /** The first action line of the scene ('' when it has none). */
  synopsis: string;
  /** Speaking characters in order of first line, upper case, extensions such as (V.O.) removed. */
  characters: string[];
  omitted: boolean;
  place: ScriptPlace;
}

export interface ParsedScript {
  format: ScriptFormat;
  scenes: ScriptScene[];
  /** Things that were read but deserve a look (an unknown time of day, a heading without INT/EXT). */
  warnings: string[];
}

/** Largest script accepted: a 300-page .fdx is about 1 MB. */
export const MAX_SCRIPT_BYTES = 5 * 1024 * 1024;

/** A file that cannot be read as a script; the message names what and where. */
export class ScriptError extends Error {
  override name = 'ScriptError';
  constructor(
    message: string,
    readonly place: ScriptPlace = {},
    /** `too_large` maps to HTTP 413; everything else is a bad file (400). */
    readonly kind: 'too_large' | 'invalid' = 'invalid',
  ) {
    super(message);
  }
}

export function describePlace(place: ScriptPlace): string {
  if (place.line !== undefined) return `line ${place.line}`;
  if (place.paragraph !== undefined) return `paragraph ${place.paragraph}`;
  return 'the file';
}
