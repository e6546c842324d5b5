import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Board } from '../../shared/boards';
import { seedDemoBoard } from '../../shared/demo/index';
import {
  addVocabularyTerm,
  moveItem,
  readBreakdown,
  readCostReport,
  readSchedule,
  readShots,
  readVocabularies,
  updateBudgetLine,
  updateDay,
  updateShot,
  updateScene,
} from '../../shared/model/index';
import {
  accountBudgets,
  describeChange,
  diffBoard,
  reordered,
  restoreVersion,
  openVersion,
} from '../../shared/versions';

const TODAY = '2025-06-02';

function seeded(board: Board): Y.Doc {
  const doc = new Y.Doc();
  seedDemoBoard(board, doc, { today: TODAY });
  return doc;
}

/** A copy of `doc` as a version holds it: its full encoded state, opened in the current layout. */
const snapshot = (board: Board, doc: Y.Doc) => openVersion(board, Y.encodeStateAsUpdate(doc));

const sceneNumbers = () => new Map(readBreakdown(seeded('breakdown')).scenes.map((s) => [s.id, s.number]));

describe('diff by meaning', () => {
  it('reports a strip dragged to another day as one move, named by scene and day', () => {
    const doc = seeded('schedule');
    const before = snapshot('schedule', doc);
    const schedule = readSchedule(doc);
    const [day1, day2] = schedule.days.filter((d) => d.kind === 'shoot');
    const strip = schedule.strips.find((s) => s.dayId === day1!.id)!;
    moveItem(doc, strip.id, day2!.id, null);
    const numbers = sceneNumbers();
    const changes = diffBoard('schedule', before, doc, { sceneNumbers: numbers });
    const label = `Scene ${numbers.get(strip.sceneId)}`;
    expect(changes).toEqual([
      {
        kind: 'moved',
        entity: 'strip',
        id: strip.id,
        label,
        fields: [{ field: 'day', from: 'Day 1', to: 'Day 2' }],
      },
    ]);
    expect(describeChange(changes[0]!)).toBe(`${label} moved from Day 1 to Day 2`);
  });

  it('reports a reorder within a day as the one strip that moved, not every strip it passed', () => {
    const doc = seeded('schedule');
    const before = snapshot('schedule', doc);
    const schedule = readSchedule(doc);
    const day = schedule.days[0]!;
    const strips = schedule.strips.filter((s) => s.dayId === day.id);
    expect(strips.length).toBeGreaterThanOrEqual(3);
    const last = strips.at(-1)!;
    moveItem(doc, last.id, day.id, null); // to the top of the day
    const changes = diffBoard('schedule', before, doc);
    expect(changes.map((c) => [c.kind, c.id, c.fields])).toEqual([
      ['moved', last.id, [{ field: 'position', from: strips.length, to: 1 }]],
    ]);
    expect(reordered(['a', 'b', 'c', 'd'], ['d', 'a', 'b', 'c'])).toEqual(new Set(['d']));
  });

  it('reports a day edit as its fields and an unchanged board as nothing', () => {
    const doc = seeded('schedule');
    const before = snapshot('schedule', doc);
    expect(diffBoard('schedule', before, doc)).toEqual([]);
    const day = readSchedule(doc).days[1]!;
    updateDay(doc, day.id, { crewCall: '06:00' });
    expect(diffBoard('schedule', before, doc)).toEqual([
      {
        kind: 'changed',
        entity: 'day',
        id: day.id,
        label: 'Day 2',
        fields: [{ field: 'crewCall', from: day.crewCall, to: '06:00' }],
      },
    ]);
  });

  it('reports a shot lens change from 35mm to 50mm', () => {
    const doc = seeded('shotlist');
    const shot = readShots(doc).find((s) => s.lens !== '50mm')!;
    updateShot(doc, shot.id, { lens: '35mm' });
    const before = snapshot('shotlist', doc);
    updateShot(doc, shot.id, { lens: '50mm' });
    const changes = diffBoard('shotlist', before, doc);
    expect(changes).toEqual([
      {
        kind: 'changed',
        entity: 'shot',
        id: shot.id,
        label: `Shot ${shot.code}`,
        fields: [{ field: 'lens', from: '35mm', to: '50mm' }],
      },
    ]);
    expect(describeChange(changes[0]!)).toBe(`Shot ${shot.code}: lens changed from 35mm to 50mm`);
  });

  it('reports a camera added to the production list and a shot moved onto it; a restore takes both back', () => {
    const doc = seeded('shotlist');
    const shot = readShots(doc)[0]!;
    const before = snapshot('shotlist', doc);
    addVocabularyTerm(doc, 'camera', 'D');
    updateShot(doc, shot.id, { camera: 'D' });
    const changes = diffBoard('shotlist', before, doc);
    expect(changes.map((c) => describeChange(c))).toEqual([
      `Shot ${shot.code}: camera changed from ${shot.camera} to D`,
      'Camera D added',
    ]);
    restoreVersion('shotlist', doc, before);
    expect(readVocabularies(doc).camera).toEqual(['A', 'B', 'C']);
    expect(readShots(doc)[0]!.camera).toBe(shot.camera);
  });

  it("reports an account's budget change in cents with the line that caused it", () => {
    const doc = seeded('costreport');
    const before = snapshot('costreport', doc);
    const data = readCostReport(doc);
    const line =
      data.lines.find((l) => l.fringeBp === 0 && l.amount === 1 && l.multiplier === 1) ?? data.lines[0]!;
    const account = data.accounts.find((a) => a.id === line.accountId)!;
    const budget = accountBudgets(data).get(account.id)!;
    updateBudgetLine(doc, line.id, { rate: line.rate + 10_000 });
    const changes = diffBoard('costreport', before, doc);
    const accountChange = changes.find((c) => c.entity === 'account')!;
    expect(accountChange.fields?.[0]?.field).toBe('budget');
    expect(accountChange.fields?.[0]?.from).toBe(budget);
    expect(Number(accountChange.fields?.[0]?.to) - budget).toBe(
      Math.round(10_000 * line.amount * line.multiplier * (1 + line.fringeBp / 10_000)),
    );
    expect(changes.find((c) => c.entity === 'line')?.fields).toEqual([
      { field: 'rate', from: line.rate, to: line.rate + 10_000 },
    ]);
    expect(describeChange(accountChange, 'USD')).toMatch(
      /budget changed from \$[\d,]+\.\d\d to \$[\d,]+\.\d\d/,
    );
  });

  it('reports a scene edit in the breakdown', () => {
    const doc = seeded('breakdown');
    const before = snapshot('breakdown', doc);
    const scene = readBreakdown(doc).scenes[0]!;
    updateScene(doc, scene.id, { set: 'LIGHTHOUSE - TOP' });
    expect(diffBoard('breakdown', before, doc)).toEqual([
      {
        kind: 'changed',
        entity: 'scene',
        id: scene.id,
        label: `Scene ${scene.number}`,
        fields: [{ field: 'set', from: scene.set, to: 'LIGHTHOUSE - TOP' }],
      },
    ]);
  });
});

