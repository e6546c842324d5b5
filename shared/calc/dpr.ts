/**
 * The daily production report of one shooting day: one pure function from the schedule (strips, day log),
 * the breakdown, the shot list and what the report board holds to every figure of the day. The AD's
 * screen, the PDF and the server's answer (GET .../dpr/:day, and what approval books) all call it, so they
 * cannot disagree.
 *
 * Every figure says where it came from (`source`) and whether the AD corrected it: a correction typed on the
 * report wins over the derived value, and both are kept so the report shows "corrected from 07:02".
 *   times       the day log's last entry of each kind (crew call falls back to the planned call)
 *   pages       planned: the day's strips; shot: strips marked done, plus added scenes completed
 *   setups      the shot list's shots of the day's scenes (a scene's shots count on its first day, as
 *               shotTotalsByDay): distinct setups among shots not cut (planned) and among shots done (shot);
 *               a shot with no setup named is its own setup
 * A source board the caller may not read is passed as null: its figures are missing, never made up.
 */
import type { Breakdown, Scene } from '../model/breakdown';
import {
  DPR_FIGURE_NAMES,
  DPR_FIGURES,
  type DprCastTimes,
  type DprAddedScene,
  type DprBackground,
  type DprCrew,
  type DprDayTyped,
  type DprEvent,
  type DprFigure,
  type FigureUnit,
} from '../model/dpr';
import {
  selectDayItems,
  type LogEntry,
  type LogKind,
  type Schedule,
  type ShootingDay,
} from '../model/schedule';
import type { Shot } from '../model/shotlist';
import { fromMinutes } from './clock';
import { dayTimes, type DayTimes } from './day-status';
import { formatEighths } from './eighths';
import { DEFAULT_MEAL_RULES, mealPenalties, type MealLate, type MealRules } from './meal-penalties';
import { firstDayOfScenes, sceneIndex, stripEighths } from './schedule-totals';

export interface DprFigureValue {
  /** What the report says: the correction when there is one, else the derived value. */
  value: string | number | null;
  /** What the boards say; null when they say nothing (or the figure is typed only). */
  derived: string | number | null;
  /** Where the value came from, in words: `Day log: camera wrap logged 18:40`, `Corrected by the AD`. */
  source: string;
  corrected: boolean;
  unit: FigureUnit;
}

export interface DprSceneRow {
  stripId: string;
  sceneId: string;
  /** Null when the breakdown is not readable or lacks the scene. */
  number: string | null;
  part: number | null;
  set: string | null;
  eighths: number;
  pages: string;
}

export interface DprCastReport extends DprCastTimes {
  castId: string;
  billing: number | null;
  character: string | null;
  actor: string | null;
  /** On the day's plan (a scene of the day lists them) rather than only typed. */
  scheduled: boolean;
  penalties: number | null;
  late: MealLate[];
  earlyMeal: boolean;
}

export interface DprReport {
  production: string;
  day: { id: string; number: number; of: number; label: string; date: string };
  figures: Record<DprFigure, DprFigureValue>;
  scenes: {
    completed: DprSceneRow[];
    partial: DprSceneRow[];
    notShot: DprSceneRow[];
    added: DprAddedScene[];
  };
  cast: DprCastReport[];
  /** Sum over cast with a report time. */
  mealPenalties: number;
  background: DprBackground[];
  backgroundTotal: number;
  crew: DprCrew[];
  crewTotal: number;
  /** Delays and incidents by time. */
  events: DprEvent[];
  delayMinutes: number;
  /** Company moves from the day log. */
  moves: { start: string; end: string | null }[];
}

export interface DprInput {
  productionName: string;
  schedule: Schedule;
  /** Null when the caller may not read the breakdown. */
  breakdown: Pick<Breakdown, 'scenes' | 'cast'> | null;
  /** Null when the caller may not read the shot list. */
  shots: readonly Shot[] | null;
  /** 1-based among shooting days in date order. */
  dayNumber: number;
  typed: DprDayTyped;
  mealRules?: MealRules;
}

/** The shooting days in date order, as "Day 3 of 18" counts them. */
export function shootingDay(schedule: Schedule, dayNumber: number): ShootingDay | null {
  if (!Number.isInteger(dayNumber) || dayNumber < 1) return null;
  return schedule.days.filter((d) => d.kind === 'shoot')[dayNumber - 1] ?? null;
}

interface LoggedSpec {
  key: keyof Omit<DayTimes, 'moves'>;
  words: string;
}

