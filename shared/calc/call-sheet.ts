/**
 * The call sheet of one shooting day, derived from the schedule, the breakdown and the crew and cast list,
 * with the parts typed per day (weather, parking, notes, call overrides, cast times) laid over it. One pure
 * function feeds the AD's screen, the PDF and the published copy, so they cannot disagree. A value the
 * boards do not hold is `null` (shown as missing), never guessed.
 */
import type { Breakdown, CastMember, IntExt, Location, Scene, TimeOfDay } from '../model/breakdown';
import { selectDayItems, type Schedule, type ShootingDay } from '../model/schedule';
import type { Person } from '../people';
import { fromMinutes, isTimeZone, toMinutes } from './clock';
import { dayClock, DEFAULT_DAY_OPTIONS, type DayOptions } from './day-status';
import { dayOutOfDays, type DoodCode } from './dood';
import { formatEighths } from './eighths';
import { sceneIndex, stripEighths } from './schedule-totals';
import { daySun } from './sun';

import type {
  BackgroundGroup,
  CallSheetTyped,
  RequirementKind,
  SpecialRequirement,
} from '../model/callsheet-types';

// The typed parts are the call sheet board's (shared/model/callsheet.ts); re-exported for the derivation's users.
export type { CallSheetTyped, CastTimes } from '../model/callsheet-types';

export interface CallSheetInput {
  productionName: string;
  schedule: Schedule;
  breakdown: Pick<Breakdown, 'scenes' | 'cast' | 'locations'>;
  people: readonly Person[];
  /** 1-based among shooting days in date order, as "Day 3 of 18" counts. */
  dayNumber: number;
  typed?: CallSheetTyped;
  options?: DayOptions;
}

export interface CallSheetScene {
  type: 'scene';
  stripId: string;
  sceneId: string;
  /** Null fields: the strip's scene is not in the breakdown (deleted, or not synced yet). */
  number: string | null;
  /** Part of a split scene, or null for the whole scene. */
  part: number | null;
  intExt: IntExt | null;
  set: string | null;
  /** D/N as the breakdown has it: DAY, NIGHT, DAWN, DUSK. */
  time: TimeOfDay | null;
  eighths: number;
  /** `1 3/8` */
  pages: string;
  castBillings: number[];
  location: string | null;
  omitted: boolean;
  /** Special requirements typed for this scene on this day (vehicles, stunts, animals...). */
  requirements: { kind: RequirementKind; text: string }[];
}

export interface CallSheetBanner {
  type: 'banner';
  id: string;
  text: string;
  companyMove: boolean;
}

export type CallSheetRow = CallSheetScene | CallSheetBanner;

export interface CallSheetLocation {
  id: string;
  name: string;
  address: string | null;
  hospital: string | null;
  /** Scene numbers shot there today, in shooting order. */
  scenes: string[];
}

export interface CallSheetCast {
  castId: string;
  billing: number;
  character: string;
  actor: string;
  /** The day's Day out of Days code: SW, W, WF, SWF, PW on a work day, H on hold. */
  dood: DoodCode;
  /** The person on the crew and cast list who plays them, when there is one. */
  personId: string | null;
  pickup: string | null;
  hairMakeup: string | null;
  onSet: string | null;
}

export interface CallSheetCall {
  personId: string;
  name: string;
  title: string | null;
  /** `HH:MM` */
  call: string;
  /** The call was typed for this day rather than derived from crew call + offset. */
  overridden: boolean;
}

export interface CallSheetDepartment {
  /** Null for people whose department is not set. */
  department: string | null;
  /** The department's earliest call. */
  call: string;
  people: CallSheetCall[];
  note: string | null;
}

export interface CallSheetContact {
  personId: string;
  name: string;
  department: string | null;
  title: string | null;
  phone: string | null;
  email: string | null;
}

export interface CallSheetDay {
  id: string;
  number: number;
  of: number;
  /** "Day 3 of 18" */
  label: string;
  date: string;
  crewCall: string;
  shootingCall: string;
  sunrise: string | null;
  sunset: string | null;
  /** Where lunch falls in the plan; null when the day's plan ends before it is due. */
  projectedLunch: string | null;
  notes: string | null;
}

export interface CallSheet {
  production: string;
  day: CallSheetDay;
  weather: string | null;
  parking: string | null;
  basecamp: string | null;
  notes: string | null;
  rows: CallSheetRow[];
  totalEighths: number;
  totalPages: string;
  locations: CallSheetLocation[];
  cast: CallSheetCast[];
  crewCalls: CallSheetDepartment[];
  advance: { day: Omit<CallSheetDay, 'projectedLunch' | 'sunrise' | 'sunset'>; rows: CallSheetRow[] } | null;
  keyContacts: CallSheetContact[];
  /** Background groups in call order. */
  background: Omit<BackgroundGroup, 'id'>[];
  /** Every department note typed for the day (also shown with the department's calls), by department. */
  departmentNotes: { department: string; note: string }[];
  /** Every special requirement of the day, in shooting order, naming its scene. */
  requirements: { sceneNumber: string | null; kind: RequirementKind; text: string }[];
}

