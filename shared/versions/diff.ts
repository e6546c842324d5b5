/**
 * What changed between two copies of a board, by meaning: both copies are read through the model's readers
 * and compared entity by entity (a strip moved from Day 2 to Day 3, a shot's lens went from 35mm to 50mm, an
 * account's budget changed). Order keys and raw Yjs keys are never compared: every drag rewrites an order key,
 * so a position is compared as the entity's place among the others (see `reordered`).
 */
import type * as Y from 'yjs';
import type { Board } from '../boards';
import { readBreakdown, type Breakdown } from '../model/breakdown';
import { readCallSheet, type CallSheetTyped } from '../model/callsheet';
import { readCostReport } from '../model/costreport';
import type { CostReportData } from '../model/costreport-types';
import { readDpr, type DprData } from '../model/dpr';
import { readMoodboard } from '../model/moodboard';
import { dayLabel, readSchedule } from '../model/schedule';
import type { Schedule } from '../model/schedule-types';
import { readShots, type Shot } from '../model/shotlist';
import { readVocabularies, VOCABULARY_KINDS, type Vocabularies } from '../model/vocabularies';
import { accountBudgets } from '../calc/locked-budget';

export { accountBudgets };

export type ChangeKind = 'added' | 'removed' | 'changed' | 'moved';

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface Change {
  kind: ChangeKind;
  /** What sort of thing changed: `strip`, `day`, `shot`, `scene`, `account`, `line`, `card` ... */
  entity: string;
  id: string;
  /** How people name it: `Scene 12`, `Shot 12A`, `Day 3`, `3300 Camera`. */
  label: string;
  /** For `changed` the fields that changed; for `moved` the place (`day`, or `position`). */
  fields?: FieldChange[];
}

/** Names of scenes by id, for boards that point at the breakdown (strips and shots name their scene). */
export interface DiffContext {
  sceneNumbers?: ReadonlyMap<string, string>;
  /** Names of schedule days by id (`Day 3 (Wed 9 Dec)`), for the call sheet's and the production report's rows. */
  dayLabels?: ReadonlyMap<string, string>;
}

/** Changes that turn `before` into `after`, in a stable order (by entity kind, then as listed in `after`). */
export function diffBoard(board: Board, before: Y.Doc, after: Y.Doc, context: DiffContext = {}): Change[] {
  switch (board) {
    case 'schedule':
      return diffSchedule(readSchedule(before), readSchedule(after), context);
    case 'shotlist':
      return [
        ...diffShots(readShots(before), readShots(after), context),
        ...diffVocabularies(readVocabularies(before), readVocabularies(after)),
      ];
    case 'breakdown':
      return diffBreakdown(readBreakdown(before), readBreakdown(after));
    case 'costreport':
      return diffCostReport(readCostReport(before), readCostReport(after));
    case 'moodboard':
      return diffMoodboard(readMoodboard(before), readMoodboard(after));
    case 'callsheet':
      return diffCallSheet(readCallSheet(before), readCallSheet(after), context);
    case 'dpr':
      return diffDpr(readDpr(before), readDpr(after), context);
  }
}

/** The report's figures and rows by day: `Day 1: pagesShot`, `Day 1: background Fishermen`. */
function diffDpr(before: DprData, after: DprData, context: DiffContext): Change[] {
  const day = (dayId: string) => context.dayLabels?.get(dayId) ?? 'A removed day';
  const figures = (data: DprData) => data.figures.map((x) => ({ id: `${x.dayId}:${x.figure}`, ...x }));
  return [
    ...diffEntities(
      'figure',
      figures(before),
      figures(after),
      ['value'],
      (x) => `${day(x.dayId)}: ${x.figure}`,
    ),
    ...diffEntities(
      'cast times',
      before.cast,
      after.cast,
      ['report', 'onSet', 'mealOut', 'mealIn', 'meal2Out', 'meal2In', 'dismissed'],
      (x) => `${day(x.dayId)}: cast ${x.castId}`,
    ),
    ...diffEntities(
      'background',
      before.background,
      after.background,
      ['group', 'count', 'in', 'out'],
      (x) => `${day(x.dayId)}: background ${x.group}`,
    ),
    ...diffEntities(
      'crew',
      before.crew,
      after.crew,
      ['department', 'count', 'in', 'out'],
      (x) => `${day(x.dayId)}: crew ${x.department}`,
    ),
    ...diffEntities(
      'event',
      before.events,
      after.events,
      ['kind', 'at', 'minutes', 'text'],
      (x) => `${day(x.dayId)}: ${x.kind} at ${x.at}`,
    ),
    ...diffEntities(
      'added scene',
      before.added,
      after.added,
      ['scene', 'eighths', 'status'],
      (x) => `${day(x.dayId)}: added Scene ${x.scene}`,
    ),
  ];
}