const LOGGED: Partial<Record<DprFigure, LoggedSpec>> = {
  crewCall: { key: 'crewCall', words: 'crew call' },
  firstShot: { key: 'firstShot', words: 'first shot' },
  lunchOut: { key: 'lunchCalled', words: 'lunch called' },
  lunchIn: { key: 'lunchEnded', words: 'lunch ended' },
  secondMealOut: { key: 'secondMealCalled', words: 'second meal called' },
  secondMealIn: { key: 'secondMealEnded', words: 'second meal ended' },
  cameraWrap: { key: 'cameraWrap', words: 'camera wrap' },
  crewWrap: { key: 'crewWrap', words: 'crew wrap' },
};

const isSetupsFigure = (figure: DprFigure) => figure === 'setupsPlanned' || figure === 'setupsShot';

/** The day's report, or null when the schedule has no shooting day `dayNumber`. */
export function deriveDpr(input: DprInput): DprReport | null {
  const { schedule, breakdown, shots, typed } = input;
  const day = shootingDay(schedule, input.dayNumber);
  if (!day) return null;
  const scenes = sceneIndex(breakdown?.scenes ?? []);
  const items = selectDayItems(schedule, day.id);
  const strips = items.flatMap((i) => (i.type === 'strip' ? [i] : []));
  const row = (s: (typeof strips)[number]): DprSceneRow => {
    const scene: Scene | undefined = scenes.get(s.sceneId);
    const eighths = stripEighths(s, scenes);
    return {
      stripId: s.id,
      sceneId: s.sceneId,
      number: scene?.number ?? null,
      part: s.part,
      set: scene?.set ?? null,
      eighths,
      pages: formatEighths(eighths),
    };
  };
  const completed = strips.filter((s) => s.status === 'done').map(row);
  const partial = strips.filter((s) => s.status === 'partial').map(row);
  const notShot = strips.filter((s) => s.status === 'planned' || s.status === 'shooting').map(row);
  const names = (rows: readonly DprSceneRow[]) =>
    rows.length === 0
      ? 'none'
      : rows.map((r) => (r.number === null ? 'a scene' : `Scene ${r.number}`)).join(', ');

  const times = dayTimes(day.id, schedule.log);
  const derived = new Map<DprFigure, { value: string | number | null; source: string }>();
  for (const [figure, spec] of Object.entries(LOGGED) as [DprFigure, LoggedSpec][]) {
    const at = times[spec.key];
    derived.set(
      figure,
      at !== null
        ? { value: fromMinutes(at), source: `Day log: ${spec.words} logged ${fromMinutes(at)}` }
        : figure === 'crewCall'
          ? { value: day.crewCall, source: 'Schedule: planned crew call (no crew call logged)' }
          : { value: null, source: `Day log: no ${spec.words} logged` },
    );
  }
  const plannedEighths = strips.reduce((n, s) => n + stripEighths(s, scenes), 0);
  derived.set('pagesPlanned', {
    value: plannedEighths,
    source: `Schedule: ${strips.length} strip${strips.length === 1 ? '' : 's'} on ${dayName(input.dayNumber)} (${names(strips.map(row))})`,
  });
  const addedDone = typed.added.filter((a) => a.status === 'completed');
  const shotEighths =
    completed.reduce((n, r) => n + r.eighths, 0) + addedDone.reduce((n, a) => n + a.eighths, 0);
  derived.set('pagesShot', {
    value: shotEighths,
    source:
      `Schedule: strips marked done (${names(completed)})` +
      (addedDone.length > 0
        ? ` and added scenes completed (${addedDone.map((a) => `Scene ${a.scene}`).join(', ')})`
        : '') +
      (partial.length > 0 ? `; partial strips not counted (${names(partial)})` : ''),
  });
  if (shots === null) {
    const source = 'Shot list: not readable by your role';
    derived.set('setupsPlanned', { value: null, source });
    derived.set('setupsShot', { value: null, source });
  } else {
    const dayOfScene = firstDayOfScenes(schedule);
    const ofDay = shots.filter((s) => dayOfScene.get(s.sceneId) === day.id && s.status !== 'cut');
    const done = ofDay.filter((s) => s.status === 'done');
    const setups = (list: readonly Shot[]) =>
      new Set(list.map((s) => (s.setup.trim() === '' ? `#${s.id}` : s.setup.trim()))).size;
    derived.set('setupsPlanned', {
      value: setups(ofDay),
      source: `Shot list: setups of the ${ofDay.length} shot${ofDay.length === 1 ? '' : 's'} (not cut) of the day's scenes`,
    });
    derived.set('setupsShot', {
      value: setups(done),
      source: `Shot list: setups of the ${done.length} shot${done.length === 1 ? '' : 's'} marked done`,
    });
  }

  const figures = {} as Record<DprFigure, DprFigureValue>;
  for (const figure of DPR_FIGURE_NAMES) {
    const unit = DPR_FIGURES[figure];
    const from = derived.get(figure) ?? null;
    const typedValue = typed.figures[figure];
    const has = typedValue !== undefined;
    const derivedValue = from?.value ?? null;
    const corrected = has && from !== null;
    figures[figure] = {
      value: has ? typedValue : derivedValue,
      derived: derivedValue,
      source: corrected
        ? `Corrected on the report (${from.source}${derivedValue === null ? '' : `: ${show(unit, derivedValue)}`})`
        : has
          ? 'Typed on the report'
          : (from?.source ?? 'Not typed yet'),
      corrected,
      unit,
    };
    if (isSetupsFigure(figure) && shots === null && has) figures[figure].source = 'Typed on the report';
  }

  return {
    production: input.productionName,
    day: {
      id: day.id,
      number: input.dayNumber,
      of: schedule.days.filter((d) => d.kind === 'shoot').length,
      label: dayName(input.dayNumber),
      date: day.date,
    },
    figures,
    scenes: { completed, partial, notShot, added: typed.added },
    ...castOfDay(
      input,
      strips.map((s) => s.sceneId),
      scenes,
    ),
    background: typed.background,
    backgroundTotal: typed.background.reduce((n, b) => n + b.count, 0),
    crew: typed.crew,
    crewTotal: typed.crew.reduce((n, c) => n + c.count, 0),
    events: typed.events,
    delayMinutes: typed.events.reduce((n, e) => n + (e.kind === 'delay' ? e.minutes : 0), 0),
    moves: times.moves.map((m) => ({
      start: fromMinutes(m.start),
      end: m.end === null ? null : fromMinutes(m.end),
    })),
  };
}

