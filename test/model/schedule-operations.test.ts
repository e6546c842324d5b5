/**
 * The schedule's day operations, splits, banners and the day log: each validated before anything is written
 * (a refused edit changes nothing), each one transaction; the concurrent cases on two seeded replicas.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addBanner,
  addDay,
  addStrip,
  AlreadyLoggedError,
  correctLogEntry,
  deleteBanner,
  deleteDay,
  deleteLogEntry,
  insertDay,
  logEvent,
  migrate,
  ModelError,
  moveItem,
  readSchedule,
  revertSplit,
  schemaVersion,
  selectDayItems,
  setDayStarted,
  setScheduleSettings,
  splitStrip,
  updateBanner,
  updateDay,
} from '../../shared/model/index';
import { Replicas } from './replicas';

const AD = { id: 'm-ad', name: 'Sam AD' };
const AD2 = { id: 'm-ad2', name: 'Kit 2nd AD' };

/** Mon 2025-05-05 and Tue 2025-05-06, one strip on each, one in the boneyard. */
function board(): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = 7;
  addDay(doc, { id: 'd1', date: '2025-05-05', crewCall: '07:00', shootingCall: '08:00' });
  addDay(doc, { id: 'd2', date: '2025-05-06', crewCall: '06:30', shootingCall: '07:30' });
  addStrip(doc, { id: 's1', sceneId: 'sc1', dayId: 'd1', minutes: 120 });
  addStrip(doc, { id: 's2', sceneId: 'sc2', dayId: 'd2' });
  addStrip(doc, { id: 's3', sceneId: 'sc3', dayId: null });
  return doc;
}

const snapshot = (doc: Y.Doc) => JSON.stringify(readSchedule(doc));
function refused(doc: Y.Doc, field: string, fn: () => unknown): void {
  const before = snapshot(doc);
  expect(fn).toThrow(ModelError);
  try {
    fn();
  } catch (e) {
    expect((e as ModelError).field).toBe(field);
  }
  expect(snapshot(doc)).toBe(before);
}

