/**
 * The call sheet of one shooting day as the server derives it: schedule, breakdown and the typed call sheet
 * board read from their documents, the crew and cast list from the directory, fed to the one pure derivation
 * (shared/calc/call-sheet.ts). Used by the PDF export and by publishing, so both print the same sheet.
 */
import type * as Y from 'yjs';
import { documentName } from '../../shared/boards';
import { deriveCallSheet, type CallSheet } from '../../shared/calc/call-sheet';
import { readBreakdown } from '../../shared/model/breakdown';
import { readCallSheetTyped } from '../../shared/model/callsheet';
import { readSchedule, type Schedule } from '../../shared/model/schedule';
import type { Person } from '../../shared/people';

export interface CallSheetSources {
  documents: { withDocument<T>(docName: string, fn: (doc: Y.Doc) => T): Promise<T> };
  productionName(productionId: string): Promise<string | null>;
  people(productionId: string): Promise<Person[]>;
}

/** The shooting days' dates in order, so `?day=` can default to the next one from `today`. */
export function shootingDayNumberOn(schedule: Schedule, today: string): number {
  const shooting = schedule.days.filter((d) => d.kind === 'shoot');
  const next = shooting.findIndex((d) => d.date >= today);
  return next >= 0 ? next + 1 : Math.max(1, shooting.length);
}

/** Derives day `dayNumber` (1-based among shooting days; the next one from `today` when null). */
export async function loadCallSheet(
  sources: CallSheetSources,
  productionId: string,
  dayNumber: number | null,
  today: string,
): Promise<{ sheet: CallSheet | null; dayNumber: number; production: string; people: Person[] }> {
  const read = <T>(board: 'schedule' | 'breakdown' | 'callsheet', fn: (doc: Y.Doc) => T) =>
    sources.documents.withDocument(documentName(productionId, board), fn);
  const schedule = await read('schedule', readSchedule);
  const breakdown = await read('breakdown', readBreakdown);
  const number = dayNumber ?? shootingDayNumberOn(schedule, today);
  const day = schedule.days.filter((d) => d.kind === 'shoot')[number - 1];
  const typed = day ? await read('callsheet', (doc) => readCallSheetTyped(doc, day.id)) : {};
  const production = (await sources.productionName(productionId)) ?? productionId;
  const people = await sources.people(productionId);
  const sheet = deriveCallSheet({
    productionName: production,
    schedule,
    breakdown,
    people,
    dayNumber: number,
    typed,
  });
  return { sheet, dayNumber: number, production, people };
}
