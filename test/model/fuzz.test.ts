/**
 * Damaged documents: random values of random types written into every root and into existing entries of
 * every board (test/helpers/fuzz-documents.ts); every reader and selector of shared/model and every derived
 * view of shared/calc must still answer, and "remove damaged items" must leave a document with none. The seed
 * is in each title; a failing seed is kept as a named regression.
 */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { BOARDS, type Board } from '../../shared/boards';
import * as calc from '../../shared/calc/index';
import { daySun } from '../../shared/calc/sun';
import { exportBudgetLines, exportCostReport } from '../../shared/csv/costreport';
import { exportSchedule } from '../../shared/csv/schedule';
import { exportShotList } from '../../shared/csv/shotlist';
import * as m from '../../shared/model/index';
import { buildCallSheet } from '../../shared/pdf/callsheet';
import { damage, demoDocument, random } from '../helpers/fuzz-documents';

const TODAY = '2025-06-02';

/** Every read of one board's document, and everything derived from it. */
function readEverything(board: Board, doc: Y.Doc, companions: { breakdown: Y.Doc; schedule: Y.Doc }): void {
  const scenes = m.readScenes(companions.breakdown);
  const cast = m.readCast(companions.breakdown);
  const locations = m.readLocations(companions.breakdown);
  const byId = calc.sceneIndex(scenes);
  const schedule = m.readSchedule(companions.schedule);
  m.countDamage(board, doc);
  m.findDamage(board, doc);
  switch (board) {
    case 'breakdown': {
      const b = m.readBreakdown(doc);
      m.readElements(doc);
      for (const s of b.scenes) {
        m.readScene(doc, s.id);
        calc.formatEighths(s.eighths);
        calc.stripColour(s);
      }
      m.readScene(doc, 'fuzz1');
      calc.dayOutOfDays(schedule, b.scenes, b.cast);
      calc.dayOutOfDays(schedule, b.scenes, b.cast, null);
      calc.pageTotals(schedule, b.scenes);
      return;
    }
    case 'shotlist': {
      const shots = m.readShots(doc, 'script');
      m.readShots(doc, 'shoot');
      for (const s of shots) {
        m.readShot(doc, s.id);
        m.shotEntity(doc, s.id);
        m.findShotText(doc, s.id, 'description');
        m.findShotText(doc, s.id, 'notes');
        m.selectShotsOfScene(shots, s.sceneId);
        m.shotsOfScene(doc, s.sceneId);
      }
      m.readShot(doc, 'fuzz1');
      calc.shotTotals(shots);
      calc.shotTotalsByScene(shots);
      calc.shotTotalsByDay(shots, schedule);
      exportShotList(doc, { scenes, cast });
      return;
    }
    case 'schedule': {
      const s = m.readSchedule(doc);
      m.readScheduleSettings(doc);
      calc.pageTotals(s, scenes);
      calc.dayOutOfDays(s, scenes, cast);
      const beingShot = calc.dayBeingShot(s.days, s.log, TODAY);
      for (const day of [...s.days, null]) {
        const items = m.selectDayItems(s, day?.id ?? null);
        for (const item of items) if (item.type === 'strip') m.readStrip(doc, item.id);
        if (!day) continue;
        m.selectDayLog(s, day.id);
        m.dayLabel(s, day.id);
        for (const kind of m.LOG_KINDS) m.selectOnceEntry(s, day.id, kind);
        const mode = calc.dayMode(day, beingShot, TODAY);
        calc.dayClock({ day, items, log: s.log, scenes, mode, now: 12 * 60, sunset: 20 * 60 });
        calc.dayStatus(
          day,
          s.strips.filter((x) => x.dayId === day.id),
          s.log,
          scenes,
          '12:00',
        );
        calc.dayTimes(day.id, s.log);
        daySun(day, items, byId, locations, s.settings.timeZone || 'UTC');
        calc.workedDay(day, s.log, '19:00');
      }
      exportSchedule(doc, scenes);
      return;
    }
    case 'moodboard': {
      const mb = m.readMoodboard(doc);
      for (const b of mb.boards) m.selectCardsOfBoard(mb, b.id);
      for (const c of mb.cards) {
        m.selectCommentsOfCard(mb, c.id);
        m.findCardBody(doc, c.id);
        if (c.image !== null) m.isImageRef(c.image);
        m.linkHref(c.url);
      }
      return;
    }
    case 'costreport': {
      const data = m.readCostReport(doc);
      m.readAccounts(doc);
      const report = calc.costReport(data, { from: '2025-06-01', to: '2025-06-07' });
      calc.alerts(report.accounts, data.settings.alertThresholdBp);
      for (const a of data.accounts) m.selectLinesOfAccount(data, a.id);
      for (const l of data.lines) {
        calc.lineTotal(l);
        calc.lineHours(l);
        calc.hourlyRate(l.rate, l.units);
        calc.formatMoney(l.rate, data.settings.currency);
      }
      for (const day of schedule.days) calc.hotCostsForDay(data.hotCosts, day, schedule.log, '19:00');
      calc.countedAccruals(data);
      exportCostReport(doc, { from: '2025-06-01', to: '2025-06-07' });
      exportBudgetLines(doc);
      return;
    }
    case 'callsheet': {
      m.readCallSheet(doc);
      const shooting = schedule.days.filter((d) => d.kind === 'shoot');
      for (let n = 1; n <= shooting.length; n++) {
        const typed = m.readCallSheetTyped(doc, shooting[n - 1]!.id);
        const sheet = calc.deriveCallSheet({
          productionName: 'x',
          schedule,
          breakdown: { scenes, cast, locations },
          people: [],
          dayNumber: n,
          typed,
        });
        if (sheet) buildCallSheet({ production: 'x', date: TODAY, paper: 'a4', sheet, dayNumber: n });
      }
      return;
    }
    case 'dpr': {
      const data = m.readDpr(doc);
      const breakdown = { scenes, cast };
      const shooting = schedule.days.filter((d) => d.kind === 'shoot');
      for (let n = 1; n <= shooting.length; n++) {
        const typed = m.selectDprDay(data, shooting[n - 1]!.id);
        const report = calc.deriveDpr({
          productionName: 'x',
          schedule,
          breakdown,
          shots: [],
          dayNumber: n,
          typed,
        });
        if (report) calc.reportLog(report);
      }
      return;
    }
  }
}