const dayName = (n: number) => `Day ${n}`;

function show(unit: FigureUnit, value: string | number): string {
  return unit === 'eighths' && typeof value === 'number' ? `${formatEighths(value)} pages` : String(value);
}

/** The cast of the day's scenes (by billing), and anyone else whose times were typed; with meal penalties. */
function castOfDay(
  input: DprInput,
  sceneIds: readonly string[],
  scenes: ReadonlyMap<string, Scene>,
): { cast: DprCastReport[]; mealPenalties: number } {
  const members = input.breakdown?.cast ?? [];
  const scheduled = new Set(sceneIds.flatMap((id) => scenes.get(id)?.castIds ?? []));
  const ids = [
    ...new Set([
      ...members.filter((m) => scheduled.has(m.id)).map((m) => m.id),
      ...input.typed.cast.map((c) => c.castId),
    ]),
  ];
  const none: DprCastTimes = {
    report: null,
    onSet: null,
    mealOut: null,
    mealIn: null,
    meal2Out: null,
    meal2In: null,
    dismissed: null,
  };
  const cast = ids.map((castId): DprCastReport => {
    const member = members.find((m) => m.id === castId);
    const typedRow = input.typed.cast.find((c) => c.castId === castId);
    const times: DprCastTimes = typedRow
      ? {
          report: typedRow.report,
          onSet: typedRow.onSet,
          mealOut: typedRow.mealOut,
          mealIn: typedRow.mealIn,
          meal2Out: typedRow.meal2Out,
          meal2In: typedRow.meal2In,
          dismissed: typedRow.dismissed,
        }
      : none;
    const meals = mealPenalties(times, input.mealRules ?? DEFAULT_MEAL_RULES);
    return {
      castId,
      billing: member?.billing ?? null,
      character: member?.character ?? null,
      actor: member?.actor ?? null,
      scheduled: scheduled.has(castId),
      ...times,
      penalties: meals.penalties,
      late: meals.late,
      earlyMeal: meals.earlyMeal,
    };
  });
  cast.sort((a, b) => (a.billing ?? Infinity) - (b.billing ?? Infinity) || (a.castId < b.castId ? -1 : 1));
  return { cast, mealPenalties: cast.reduce((n, c) => n + (c.penalties ?? 0), 0) };
}

/**
 * The day's times as the report has them (corrections included), as day-log entries: what the hot costs
 * of an approved report are computed from, so a corrected wrap is what payroll and the accruals see.
 */
export function reportLog(report: DprReport): LogEntry[] {
  const kinds: [DprFigure, LogKind][] = [
    ['crewCall', 'crew-call'],
    ['firstShot', 'first-shot'],
    ['lunchOut', 'lunch-called'],
    ['lunchIn', 'lunch-ended'],
    ['secondMealOut', 'second-meal-called'],
    ['secondMealIn', 'second-meal-ended'],
    ['cameraWrap', 'camera-wrap'],
    ['crewWrap', 'crew-wrap'],
  ];
  const author = { id: 'dpr', name: 'Production report' };
  return kinds.flatMap(([figure, kind]) => {
    const at = report.figures[figure].value;
    return typeof at === 'string'
      ? [{ id: `dpr-${kind}`, dayId: report.day.id, kind, at, author, changedBy: null, note: '' }]
      : [];
  });
}