const ON_THE_SHEET: ReadonlySet<DoodCode> = new Set(['SW', 'W', 'WF', 'SWF', 'PW', 'H']);

/** A banner whose text starts with "company move" (any case) moves the unit. */
export function isCompanyMove(text: string): boolean {
  return /^\s*company\s+move\b/i.test(text);
}

const textOrNull = (value: string | undefined): string | null =>
  value === undefined || value.trim() === '' ? null : value.trim();

/** The shooting days in date order (days off and travel days are not numbered). */
function shootingDays(schedule: Schedule): ShootingDay[] {
  return schedule.days.filter((d) => d.kind === 'shoot');
}

function rowsOf(
  schedule: Schedule,
  dayId: string,
  scenes: ReadonlyMap<string, Scene>,
  cast: readonly CastMember[],
  locations: readonly Location[],
  requirements: readonly SpecialRequirement[] = [],
): CallSheetRow[] {
  const billing = new Map(cast.map((c) => [c.id, c.billing]));
  return selectDayItems(schedule, dayId).map((item): CallSheetRow => {
    if (item.type === 'banner') {
      return { type: 'banner', id: item.id, text: item.text, companyMove: isCompanyMove(item.text) };
    }
    const scene = scenes.get(item.sceneId);
    const eighths = stripEighths(item, scenes);
    return {
      type: 'scene',
      stripId: item.id,
      sceneId: item.sceneId,
      number: scene?.number ?? null,
      part: item.part,
      intExt: scene?.intExt ?? null,
      set: scene?.set ?? null,
      time: scene?.time ?? null,
      eighths,
      pages: formatEighths(eighths),
      castBillings: (scene?.castIds ?? [])
        .flatMap((id) => (billing.has(id) ? [billing.get(id)!] : []))
        .sort((a, b) => a - b),
      location: locations.find((l) => l.id === scene?.locationId)?.name ?? null,
      omitted: scene?.omitted ?? false,
      requirements: requirements
        .filter((r) => r.sceneId === item.sceneId)
        .map((r) => ({ kind: r.kind, text: r.text })),
    };
  });
}

function dayHeader(day: ShootingDay, number: number, of: number) {
  return {
    id: day.id,
    number,
    of,
    label: `Day ${number} of ${of}`,
    date: day.date,
    crewCall: day.crewCall,
    shootingCall: day.shootingCall,
    notes: textOrNull(day.notes),
  };
}

/**
 * The call sheet of shooting day `dayNumber`, or null when the schedule has no such shooting day.
 * Crew calls: each person not playing a cast part is called at crew call + their offset, unless a call was
 * typed for them; departments are listed by their earliest call.
 */