interface Identified {
  id: string;
}

/** JSON equality for plain values (readers return strings, numbers, booleans, null, arrays, plain objects). */
function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Added, removed and changed entities of one kind, matched by id. `fields` lists what is compared, so
 * order keys and other bookkeeping never show as a change.
 */
function diffEntities<T extends Identified>(
  entity: string,
  before: readonly T[],
  after: readonly T[],
  fields: readonly (keyof T & string)[],
  label: (item: T) => string,
): Change[] {
  const old = new Map(before.map((item) => [item.id, item]));
  const now = new Set(after.map((item) => item.id));
  const out: Change[] = [];
  for (const item of after) {
    const was = old.get(item.id);
    if (!was) {
      out.push({ kind: 'added', entity, id: item.id, label: label(item) });
      continue;
    }
    const changed = fields
      .filter((field) => !same(was[field], item[field]))
      .map((field) => ({ field, from: was[field], to: item[field] }));
    if (changed.length > 0)
      out.push({ kind: 'changed', entity, id: item.id, label: label(item), fields: changed });
  }
  for (const item of before) {
    if (!now.has(item.id)) out.push({ kind: 'removed', entity, id: item.id, label: label(item) });
  }
  return out;
}

/**
 * The items of one sequence that moved relative to the others: everything outside a longest run kept in
 * the same relative order (a longest increasing subsequence of old positions). Dragging one strip up moves
 * that strip, not every strip it passed.
 */
export function reordered(before: readonly string[], after: readonly string[]): Set<string> {
  const position = new Map(before.map((id, i) => [id, i]));
  const common = after.filter((id) => position.has(id));
  const seq = common.map((id) => position.get(id)!);
  // Patience sorting with back links: O(n log n), fine for thousands of strips.
  const tails: number[] = [];
  const prev: number[] = new Array<number>(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]!]! < seq[i]!) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const kept = new Set<string>();
  for (let i = tails.at(-1) ?? -1; i >= 0; i = prev[i]!) kept.add(common[i]!);
  return new Set(common.filter((id) => !kept.has(id)));
}

const sceneName = (context: DiffContext, sceneId: string) => {
  const number = context.sceneNumbers?.get(sceneId);
  return number ? `Scene ${number}` : 'A scene';
};