describe('days', () => {
  it('edit a day: date, calls (past 23 for a night shoot), sunrise and sunset overrides, notes', () => {
    const doc = board();
    updateDay(doc, 'd1', {
      date: '2025-05-07',
      crewCall: '18:00',
      shootingCall: '19:00',
      sunrise: '05:41',
      sunset: '20:58',
      notes: 'Nights',
    });
    expect(readSchedule(doc).days.find((d) => d.id === 'd1')).toMatchObject({
      date: '2025-05-07',
      crewCall: '18:00',
      sunset: '20:58',
      notes: 'Nights',
    });
    updateDay(doc, 'd1', { sunset: '', shootingCall: '25:30' });
    expect(readSchedule(doc).days.find((d) => d.id === 'd1')).toMatchObject({
      sunset: '',
      shootingCall: '25:30',
    });
  });

  it('refuses a date that does not exist, a taken date, a bad call and a shooting call before crew call', () => {
    const doc = board();
    refused(doc, 'date', () => updateDay(doc, 'd1', { date: '2025-02-30' }));
    refused(doc, 'date', () => updateDay(doc, 'd1', { date: '2025-05-06' }));
    refused(doc, 'crewCall', () => updateDay(doc, 'd1', { crewCall: '7:00' }));
    refused(doc, 'crewCall', () => updateDay(doc, 'd1', { crewCall: '48:00' }));
    refused(doc, 'sunset', () => updateDay(doc, 'd1', { sunset: '19:75' }));
    refused(doc, 'shootingCall', () => updateDay(doc, 'd1', { shootingCall: '06:00' }));
    refused(doc, 'date', () => addDay(doc, { date: '2025-05-05', crewCall: '07:00', shootingCall: '08:00' }));
  });

  it('insert a day before or after another: it takes those calls, and later days move on by working days', () => {
    const doc = board();
    // Wed 07 and Fri 09, so inserting after Tue 06 pushes Wed to Thu; Fri stays (the gap absorbs it)
    addDay(doc, { id: 'd3', date: '2025-05-07', crewCall: '07:00', shootingCall: '08:00' });
    addDay(doc, { id: 'd4', date: '2025-05-09', crewCall: '07:00', shootingCall: '08:00' });
    const after = insertDay(doc, { dayId: 'd2', position: 'after' });
    let days = readSchedule(doc).days;
    expect(days.map((d) => [d.id, d.date])).toEqual([
      ['d1', '2025-05-05'],
      ['d2', '2025-05-06'],
      [after, '2025-05-07'],
      ['d3', '2025-05-08'],
      ['d4', '2025-05-09'],
    ]);
    expect(days.find((d) => d.id === after)).toMatchObject({ crewCall: '06:30', shootingCall: '07:30' });
    // before Monday: the new day takes Monday and every day moves on; Fri 09 goes to Mon 12
    const before = insertDay(doc, { dayId: 'd1', position: 'before' });
    days = readSchedule(doc).days;
    expect(days.map((d) => d.date)).toEqual([
      '2025-05-05',
      '2025-05-06',
      '2025-05-07',
      '2025-05-08',
      '2025-05-09',
      '2025-05-12',
    ]);
    expect(days[0]!.id).toBe(before);
  });

  it('delete a day: its strips and banners go to the boneyard', () => {
    const doc = board();
    addBanner(doc, { id: 'b1', text: 'COMPANY MOVE', dayId: 'd1' });
    deleteDay(doc, 'd1');
    const s = readSchedule(doc);
    expect(s.days.map((d) => d.id)).toEqual(['d2']);
    expect(selectDayItems(s, null).map((i) => i.id)).toEqual(['s3', 's1', 'b1']);
  });

  it('a day off or travel day holds no strips; a day still holding strips cannot become one', () => {
    const doc = board();
    refused(doc, 'kind', () => updateDay(doc, 'd1', { kind: 'off' }));
    const off = insertDay(doc, { dayId: 'd2', position: 'after', kind: 'off' });
    expect(readSchedule(doc).days.find((d) => d.id === off)).toMatchObject({
      kind: 'off',
      date: '2025-05-07',
    });
    refused(doc, 'dayId', () => moveItem(doc, 's3', off, null));
    refused(doc, 'dayId', () => addStrip(doc, { sceneId: 'sc9', dayId: off }));
    addBanner(doc, { text: 'TRAVEL TO LOCATION', dayId: off });
    moveItem(doc, 's2', null, null);
    updateDay(doc, 'd2', { kind: 'travel' });
    expect(readSchedule(doc).days.find((d) => d.id === 'd2')!.kind).toBe('travel');
  });

  it('start day: one day at a time runs the clock; a day off cannot be started', () => {
    const doc = board();
    setDayStarted(doc, 'd1', true);
    setDayStarted(doc, 'd2', true);
    expect(readSchedule(doc).days.map((d) => d.started)).toEqual([false, true]);
    const off = insertDay(doc, { dayId: 'd2', position: 'after', kind: 'off' });
    refused(doc, 'started', () => setDayStarted(doc, off, true));
  });

  it("keeps the production's time zone and days off in the document", () => {
    const doc = board();
    expect(readSchedule(doc).settings).toEqual({ timeZone: '', daysOff: [6, 0] });
    setScheduleSettings(doc, { timeZone: 'Europe/London', daysOff: [0] });
    expect(readSchedule(doc).settings).toEqual({ timeZone: 'Europe/London', daysOff: [0] });
    refused(doc, 'timeZone', () => setScheduleSettings(doc, { timeZone: 'Mars/Olympus' }));
    refused(doc, 'daysOff', () => setScheduleSettings(doc, { daysOff: [0, 1, 2, 3, 4, 5, 6] }));
    refused(doc, 'daysOff[0]', () => setScheduleSettings(doc, { daysOff: [7] }));
    // with only Sunday off, the day after Sat 10 is Mon 12
    updateDay(doc, 'd2', { date: '2025-05-10' });
    const next = insertDay(doc, { dayId: 'd2', position: 'after' });
    expect(readSchedule(doc).days.find((d) => d.id === next)!.date).toBe('2025-05-12');
  });
});