describe('restore', () => {
  it('makes the live board hold the version, as an update a second replica receives', () => {
    const live = seeded('schedule');
    const tablet = new Y.Doc();
    Y.applyUpdate(tablet, Y.encodeStateAsUpdate(live));
    live.on('update', (update: Uint8Array) => Y.applyUpdate(tablet, update));
    const version = snapshot('schedule', live);
    const schedule = readSchedule(live);
    const strip = schedule.strips.find((s) => s.dayId !== null)!;
    moveItem(live, strip.id, null, null);
    updateDay(live, schedule.days[0]!.id, { notes: 'rain cover' });
    expect(restoreVersion('schedule', live, version, { source: 'server' })).toBe(true);
    expect(diffBoard('schedule', version, live)).toEqual([]);
    expect(readSchedule(tablet)).toEqual(readSchedule(version));
    // Restoring again changes nothing.
    expect(restoreVersion('schedule', live, version)).toBe(false);
  });

  it('keeps a concurrent edit to another field made on another tablet', () => {
    const server = seeded('shotlist');
    const tablet = new Y.Doc();
    Y.applyUpdate(tablet, Y.encodeStateAsUpdate(server));
    const [a, b] = readShots(server);
    const version = snapshot('shotlist', server);
    updateShot(server, a!.id, { lens: '85mm' });
    // The tablet edits while the server restores; neither has seen the other's edit.
    updateShot(tablet, b!.id, { notes: 'tablet note' });
    restoreVersion('shotlist', server, version);
    Y.applyUpdate(tablet, Y.encodeStateAsUpdate(server, Y.encodeStateVector(tablet)));
    Y.applyUpdate(server, Y.encodeStateAsUpdate(tablet, Y.encodeStateVector(server)));
    expect(readShots(server)).toEqual(readShots(tablet));
    expect(readShots(server).find((s) => s.id === a!.id)?.lens).toBe(a!.lens);
    expect(readShots(server).find((s) => s.id === b!.id)?.notes).toBe('tablet note');
  });
});