function diffSchedule(before: Schedule, after: Schedule, context: DiffContext): Change[] {
  const placeLabel = (schedule: Schedule, dayId: string | null) =>
    dayId === null ? 'the boneyard' : dayLabel(schedule, dayId);
  const stripLabel = (strip: Schedule['strips'][number]) =>
    `${sceneName(context, strip.sceneId)}${strip.part ? ` (part ${strip.part})` : ''}`;
  const dayChanges = diffEntities(
    'day',
    before.days,
    after.days,
    ['date', 'kind', 'crewCall', 'shootingCall', 'sunrise', 'sunset', 'notes'],
    (day) => (before.days.some((d) => d.id === day.id) ? dayLabel(before, day.id) : dayLabel(after, day.id)),
  ).map((change) => (change.kind === 'added' ? { ...change, label: dayLabel(after, change.id) } : change));

  const stripChanges = diffEntities(
    'strip',
    before.strips,
    after.strips,
    ['status', 'eighths', 'minutes'],
    stripLabel,
  );
  const moves: Change[] = [];
  const oldStrips = new Map(before.strips.map((s) => [s.id, s]));
  for (const strip of after.strips) {
    const was = oldStrips.get(strip.id);
    if (!was) continue;
    const from = placeLabel(before, was.dayId);
    const to = placeLabel(after, strip.dayId);
    // Days are compared by what people call them, so renumbering days alone is a day change, not a move.
    if (was.dayId !== strip.dayId || from !== to) {
      moves.push({
        kind: 'moved',
        entity: 'strip',
        id: strip.id,
        label: stripLabel(strip),
        fields: [{ field: 'day', from, to }],
      });
    }
  }
  // Within one place, strips whose order changed relative to the strips around them.
  const places = new Set(after.strips.map((s) => s.dayId));
  const moved = new Set(moves.map((m) => m.id));
  for (const dayId of places) {
    const inPlace = (schedule: Schedule) =>
      schedule.strips.filter((s) => s.dayId === dayId && !moved.has(s.id)).map((s) => s.id);
    const order = inPlace(after);
    for (const id of reordered(inPlace(before), order)) {
      const strip = after.strips.find((s) => s.id === id)!;
      const beforeOrder = inPlace(before);
      moves.push({
        kind: 'moved',
        entity: 'strip',
        id,
        label: stripLabel(strip),
        fields: [
          {
            field: 'position',
            from: beforeOrder.filter((x) => order.includes(x)).indexOf(id) + 1,
            to: order.filter((x) => beforeOrder.includes(x)).indexOf(id) + 1,
          },
        ],
      });
    }
  }
  const bannerChanges = diffEntities(
    'banner',
    before.banners,
    after.banners,
    ['text', 'minutes'],
    (b) => `Banner “${b.text}”`,
  );
  const logChanges = diffEntities(
    'log',
    before.log,
    after.log,
    ['kind', 'at', 'note'],
    (entry) =>
      `${entry.kind.replace(/-/g, ' ')} on ${placeLabel(after.days.some((d) => d.id === entry.dayId) ? after : before, entry.dayId)}`,
  );
  const settings: Change[] = [];
  const settingFields = (['timeZone', 'daysOff'] as const)
    .filter((field) => !same(before.settings[field], after.settings[field]))
    .map((field) => ({ field, from: before.settings[field], to: after.settings[field] }));
  if (settingFields.length > 0) {
    settings.push({
      kind: 'changed',
      entity: 'settings',
      id: 'settings',
      label: 'Schedule settings',
      fields: settingFields,
    });
  }
  return [...dayChanges, ...stripChanges, ...moves, ...bannerChanges, ...logChanges, ...settings];
}

const SHOT_FIELDS = [
  'sceneId',
  'code',
  'size',
  'angle',
  'movement',
  'lens',
  'camera',
  'frameRate',
  'sound',
  'description',
  'castIds',
  'setup',
  'setupMinutes',
  'shootMinutes',
  'status',
  'notes',
  'storyboard',
] as const satisfies readonly (keyof Shot)[];

function diffShots(before: Shot[], after: Shot[], context: DiffContext): Change[] {
  const label = (shot: Shot) => `Shot ${shot.code}`;
  const changes = diffEntities('shot', before, after, SHOT_FIELDS, label).map((change) => ({
    ...change,
    fields: change.fields?.map((f) =>
      f.field === 'sceneId'
        ? { field: 'scene', from: sceneName(context, String(f.from)), to: sceneName(context, String(f.to)) }
        : f,
    ),
  }));
  for (const ordering of ['script', 'shoot'] as const) {
    const sorted = (shots: Shot[]) =>
      [...shots].sort((a, b) => {
        const ka = ordering === 'script' ? a.scriptOrder : a.shootOrder;
        const kb = ordering === 'script' ? b.scriptOrder : b.shootOrder;
        return ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : 1;
      });
    const from = sorted(before).map((s) => s.id);
    const to = sorted(after).map((s) => s.id);
    for (const id of reordered(from, to)) {
      const shot = after.find((s) => s.id === id)!;
      changes.push({
        kind: 'moved',
        entity: 'shot',
        id,
        label: label(shot),
        fields: [
          {
            field: `${ordering} order`,
            from: from.filter((x) => to.includes(x)).indexOf(id) + 1,
            to: to.filter((x) => from.includes(x)).indexOf(id) + 1,
          },
        ],
      });
    }
  }
  return changes.map((c) => (c.fields === undefined ? omitFields(c) : c));
}