describe('strips and banners', () => {
  it('split a strip into parts with the eighths divided, straight to another day, and revert the split', () => {
    const doc = board();
    refused(doc, 'firstEighths', () => splitStrip(doc, 's1', { sceneEighths: 11, firstEighths: 11 }));
    const part2 = splitStrip(doc, 's1', { sceneEighths: 11, firstEighths: 5, to: { dayId: 'd2' } });
    let s = readSchedule(doc);
    expect(s.strips.find((x) => x.id === 's1')).toMatchObject({
      part: 1,
      eighths: 5,
      minutes: 55,
      dayId: 'd1',
    });
    expect(s.strips.find((x) => x.id === part2)).toMatchObject({
      part: 2,
      eighths: 6,
      minutes: 65,
      dayId: 'd2',
    });
    expect(selectDayItems(s, 'd2').map((i) => i.id)).toEqual(['s2', part2]);
    const part3 = splitStrip(doc, part2, { sceneEighths: 11, firstEighths: 2 });
    expect(readSchedule(doc).strips.find((x) => x.id === part3)).toMatchObject({ part: 3, eighths: 4 });
    // revert part 2: it joins part 1; part 3 becomes part 2
    revertSplit(doc, part2, { sceneEighths: 11 });
    s = readSchedule(doc);
    expect(s.strips.find((x) => x.id === 's1')).toMatchObject({ part: 1, eighths: 7, dayId: 'd1' });
    expect(s.strips.find((x) => x.id === part3)).toMatchObject({ part: 2, eighths: 4 });
    revertSplit(doc, 's1', { sceneEighths: 11 });
    expect(readSchedule(doc).strips.filter((x) => x.sceneId === 'sc1')).toEqual([
      expect.objectContaining({ id: 's1', part: null, eighths: null, minutes: 120 }),
    ]);
    refused(doc, 'part', () => revertSplit(doc, 's1'));
  });

  it('a partial strip splits into its shot part (done) and the rest, moved to another day', () => {
    const doc = board();
    updateDay(doc, 'd1', {});
    splitStrip(doc, 's1', { sceneEighths: 8, firstEighths: 3 });
    revertSplit(doc, 's1', { sceneEighths: 8 });
    addStrip(doc, { id: 'p', sceneId: 'sc5', dayId: 'd1', status: 'partial' });
    const rest = splitStrip(doc, 'p', { sceneEighths: 8, firstEighths: 3, to: { dayId: 'd2', after: null } });
    const s = readSchedule(doc);
    expect(s.strips.find((x) => x.id === 'p')).toMatchObject({ status: 'done', part: 1, eighths: 3 });
    expect(selectDayItems(s, 'd2')[0]).toMatchObject({ id: rest, status: 'planned', part: 2, eighths: 5 });
  });

  it('edit and delete a banner; its planned minutes are validated', () => {
    const doc = board();
    const b = addBanner(doc, { text: 'COMPANY MOVE', dayId: 'd1' });
    updateBanner(doc, b, { text: 'COMPANY MOVE to the beach', minutes: 45 });
    expect(readSchedule(doc).banners[0]).toMatchObject({ text: 'COMPANY MOVE to the beach', minutes: 45 });
    refused(doc, 'text', () => updateBanner(doc, b, { text: '  ' }));
    refused(doc, 'minutes', () => updateBanner(doc, b, { minutes: -5 }));
    deleteBanner(doc, b);
    expect(readSchedule(doc).banners).toEqual([]);
  });
});

