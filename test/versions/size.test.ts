/**
 * What a version costs: the encoded size of each demo board, of a 40-day schedule after a shoot's worth of
 * edits (garbage collection on, as the server keeps documents), and the time to diff two versions of it.
 * The figures are printed for the docs; the bounds catch a version that stops being a compact copy.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BOARDS } from '../../shared/boards';
import { seedDemoBoard } from '../../shared/demo/index';
import { addDay, addStrip, moveItem, readSchedule, setStripStatus } from '../../shared/model/schedule';
import { diffBoard, openVersion } from '../../shared/versions';

function fortyDaySchedule(): Y.Doc {
  const doc = new Y.Doc();
  const start = Date.UTC(2026, 2, 2);
  const days = Array.from({ length: 40 }, (_, i) =>
    addDay(doc, {
      date: new Date(start + i * 86_400_000).toISOString().slice(0, 10),
      crewCall: '07:00',
      shootingCall: '08:00',
    }),
  );
  days.forEach((dayId, d) => {
    for (let s = 0; s < 5; s++) addStrip(doc, { sceneId: `scene-${d * 5 + s}`, dayId, minutes: 60 + s * 15 });
  });
  return doc;
}

/** A shoot's worth of edits: every strip marked done, one in four pushed to the next day, some reordered. */
function shoot(doc: Y.Doc, fromDay: number, toDay: number): void {
  const schedule = readSchedule(doc);
  for (let d = fromDay; d < toDay; d++) {
    const day = schedule.days[d]!;
    const next = schedule.days[d + 1] ?? null;
    const strips = schedule.strips.filter((s) => s.dayId === day.id);
    strips.forEach((strip, i) => {
      if (i === 0 && next) moveItem(doc, strip.id, next.id, null);
      else setStripStatus(doc, strip.id, 'done');
      if (i === 2) moveItem(doc, strip.id, day.id, null);
    });
  }
}

describe('version size and diff time', () => {
  it('a version of each demo board and of a 40-day schedule is a compact full copy; a diff takes milliseconds', () => {
    const figures: Record<string, string> = {};
    for (const board of BOARDS) {
      const doc = new Y.Doc();
      seedDemoBoard(board, doc, { today: '2026-06-01' });
      const bytes = Y.encodeStateAsUpdate(doc).byteLength;
      figures[`demo ${board}`] = `${(bytes / 1024).toFixed(1)} KiB`;
      expect(bytes).toBeLessThan(256 * 1024);
    }
    const doc = fortyDaySchedule();
    shoot(doc, 0, 20);
    const v1 = Y.encodeStateAsUpdate(doc);
    shoot(doc, 20, 39);
    const v2 = Y.encodeStateAsUpdate(doc);
    figures['40-day schedule, 200 strips, half shot'] = `${(v1.byteLength / 1024).toFixed(1)} KiB`;
    figures['40-day schedule, all shot'] = `${(v2.byteLength / 1024).toFixed(1)} KiB`;
    const started = performance.now();
    const changes = diffBoard('schedule', openVersion('schedule', v1), openVersion('schedule', v2));
    const ms = performance.now() - started;
    figures['diff of the two (decode both + diff)'] = `${ms.toFixed(1)} ms, ${changes.length} changes`;
    console.info(figures);
    expect(changes.filter((c) => c.kind === 'moved' && c.fields?.[0]?.field === 'day')).toHaveLength(19);
    expect(v2.byteLength).toBeLessThan(512 * 1024);
    expect(ms).toBeLessThan(2_000);
  });
});