const LIST_ITEM: Record<keyof Vocabularies, string> = {
  size: 'Shot size',
  movement: 'Movement',
  camera: 'Camera',
  frameRate: 'Frame rate',
};

/** Values a production added to or removed from its lists: `Camera D added`. */
function diffVocabularies(before: Vocabularies, after: Vocabularies): Change[] {
  return VOCABULARY_KINDS.flatMap((kind) => {
    const change = (value: string, changeKind: 'added' | 'removed'): Change => ({
      kind: changeKind,
      entity: 'list value',
      id: `${kind}:${value}`,
      label: `${LIST_ITEM[kind]} ${value}`,
    });
    return [
      ...after[kind].filter((v) => !before[kind].includes(v)).map((v) => change(v, 'added')),
      ...before[kind].filter((v) => !after[kind].includes(v)).map((v) => change(v, 'removed')),
    ];
  });
}

function omitFields(change: Change): Change {
  const { fields: _fields, ...rest } = change;
  return rest;
}

function diffBreakdown(before: Breakdown, after: Breakdown): Change[] {
  const elementName = (b: Breakdown, id: string) => b.elements.find((e) => e.id === id)?.name ?? 'an element';
  const scenes = (b: Breakdown) =>
    b.scenes.map((scene) => ({
      ...scene,
      castIds: [...scene.castIds].sort(),
      elements: scene.elements.map((e) => `${elementName(b, e.elementId)} × ${e.count}`).sort(),
    }));
  return [
    ...diffEntities(
      'scene',
      scenes(before),
      scenes(after),
      [
        'number',
        'intExt',
        'set',
        'time',
        'eighths',
        'synopsis',
        'castIds',
        'locationId',
        'omitted',
        'elements',
      ],
      (s) => `Scene ${s.number}`,
    ),
    ...diffEntities(
      'cast',
      before.cast,
      after.cast,
      ['billing', 'character', 'actor'],
      (c) => `Cast ${c.billing} ${c.character}`,
    ),
    ...diffEntities(
      'location',
      before.locations,
      after.locations,
      ['name', 'address', 'hospital', 'latitude', 'longitude'],
      (l) => `Location ${l.name}`,
    ),
    ...diffEntities(
      'element',
      before.elements,
      after.elements,
      ['category', 'name'],
      (e) => `Element ${e.name}`,
    ),
  ];
}

function diffCostReport(before: CostReportData, after: CostReportData): Change[] {
  const accountName = (data: CostReportData, id: string | null) => {
    const account = data.accounts.find((a) => a.id === id);
    return account ? `${account.code} ${account.name}` : 'no account';
  };
  const withBudget = (data: CostReportData) => {
    const budgets = accountBudgets(data);
    return data.accounts.map((a) => ({ ...a, budget: budgets.get(a.id) ?? 0 }));
  };
  const settings: Change[] = [];
  const settingFields = (['currency', 'contingencyBp', 'alertThresholdBp'] as const)
    .filter((field) => before.settings[field] !== after.settings[field])
    .map((field) => ({ field, from: before.settings[field], to: after.settings[field] }));
  if (settingFields.length > 0) {
    settings.push({
      kind: 'changed',
      entity: 'settings',
      id: 'settings',
      label: 'Cost report settings',
      fields: settingFields,
    });
  }
  const lineLabel = (data: CostReportData) => (line: CostReportData['lines'][number]) =>
    `${accountName(data, line.accountId)}: ${line.description || 'budget line'}`;
  return [
    ...diffEntities(
      'account',
      withBudget(before),
      withBudget(after),
      ['code', 'name', 'line', 'category', 'budget', 'etc'],
      (a) => `${a.code} ${a.name}`,
    ),
    ...diffEntities(
      'line',
      before.lines,
      after.lines,
      ['accountId', 'description', 'amount', 'units', 'multiplier', 'rate', 'fringeBp'],
      lineLabel(after),
    ).map((c) =>
      c.kind === 'removed' ? { ...c, label: lineLabel(before)(before.lines.find((l) => l.id === c.id)!) } : c,
    ),
    ...diffEntities(
      'actual',
      before.actuals,
      after.actuals,
      ['date', 'vendor', 'description', 'accountId', 'amount'],
      (a) => `Actual ${a.date} ${a.vendor}`,
    ),
    ...diffEntities(
      'po',
      before.pos,
      after.pos,
      ['number', 'date', 'vendor', 'description', 'accountId', 'amount', 'status', 'paidOn'],
      (po) => `PO ${po.number}`,
    ),
    ...diffEntities(
      'hotcost',
      before.hotCosts,
      after.hotCosts,
      [
        'date',
        'kind',
        'description',
        'accountId',
        'budget',
        'headcount',
        'hourlyRate',
        'straightHours',
        'fringeBp',
        'mealPenalty',
        'actual',
      ],
      (h) => `Hot cost ${h.date} ${h.description}`,
    ),
    ...settings,
  ];
}