export function deriveCallSheet(input: CallSheetInput): CallSheet | null {
  const { schedule, breakdown, people } = input;
  const typed = input.typed ?? {};
  const shooting = shootingDays(schedule);
  const day = shooting[input.dayNumber - 1];
  if (!Number.isInteger(input.dayNumber) || !day) return null;
  const scenes = sceneIndex(breakdown.scenes);
  const items = selectDayItems(schedule, day.id);
  const rows = rowsOf(schedule, day.id, scenes, breakdown.cast, breakdown.locations, typed.requirements);
  const sceneRows = rows.filter((r): r is CallSheetScene => r.type === 'scene');

  const timeZone = schedule.settings.timeZone;
  const sun = isTimeZone(timeZone) ? daySun(day, items, scenes, breakdown.locations, timeZone) : null;
  const sunrise = sun ? sun.sunrise.value : textOrNull(day.sunrise);
  const sunset = sun ? sun.sunset.value : textOrNull(day.sunset);
  const plan = dayClock({
    day,
    items,
    log: [],
    scenes: breakdown.scenes,
    mode: 'plan',
    now: 0,
    sunset: sunset === null ? null : toMinutes(sunset),
    options: input.options ?? DEFAULT_DAY_OPTIONS,
  });

  // Locations in the order the unit reaches them.
  const locations: CallSheetLocation[] = [];
  for (const row of sceneRows) {
    const scene = scenes.get(row.sceneId);
    const location = breakdown.locations.find((l) => l.id === scene?.locationId);
    if (!location) continue;
    let entry = locations.find((l) => l.id === location.id);
    if (!entry) {
      entry = {
        id: location.id,
        name: location.name,
        address: textOrNull(location.address),
        hospital: textOrNull(typed.hospital) ?? textOrNull(location.hospital),
        scenes: [],
      };
      locations.push(entry);
    }
    if (row.number !== null && !entry.scenes.includes(row.number)) entry.scenes.push(row.number);
  }

  const dayIndex = schedule.days.findIndex((d) => d.id === day.id);
  const dood = dayOutOfDays(schedule, breakdown.scenes, breakdown.cast);
  const cast: CallSheetCast[] = breakdown.cast
    .flatMap((member) => {
      const code = dood.find((r) => r.castId === member.id)?.codes[dayIndex] ?? null;
      if (code === null || !ON_THE_SHEET.has(code)) return [];
      const times = typed.castTimes?.[member.id] ?? {};
      return [
        {
          castId: member.id,
          billing: member.billing,
          character: member.character,
          actor: member.actor,
          dood: code,
          personId: people.find((p) => p.castBilling === member.billing)?.id ?? null,
          pickup: textOrNull(times.pickup),
          hairMakeup: textOrNull(times.hairMakeup),
          onSet: textOrNull(times.onSet),
        },
      ];
    })
    .sort((a, b) => a.billing - b.billing);

  const crewCall = toMinutes(day.crewCall);
  const departments = new Map<string | null, CallSheetCall[]>();
  for (const person of people) {
    if (person.castBilling !== null) continue;
    const override = textOrNull(typed.callOverrides?.[person.id]);
    const call = override ?? fromMinutes(crewCall + (person.callOffsetMinutes ?? 0));
    const list = departments.get(person.department) ?? [];
    list.push({
      personId: person.id,
      name: person.name,
      title: person.title,
      call,
      overridden: override !== null,
    });
    departments.set(person.department, list);
  }
  const crewCalls: CallSheetDepartment[] = [...departments].map(([department, list]) => ({
    department,
    call: list.reduce((min, p) => (toMinutes(p.call) < toMinutes(min) ? p.call : min), list[0]!.call),
    people: [...list].sort((a, b) => toMinutes(a.call) - toMinutes(b.call)),
    note: department === null ? null : textOrNull(typed.departmentNotes?.[department]),
  }));
  crewCalls.sort((a, b) => toMinutes(a.call) - toMinutes(b.call));

  const next = shooting[input.dayNumber];
  const totalEighths = sceneRows.reduce((sum, r) => sum + r.eighths, 0);
  return {
    production: input.productionName,
    day: {
      ...dayHeader(day, input.dayNumber, shooting.length),
      sunrise,
      sunset,
      projectedLunch: plan.plannedLunch,
    },
    weather: textOrNull(typed.weather),
    parking: textOrNull(typed.parking),
    basecamp: textOrNull(typed.basecamp),
    notes: textOrNull(typed.notes),
    rows,
    totalEighths,
    totalPages: formatEighths(totalEighths),
    locations,
    cast,
    crewCalls,
    advance: next
      ? {
          day: dayHeader(next, input.dayNumber + 1, shooting.length),
          rows: rowsOf(schedule, next.id, scenes, breakdown.cast, breakdown.locations),
        }
      : null,
    keyContacts: people
      .filter((p) => p.keyContact)
      .map((p) => ({
        personId: p.id,
        name: p.name,
        department: p.department,
        title: p.title,
        phone: p.phone,
        email: p.email,
      })),
    background: (typed.background ?? []).map(({ id: _id, ...group }) => group),
    departmentNotes: Object.entries(typed.departmentNotes ?? {})
      .flatMap(([department, note]) => (textOrNull(note) === null ? [] : [{ department, note: note.trim() }]))
      .sort((a, b) => a.department.localeCompare(b.department)),
    // A scene shot in two parts on the day lists its requirements once.
    requirements: [...new Set(sceneRows.map((r) => r.sceneId))].flatMap((sceneId) => {
      const row = sceneRows.find((r) => r.sceneId === sceneId)!;
      return row.requirements.map((r) => ({ sceneNumber: row.number, ...r }));
    }),
  };
}

/** One person's own call on the sheet, as the top of their personal copy shows it. */
export interface PersonalCall {
  personId: string;
  name: string;
  department: string | null;
  title: string | null;
  /** `HH:MM`; null when the person is not called today (or, for cast, no time was typed). */
  call: string | null;
  /** Cast: their pickup, when typed. */
  pickup: string | null;
  /** Scene numbers they are in today (cast), in shooting order. */
  scenes: string[];
}

/**
 * Where `personId` stands on the sheet: a crew member's call from the crew calls; an actor's call is their
 * hair and make-up time, else their on-set time (the pickup is shown apart). Someone on `people` who is not
 * called today gets a null call; someone on neither gets null.
 */
export function personalCall(
  sheet: CallSheet,
  personId: string,
  people: readonly Person[] = [],
): PersonalCall | null {
  const person = people.find((p) => p.id === personId);
  const cast = sheet.cast.find((c) => c.personId === personId);
  if (cast) {
    const scenes = sheet.rows.flatMap((r) =>
      r.type === 'scene' && r.number !== null && r.castBillings.includes(cast.billing) ? [r.number] : [],
    );
    return {
      personId,
      name: person?.name ?? cast.actor,
      department: person?.department ?? 'Cast',
      title: person?.title ?? cast.character,
      call: cast.hairMakeup ?? cast.onSet,
      pickup: cast.pickup,
      scenes: [...new Set(scenes)],
    };
  }
  for (const department of sheet.crewCalls) {
    const crew = department.people.find((p) => p.personId === personId);
    if (crew) {
      const { name, title, call } = crew;
      return { personId, name, department: department.department, title, call, pickup: null, scenes: [] };
    }
  }
  if (!person) return null;
  const { name, department, title } = person;
  return { personId, name, department, title, call: null, pickup: null, scenes: [] };
}
