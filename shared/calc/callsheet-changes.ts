/**
 * What changed between two published revisions of a day's call sheet, for everyone and for one person.
 * A person whose own part changed (their call; a scene they are in added, removed, or moved in time or place)
 * must confirm the new revision again; everyone else keeps their confirmation and is shown what changed.
 * Pure: it reads the two derived sheets (`deriveCallSheet`) and each person's part as it was published.
 */
import { personalCall, type CallSheet, type CallSheetScene } from './call-sheet';

/** The person's own part of one revision: the call they were given and who they play. */
export interface PersonalPart {
  /** `HH:MM`, or null when the person is not called that day (a cast member on hold or not working). */
  call: string | null;
  /** The breakdown cast billing they play; null for crew. */
  castBilling: number | null;
}

export type OwnChange =
  | { kind: 'call'; from: string | null; to: string | null; text: string }
  | { kind: 'scene-added' | 'scene-removed'; scene: string; text: string }
  | { kind: 'scene-moved'; scene: string; what: 'time' | 'place'; text: string };

/** The person on the list whose part is asked for, as much of them as the sheet needs. */
export interface PartPerson {
  id: string;
  castBilling: number | null;
}

/**
 * A person's part of a sheet: their call as `personalCall` reads it (the same the PDF prints on top: a crew
 * member's department line, an actor's hair and make-up time, else on-set time) and who they play.
 */
export function personalPart(sheet: CallSheet, person: PartPerson): PersonalPart {
  return { call: personalCall(sheet, person.id)?.call ?? null, castBilling: person.castBilling };
}

const sceneRows = (sheet: CallSheet): CallSheetScene[] =>
  sheet.rows.filter((r): r is CallSheetScene => r.type === 'scene' && !r.omitted);

/** One strip of a scene: the scene, and the part when it is split. */
const keyOf = (row: CallSheetScene) => `${row.sceneId}#${row.part ?? ''}`;

const label = (row: CallSheetScene) =>
  `Scene ${row.number ?? '?'}${row.part === null ? '' : ` (part ${row.part})`}`;

/** The scenes a person is in on a sheet (crew: none), in shooting order. */
export function scenesOf(sheet: CallSheet, castBilling: number | null): CallSheetScene[] {
  if (castBilling === null) return [];
  return sceneRows(sheet).filter((r) => r.castBillings.includes(castBilling));
}

/**
 * The rank of each strip among the strips both sheets hold, so a scene added or dropped elsewhere does not
 * count as moving the others; a reorder does.
 */
function commonRanks(before: CallSheet, after: CallSheet): [Map<string, number>, Map<string, number>] {
  const a = sceneRows(before).map(keyOf);
  const b = sceneRows(after).map(keyOf);
  const inA = new Set(a);
  const inB = new Set(b);
  const rank = (keys: string[], other: Set<string>) =>
    new Map(keys.filter((k) => other.has(k)).map((k, i) => [k, i]));
  return [rank(a, inB), rank(b, inA)];
}

function placeOf(row: CallSheetScene): string {
  return `${row.location ?? ''}\u0000${row.set ?? ''}`;
}

function placeText(row: CallSheetScene): string {
  return [row.set, row.location].filter((s): s is string => s !== null).join(', ') || 'no set given';
}

/** Scene changes between two sheets for the strips `pick` selects (one person's, or everyone's). */
function sceneChanges(
  before: CallSheet,
  after: CallSheet,
  pickBefore: CallSheetScene[],
  pickAfter: CallSheetScene[],
): OwnChange[] {
  const [rankBefore, rankAfter] = commonRanks(before, after);
  const was = new Map(pickBefore.map((r) => [keyOf(r), r]));
  const now = new Map(pickAfter.map((r) => [keyOf(r), r]));
  const changes: OwnChange[] = [];
  for (const row of pickAfter) {
    const old = was.get(keyOf(row));
    if (!old) {
      changes.push({ kind: 'scene-added', scene: label(row), text: `${label(row)} was added.` });
      continue;
    }
    const rb = rankBefore.get(keyOf(row));
    const ra = rankAfter.get(keyOf(row));
    if (rb !== undefined && ra !== undefined && rb !== ra) {
      changes.push({
        kind: 'scene-moved',
        scene: label(row),
        what: 'time',
        text: `${label(row)} moved ${ra < rb ? 'earlier' : 'later'} in the day.`,
      });
    }
    if (placeOf(old) !== placeOf(row)) {
      changes.push({
        kind: 'scene-moved',
        scene: label(row),
        what: 'place',
        text: `${label(row)} moved from ${placeText(old)} to ${placeText(row)}.`,
      });
    }
  }
  for (const row of pickBefore) {
    if (!now.has(keyOf(row))) {
      changes.push({ kind: 'scene-removed', scene: label(row), text: `${label(row)} was removed.` });
    }
  }
  return changes;
}

/**
 * What changed in one person's own part from one revision to the next. Not empty: they must confirm again.
 * `before` null (the person was not on the previous revision) is a change too: a first call.
 */
export function ownChanges(
  before: { sheet: CallSheet; part: PersonalPart } | null,
  after: { sheet: CallSheet; part: PersonalPart },
): OwnChange[] {
  if (before === null) {
    return [
      {
        kind: 'call',
        from: null,
        to: after.part.call,
        text: `You are on this day's call sheet for the first time.`,
      },
    ];
  }
  const changes: OwnChange[] = [];
  if (before.part.call !== after.part.call) {
    changes.push({
      kind: 'call',
      from: before.part.call,
      to: after.part.call,
      text:
        after.part.call === null
          ? `You are no longer called (was ${before.part.call}).`
          : before.part.call === null
            ? `You are now called at ${after.part.call}.`
            : `Your call moved from ${before.part.call} to ${after.part.call}.`,
    });
  }
  changes.push(
    ...sceneChanges(
      before.sheet,
      after.sheet,
      scenesOf(before.sheet, before.part.castBilling),
      scenesOf(after.sheet, after.part.castBilling),
    ),
  );
  return changes;
}

/** What changed on the sheet for everyone, one sentence each, header first, then the scenes. */
export function sheetChanges(before: CallSheet, after: CallSheet): string[] {
  const lines: string[] = [];
  const header: Array<[string, string | null, string | null]> = [
    ['Date', before.day.date, after.day.date],
    ['Crew call', before.day.crewCall, after.day.crewCall],
    ['Shooting call', before.day.shootingCall, after.day.shootingCall],
    ['Projected lunch', before.day.projectedLunch, after.day.projectedLunch],
    ['Weather', before.weather, after.weather],
    ['Parking', before.parking, after.parking],
    ['Basecamp', before.basecamp, after.basecamp],
  ];
  for (const [name, from, to] of header) {
    if (from === to) continue;
    lines.push(
      to === null
        ? `${name} removed (was ${from}).`
        : from === null
          ? `${name}: ${to}.`
          : `${name} changed from ${from} to ${to}.`,
    );
  }
  if (before.notes !== after.notes) lines.push('The general notes changed.');
  lines.push(
    ...sceneChanges(before, after, sceneRows(before), sceneRows(after)).map((change) => change.text),
  );
  return lines;
}