describe('the day log', () => {
  it('logs at a chosen time, corrects and deletes, keeping who made and who last changed each entry', () => {
    const doc = board();
    const id = logEvent(doc, { dayId: 'd1', kind: 'lunch-called', at: '12:40', author: AD });
    const move = logEvent(doc, { dayId: 'd1', kind: 'company-move-start', at: '10:55', author: AD });
    logEvent(doc, { dayId: 'd1', kind: 'company-move-start', at: '15:10', author: AD });
    correctLogEntry(doc, id, { at: '12:45', note: 'caterer late' }, AD2);
    expect(readSchedule(doc).log.find((e) => e.id === id)).toEqual({
      id,
      dayId: 'd1',
      kind: 'lunch-called',
      at: '12:45',
      author: AD,
      changedBy: AD2,
      note: 'caterer late',
    });
    refused(doc, 'at', () => correctLogEntry(doc, id, { at: '12.45' }, AD2));
    refused(doc, 'editor.name', () => correctLogEntry(doc, id, { at: '12:50' }, { id: 'x', name: '' }));
    deleteLogEntry(doc, move);
    expect(readSchedule(doc).log.map((e) => e.kind)).toEqual(['lunch-called', 'company-move-start']);
    refused(doc, 'at', () => logEvent(doc, { dayId: 'd1', kind: 'crew-wrap', at: '25:61', author: AD }));
    // a night shoot logs past midnight
    logEvent(doc, { dayId: 'd1', kind: 'crew-wrap', at: '26:15', author: AD });
  });

  it('refuses a second tap of a once-a-day kind, naming the first entry; after a delete it can be logged again', () => {
    const doc = board();
    const first = logEvent(doc, { dayId: 'd1', kind: 'lunch-called', at: '12:40', author: AD });
    const before = snapshot(doc);
    let error: unknown;
    try {
      logEvent(doc, { dayId: 'd1', kind: 'lunch-called', at: '12:52', author: AD2 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AlreadyLoggedError);
    expect((error as AlreadyLoggedError).message).toBe('kind: already logged at 12:40 by Sam AD');
    expect((error as AlreadyLoggedError).entry).toMatchObject({ id: first, at: '12:40', author: AD });
    expect(snapshot(doc)).toBe(before);
    // other days and kinds that happen more than once are not affected
    logEvent(doc, { dayId: 'd2', kind: 'lunch-called', at: '12:40', author: AD });
    logEvent(doc, { dayId: 'd1', kind: 'company-move-start', at: '09:00', author: AD });
    logEvent(doc, { dayId: 'd1', kind: 'company-move-start', at: '14:00', author: AD });
    deleteLogEntry(doc, first);
    logEvent(doc, { dayId: 'd1', kind: 'lunch-called', at: '12:52', author: AD2 });
    expect(readSchedule(doc).log.filter((e) => e.kind === 'lunch-called' && e.dayId === 'd1')).toHaveLength(
      1,
    );
  });
});

describe('two tablets at once', () => {
  const start = () => Y.encodeStateAsUpdate(board());

  it('[seed 12] two tablets tapping a once-a-day kind at the same moment converge on one entry', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          ...(['crew-call', 'first-shot', 'lunch-called', 'lunch-ended', 'camera-wrap'] as const),
        ),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 59 }),
        fc.boolean(),
        (kind, m1, m2, reverse) => {
          const replicas = new Replicas(2, start());
          const [a, b] = replicas.docs as [Y.Doc, Y.Doc];
          logEvent(a, { dayId: 'd1', kind, at: `12:${String(m1).padStart(2, '0')}`, author: AD });
          logEvent(b, { dayId: 'd1', kind, at: `12:${String(m2).padStart(2, '0')}`, author: AD2 });
          if (reverse) replicas.deliverOne(1, 0, 0);
          replicas.flush();
          const logA = readSchedule(a).log;
          expect(logA).toEqual(readSchedule(b).log);
          expect(logA.filter((e) => e.kind === kind)).toHaveLength(1);
          // and the next tap on either tablet is refused, naming the entry both see
          expect(() => logEvent(b, { dayId: 'd1', kind, at: '13:00', author: AD2 })).toThrow(
            AlreadyLoggedError,
          );
          replicas.destroy();
        },
      ),
      { seed: 12, numRuns: 40 },
    );
  });

  it('[seed 7] splitting a strip while another tablet moves it: both parts stay, the pages add up', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.constantFrom<string | null>('d2', null),
        fc.boolean(),
        (first, target, reverse) => {
          const replicas = new Replicas(2, start());
          const [a, b] = replicas.docs as [Y.Doc, Y.Doc];
          const part2 = splitStrip(a, 's1', { sceneEighths: 11, firstEighths: first });
          moveItem(b, 's1', target, null);
          if (reverse) replicas.deliverOne(1, 0, 0);
          replicas.flush();
          const s = readSchedule(a);
          expect(s).toEqual(readSchedule(b));
          const parts = s.strips.filter((x) => x.sceneId === 'sc1');
          expect(parts.map((p) => p.id).sort()).toEqual(['s1', part2].sort());
          expect(parts.reduce((n, p) => n + p.eighths!, 0)).toBe(11);
          // part 1 went where it was moved; part 2 stayed on the day it was split on
          expect(parts.find((p) => p.id === 's1')!.dayId).toBe(target);
          expect(parts.find((p) => p.id === part2)!.dayId).toBe('d1');
          replicas.destroy();
        },
      ),
      { seed: 7, numRuns: 30 },
    );
  });
});

describe('schema v3 migration', () => {
  it('moves the v2 log array into keyed entries: one per once-a-day kind (the last), company-move as its start', () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      doc.getMap('meta').set('schemaVersion', 2);
      doc.getMap('meta').set('board', 'schedule');
      const day = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({
        date: '2025-05-05',
        crewCall: '07:00',
        shootingCall: '08:00',
        sunset: '20:10',
      }))
        day.set(k, v);
      doc.getMap('days').set('d1', day);
      const author = { id: 'a', name: 'Sam AD' };
      doc.getArray('log').push([
        { id: 'x1', dayId: 'd1', kind: 'lunch-called', at: '12:40', author, note: '' },
        { id: 'x2', dayId: 'd1', kind: 'lunch-called', at: '12:45', author, note: 'corrected' },
        { id: 'x3', dayId: 'd1', kind: 'company-move', at: '10:55', author, note: 'to the pier' },
        { id: 'x4', dayId: 'd1', kind: 'nonsense', at: '10:55', author, note: '' },
      ]);
    });
    expect(() => logEvent(doc, { dayId: 'd1', kind: 'crew-call', at: '07:00', author: AD })).toThrow(
      ModelError,
    );
    expect(migrate('schedule', doc)).toEqual({ from: 2, to: 3 });
    expect(schemaVersion(doc)).toBe(3);
    const s = readSchedule(doc);
    expect(s.log.map((e) => [e.id, e.kind, e.at, e.note])).toEqual([
      ['x3', 'company-move-start', '10:55', 'to the pier'],
      ['once_d1_lunch-called', 'lunch-called', '12:45', 'corrected'],
    ]);
    expect(s.days[0]).toMatchObject({ kind: 'shoot', sunset: '20:10', sunrise: '', started: false });
    expect(doc.getArray('log').length).toBe(0);
    expect(() => logEvent(doc, { dayId: 'd1', kind: 'lunch-called', at: '13:00', author: AD })).toThrow(
      'already logged at 12:45 by Sam AD',
    );
  });
});
