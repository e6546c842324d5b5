/**
 * What changed between two revisions of a call sheet, worked on the demo's day 1 (scenes 1 and 3 on the
 * harbour pier, company move, 2 in the bait shop, 7 in the harbour office; Anna Petrakis is cast 1 in all
 * four, Tomás Reid cast 2 in 3 and 2, Ruth Okafor cast 3 in 7; crew call 06:00).
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { deriveCallSheet, type CallSheet, type CallSheetTyped } from '../../shared/calc/call-sheet';
import { ownChanges, personalPart, sheetChanges } from '../../shared/calc/callsheet-changes';
import { seedDemoBoard } from '../../shared/demo';
import { readBreakdown, updateScene } from '../../shared/model/breakdown';
import { moveItem, readSchedule, selectDayItems, updateDay } from '../../shared/model/schedule';
import type { Person } from '../../shared/people';
import { person } from './helpers';
import { revisionColour } from '../../shared/revision-colours';

const anna = person('anna', { name: 'Anna Petrakis', castBilling: 1, callOffsetMinutes: 30 });
const tomas = person('tomas', { name: 'Tomás Reid', castBilling: 2 });
const ruth = person('ruth', { name: 'Ruth Okafor', castBilling: 3 });
const gil = person('gil', { name: 'Gil Hart', department: 'Electric', callOffsetMinutes: -30 });

function demo() {
  const breakdown = new Y.Doc();
  const schedule = new Y.Doc();
  seedDemoBoard('breakdown', breakdown, { today: '2026-12-07' });
  seedDemoBoard('schedule', schedule, { today: '2026-12-07' });
  return { breakdown, schedule };
}

function sheet(
  docs: ReturnType<typeof demo>,
  people: Person[] = [anna, tomas, ruth, gil],
  castTimes: CallSheetTyped['castTimes'] = {},
): CallSheet {
  const derived = deriveCallSheet({
    productionName: 'Low Tide',
    schedule: readSchedule(docs.schedule),
    breakdown: readBreakdown(docs.breakdown),
    people,
    dayNumber: 1,
    typed: { castTimes },
  });
  if (!derived) throw new Error('the demo has a day 1');
  return derived;
}

const revision = (s: CallSheet, p: Person) => ({ sheet: s, part: personalPart(s, p) });

describe('revision colours', () => {
  it('go White, Blue, Pink, Yellow, Green, Goldenrod, Buff, Salmon, Cherry, then Second Blue', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 18].map(revisionColour)).toEqual([
      'White',
      'Blue',
      'Pink',
      'Yellow',
      'Green',
      'Goldenrod',
      'Buff',
      'Salmon',
      'Cherry',
      'Second Blue',
      'Second Pink',
      'Third Blue',
    ]);
    expect(() => revisionColour(0)).toThrow(/whole number/);
  });
});

describe('a person’s part', () => {
  it('crew: their department line (06:00 crew call − 30 = 05:30); cast: no call until one is typed', () => {
    const s = sheet(demo());
    expect(personalPart(s, gil)).toEqual({ call: '05:30', castBilling: null });
    expect(personalPart(s, anna)).toEqual({ call: null, castBilling: 1 });
  });

  it('cast: the hair and make-up time is the call (pickup 05:15 is shown apart), else on set', () => {
    const s = sheet(demo(), [anna, tomas], {
      'cast-1': { hairMakeup: '05:45', pickup: '05:15', onSet: '07:00' },
      'cast-2': { onSet: '08:30' },
    });
    expect(personalPart(s, anna).call).toBe('05:45');
    expect(personalPart(s, tomas).call).toBe('08:30');
  });
});

describe('own changes between revisions', () => {
  it('moving one actor’s call re-asks only that actor (Anna 06:30 → 07:15); the others have no own change', () => {
    const docs = demo();
    const before = sheet(docs, undefined, {
      'cast-1': { hairMakeup: '06:30' },
      'cast-2': { hairMakeup: '06:45' },
    });
    const after = sheet(docs, undefined, {
      'cast-1': { hairMakeup: '07:15' },
      'cast-2': { hairMakeup: '06:45' },
    });
    expect(ownChanges(revision(before, anna), revision(after, anna))).toEqual([
      { kind: 'call', from: '06:30', to: '07:15', text: 'Your call moved from 06:30 to 07:15.' },
    ]);
    expect(ownChanges(revision(before, tomas), revision(after, tomas))).toEqual([]);
    expect(ownChanges(revision(before, gil), revision(after, gil))).toEqual([]);
  });

  it('scene 7 pushed to day 2: Anna and Ruth (in it) lose a scene; Tomás and the crew keep theirs', () => {
    const docs = demo();
    const before = sheet(docs);
    const strip7 = selectDayItems(readSchedule(docs.schedule), 'day-1').find(
      (i) => i.type === 'strip' && i.sceneId === 'scene-7',
    )!;
    moveItem(docs.schedule, strip7.id, readSchedule(docs.schedule).days[1]!.id, null);
    const after = sheet(docs);
    expect(ownChanges(revision(before, ruth), revision(after, ruth))).toEqual([
      { kind: 'scene-removed', scene: 'Scene 7', text: 'Scene 7 was removed.' },
    ]);
    expect(ownChanges(revision(before, anna), revision(after, anna)).map((c) => c.text)).toEqual([
      'Scene 7 was removed.',
    ]);
    expect(ownChanges(revision(before, tomas), revision(after, tomas))).toEqual([]);
    expect(sheetChanges(before, after)).toContain('Scene 7 was removed.');
  });

  it('scene 2 shot before scene 3: a move in time for Anna and Tomás; scene 1 did not move', () => {
    const docs = demo();
    const before = sheet(docs);
    const items = selectDayItems(readSchedule(docs.schedule), 'day-1');
    const strip = (sceneId: string) => items.find((i) => i.type === 'strip' && i.sceneId === sceneId)!;
    moveItem(docs.schedule, strip('scene-2').id, 'day-1', strip('scene-1').id);
    const after = sheet(docs);
    expect(ownChanges(revision(before, tomas), revision(after, tomas)).map((c) => c.text)).toEqual([
      'Scene 2 moved earlier in the day.',
      'Scene 3 moved later in the day.',
    ]);
    expect(ownChanges(revision(before, ruth), revision(after, ruth))).toEqual([]);
  });

  it('scene 7 moved to another set is a move in place for Anna and Ruth', () => {
    const docs = demo();
    const before = sheet(docs);
    updateScene(docs.breakdown, 'scene-7', { set: 'HARBOUR OFFICE ROOF' });
    const after = sheet(docs);
    expect(ownChanges(revision(before, ruth), revision(after, ruth))).toEqual([
      {
        kind: 'scene-moved',
        scene: 'Scene 7',
        what: 'place',
        text: 'Scene 7 moved from HARBOUR OFFICE, Harbour office to HARBOUR OFFICE ROOF, Harbour office.',
      },
    ]);
    expect(ownChanges(revision(before, tomas), revision(after, tomas))).toEqual([]);
  });

  it('a person new to the sheet is asked to confirm; the crew call moving is everyone’s news', () => {
    const docs = demo();
    const before = sheet(docs);
    updateDay(docs.schedule, 'day-1', { crewCall: '06:30' });
    const after = sheet(docs);
    expect(ownChanges(null, revision(after, gil))).toHaveLength(1);
    // Gil's call follows the crew call (offset −30): his own part changed too.
    expect(ownChanges(revision(before, gil), revision(after, gil)).map((c) => c.text)).toEqual([
      'Your call moved from 05:30 to 06:00.',
    ]);
    expect(sheetChanges(before, after)).toEqual(['Crew call changed from 06:00 to 06:30.']);
  });
});
