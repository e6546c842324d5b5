/**
 * One printable document as plain data (structured-cloneable, so a tablet can hand it to a worker): which
 * builder, and its input. `buildDocument` runs the builder and names the document for the file name.
 */
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { BOARD_LABELS } from '../boards';
import { buildBreakdown, type BreakdownInput } from './breakdown';
import { buildCostReport, type CostReportInput } from './costreport';
import { pdfFileName } from './frame';
import { buildMoodboard, type MoodboardInput } from './moodboard';
import { buildSchedule, type ScheduleInput, type ScheduleView } from './schedule';
import { buildShotList, type ShotListInput } from './shotlist';

export type PdfJob =
  | { board: 'shotlist'; input: ShotListInput }
  | { board: 'schedule'; input: ScheduleInput }
  | { board: 'breakdown'; input: BreakdownInput }
  | { board: 'costreport'; input: CostReportInput }
  | { board: 'moodboard'; input: MoodboardInput };

export const SCHEDULE_VIEW_LABELS: Record<ScheduleView, string> = {
  stripboard: 'Stripboard',
  oneliner: 'One-liner',
  dood: 'Day out of days',
};

/** The document's name as it goes into the file name: the board, or the schedule's view. */
export function documentLabel(job: PdfJob): string {
  return job.board === 'schedule' ? SCHEDULE_VIEW_LABELS[job.input.view] : BOARD_LABELS[job.board];
}

export function jobFileName(job: PdfJob): string {
  return pdfFileName(job.input.production, documentLabel(job), job.input.date);
}

export function buildDocument(job: PdfJob): TDocumentDefinitions {
  switch (job.board) {
    case 'shotlist':
      return buildShotList(job.input);
    case 'schedule':
      return buildSchedule(job.input);
    case 'breakdown':
      return buildBreakdown(job.input);
    case 'costreport':
      return buildCostReport(job.input);
    case 'moodboard':
      return buildMoodboard(job.input);
  }
}
