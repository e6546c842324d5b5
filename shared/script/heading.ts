/**
 * Scene headings (sluglines): `INT. KITCHEN - MORNING`, `EXT./INT. CAR - NIGHT`, `I/E VAN - DAY`,
 * `EST. CITY - DUSK`. The prefix gives INT/EXT, the last ` - ` part the time of day, the rest the set.
 */
import type { IntExt, TimeOfDay } from '../model/breakdown';

/** Longest prefixes first, so `INT./EXT.` is not read as `INT.` followed by a set called `/EXT.`. */
const PREFIXES: [RegExp, IntExt][] = [
  [/^(?:INT\.?\s*\/\s*EXT|EXT\.?\s*\/\s*INT|INT\.?\s*-\s*EXT|I\s*\/\s*E|E\s*\/\s*I)\.?(?=\s|$)/i, 'INT/EXT'],
  [/^INT\.?(?=\s|$)/i, 'INT'],
  [/^(?:EXT|EST)\.?(?=\s|$)/i, 'EXT'],
];

/**
 * Times of day the breakdown does not have, mapped to the one a stripboard colours them as. CONTINUOUS and
 * friends have no time of their own: the scene runs on from the one before.
 */
const TIME_WORDS: Record<string, TimeOfDay> = {
  DAY: 'DAY',
  MORNING: 'DAY',
  'EARLY MORNING': 'DAY',
  'LATE MORNING': 'DAY',
  NOON: 'DAY',
  AFTERNOON: 'DAY',
  'LATE AFTERNOON': 'DAY',
  NIGHT: 'NIGHT',
  MIDNIGHT: 'NIGHT',
  'LATE NIGHT': 'NIGHT',
  DAWN: 'DAWN',
  SUNRISE: 'DAWN',
  DUSK: 'DUSK',
  EVENING: 'DUSK',
  SUNSET: 'DUSK',
  TWILIGHT: 'DUSK',
};
const INHERIT_WORDS = new Set([
  'CONTINUOUS',
  'CONT',
  "CONT'D",
  'LATER',
  'MOMENTS LATER',
  'A MOMENT LATER',
  'SAME',
  'SAME TIME',
  'SIMULTANEOUS',
]);

export interface ReadHeading {
  /** null when the heading has no INT/EXT prefix (a forced heading such as `.FLASHBACK`). */
  intExt: IntExt | null;
  set: string;
  /** The breakdown's time, `inherit` for CONTINUOUS/LATER/SAME, or null when the heading gives none. */
  time: TimeOfDay | 'inherit' | null;
  /** The words after the last ` - ` when they are not a time the breakdown knows (kept in the set). */
  unknownTime: string | null;
}

const SEPARATOR = /\s+[-–—]+\s+/;

export function readHeading(text: string): ReadHeading {
  let rest = text.trim().replace(/\s+/g, ' ');
  let intExt: IntExt | null = null;
  for (const [pattern, value] of PREFIXES) {
    const m = pattern.exec(rest);
    if (m) {
      intExt = value;
      rest = rest.slice(m[0].length).trim();
      break;
    }
  }
  // a leading space lets `EXT. - NIGHT` split into no set and a time
  const parts = ` ${rest} `.split(SEPARATOR).map((p) => p.trim());
  let time: ReadHeading['time'] = null;
  let unknownTime: string | null = null;
  if (parts.length > 1) {
    const last = parts.at(-1)!.replace(/[.()]/g, '').trim().toUpperCase();
    const known = timeOfDay(last);
    if (known) {
      time = known;
      parts.pop();
    } else {
      unknownTime = parts.at(-1)!;
    }
  }
  const set = parts
    .join(' - ')
    .replace(/^[-–—\s.]+|[-–—\s]+$/g, '')
    .toUpperCase();
  return { intExt, set, time, unknownTime };
}

function timeOfDay(words: string): TimeOfDay | 'inherit' | null {
  const plain = words.replace(/\s+/g, ' ');
  if (INHERIT_WORDS.has(plain)) return 'inherit';
  return TIME_WORDS[plain] ?? null;
}