function diffMoodboard(
  before: ReturnType<typeof readMoodboard>,
  after: ReturnType<typeof readMoodboard>,
): Change[] {
  const cardLabel = (card: (typeof after.cards)[number]) =>
    `Card “${card.caption || card.body.slice(0, 40) || card.url || card.kind}”`;
  return [
    ...diffEntities(
      'board',
      before.boards,
      after.boards,
      ['title', 'kind', 'sceneId', 'castId'],
      (b) => `Board ${b.title}`,
    ),
    ...diffEntities(
      'section',
      before.sections,
      after.sections,
      ['title', 'boardId'],
      (s) => `Section ${s.title}`,
    ),
    ...diffEntities(
      'card',
      before.cards,
      after.cards,
      [
        'kind',
        'sectionId',
        'image',
        'body',
        'url',
        'colour',
        'caption',
        'tags',
        'sceneIds',
        'castIds',
        'x',
        'y',
        'w',
        'h',
        'review',
      ],
      cardLabel,
    ),
    ...diffEntities(
      'comment',
      before.comments,
      after.comments,
      ['text'],
      (c) => `Comment by ${c.author.name}`,
    ),
  ];
}

/** One typed value of the call sheet as an entity: `<dayId>/<what>` -> its text. */
function typedValues(
  days: Record<string, CallSheetTyped>,
): { id: string; day: string; what: string; value: string }[] {
  const out: { id: string; day: string; what: string; value: string }[] = [];
  for (const [day, typed] of Object.entries(days)) {
    const put = (what: string, value: string | undefined) => {
      if (value !== undefined) out.push({ id: `${day}/${what}`, day, what, value });
    };
    for (const field of ['weather', 'parking', 'basecamp', 'hospital', 'notes'] as const)
      put(field, typed[field]);
    for (const [dept, note] of Object.entries(typed.departmentNotes ?? {})) put(`${dept} note`, note);
    for (const [person, call] of Object.entries(typed.callOverrides ?? {})) put(`call of ${person}`, call);
    for (const [cast, times] of Object.entries(typed.castTimes ?? {}))
      for (const [slot, time] of Object.entries(times)) put(`${slot} of ${cast}`, time);
  }
  return out;
}

function diffCallSheet(
  before: Record<string, CallSheetTyped>,
  after: Record<string, CallSheetTyped>,
  context: DiffContext,
): Change[] {
  const dayName = (id: string) => context.dayLabels?.get(id) ?? `Day ${id}`;
  const entities = <T extends { id: string }>(
    days: Record<string, CallSheetTyped>,
    pick: (t: CallSheetTyped) => T[] | undefined,
  ) => Object.entries(days).flatMap(([day, t]) => (pick(t) ?? []).map((item) => ({ ...item, day })));
  return [
    ...diffEntities(
      'typed',
      typedValues(before),
      typedValues(after),
      ['value'],
      (t) => `${dayName(t.day)}: ${t.what}`,
    ),
    ...diffEntities(
      'background',
      entities(before, (t) => t.background),
      entities(after, (t) => t.background),
      ['group', 'count', 'call', 'onSet', 'notes'],
      (b) => `${dayName(b.day)}: background ${b.group}`,
    ),
    ...diffEntities(
      'requirement',
      entities(before, (t) => t.requirements),
      entities(after, (t) => t.requirements),
      ['sceneId', 'kind', 'text'],
      (r) => `${dayName(r.day)}: ${r.kind} for scene ${context.sceneNumbers?.get(r.sceneId) ?? r.sceneId}`,
    ),
  ];
}