function run(seed: number, runs: number, writes: number): void {
  const r = random(seed);
  for (let i = 0; i < runs; i++) {
    for (const board of BOARDS) {
      const doc = demoDocument(board);
      damage(board, doc, r, writes);
      // The companions are damaged too: a board reads its neighbours' documents.
      const breakdown = board === 'breakdown' ? doc : demoDocument('breakdown');
      const schedule = board === 'schedule' ? doc : demoDocument('schedule');
      if (board !== 'breakdown') damage('breakdown', breakdown, r, writes);
      if (board !== 'schedule') damage('schedule', schedule, r, writes);
      const companions = { breakdown, schedule };
      expect(() => readEverything(board, doc, companions), `${board}, run ${i}`).not.toThrow();
      const version = m.schemaVersion(doc);
      if (Number.isInteger(version) && version > m.SCHEMA_VERSIONS[board]) {
        // A newer app's document (as far as this one can tell): it refuses to rewrite what it does not know.
        expect(() => m.removeDamaged(board, doc)).toThrow(m.ModelError);
        continue;
      }
      m.removeDamaged(board, doc);
      expect(m.findDamage(board, doc), `${board}, run ${i}`).toEqual([]);
      expect(() => readEverything(board, doc, companions)).not.toThrow();
    }
  }
}

describe('damaged documents', () => {
  it.each([[1], [20_251_205], [777]])(
    '[seed %i] every reader, selector and derived view survives random values in every root and entry',
    (seed) => run(seed, 6, 40),
  );
});
