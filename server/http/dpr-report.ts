/**
 * A day's production report as the server derives it (shared/calc/dpr.ts) from the live boards: the schedule
 * (days, strips, day log) always, since the report is the record of that log; the breakdown and the shot
 * list only when the caller's role may read them (as P2 for paper), so a figure from a board they may not
 * see is missing rather than leaked. Used by the report routes and by the PDF export.
 */
import type * as Y from 'yjs';
import { canRead, documentName, type Board } from '../../shared/boards';
import { deriveDpr, shootingDay, type DprReport } from '../../shared/calc/dpr';
import { readBreakdown } from '../../shared/model/breakdown';
import { readDpr, selectDprDay } from '../../shared/model/dpr';
import { readSchedule, type Schedule, type ShootingDay } from '../../shared/model/schedule';
import { readShots } from '../../shared/model/shotlist';
import type { AccessResolver } from '../auth/access';
import type { Principal } from '../directory/directory';

export interface DocumentAccess {
  withDocument<T>(docName: string, fn: (doc: Y.Doc) => T): Promise<T>;
}

export interface LoadedDpr {
  day: ShootingDay;
  schedule: Schedule;
  report: DprReport;
}

/** The report of shooting day `dayNumber`, or null when the schedule has no such day. */
export async function loadDprReport(
  deps: { access: AccessResolver; documents: DocumentAccess },
  principal: Principal,
  productionId: string,
  productionName: string,
  dayNumber: number,
): Promise<LoadedDpr | null> {
  const read = <T>(board: Board, fn: (doc: Y.Doc) => T) =>
    deps.documents.withDocument(documentName(productionId, board), fn);
  const readable = async (board: Board) => canRead(await deps.access.access(principal, board));
  const schedule = await read('schedule', readSchedule);
  const day = shootingDay(schedule, dayNumber);
  if (!day) return null;
  const breakdown = (await readable('breakdown')) ? await read('breakdown', readBreakdown) : null;
  const shots = (await readable('shotlist')) ? await read('shotlist', (doc) => readShots(doc)) : null;
  const typed = await read('dpr', (doc) => selectDprDay(readDpr(doc), day.id));
  const report = deriveDpr({ productionName, schedule, breakdown, shots, dayNumber, typed });
  return report ? { day, schedule, report } : null;
}
