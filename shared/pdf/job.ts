/**
 * One printable document as plain data (structured-cloneable, so a tablet can hand it to a worker): which
 * builder, and its input. `buildDocument` runs the builder and names the document for the file name.
 */
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { BOARD_LABELS } from '../boards';
import { buildBreakdown, type BreakdownInput } from './breakdown';
import { buildCallSheet, type CallSheetPdfInput } from './callsheet';
import { buildCostReport, type CostReportInput } from './costreport';
import { buildDpr, type DprInput } from './dpr';
import { pdfFileName } from './frame';
import { buildMoodboard, type MoodboardInput } from './moodboard';
import { buildSchedule, type ScheduleInput, type ScheduleView } from './schedule';
import { buildShotList, type ShotListInput } from './shotlist';

export type PdfJob =
  | { board: 'shotlist'; input: ShotListInput }
  | { board: 'schedule'; input: ScheduleInput }
  | { board: 'breakdown'; input: BreakdownInput }
  | { board: 'costreport'; input: CostReportInput }
  | { board: 'moodboard'; input: MoodboardInput }
  | { board: 'callsheet'; input: CallSheetPdfInput }
  | { board: 'dpr'; input: DprInput };

export const SCHEDULE_VIEW_LABELS: Record<ScheduleView, string> = {
  stripboard: 'Stripboard',
  oneliner: 'One-liner',
  dood: 'Day out of days',
};

/** The document's name as it goes into the file name: the board, or the schedule's view. */
export function documentLabel(job: PdfJob): string {
  if (job.board === 'dpr') return `Production report ${job.input.report.day.label}`;
  return job.board === 'schedule' ? SCHEDULE_VIEW_LABELS[job.input.view] : BOARD_LABELS[job.board];
}

export function jobFileName(job: PdfJob): string {
  if (job.board === 'callsheet') {
    // `low-tide-call-sheet-day-1-rev-2-2026-12-06.pdf`: one file per day and revision.
    const rev = job.input.options?.revision;
    const label = `Call sheet day ${job.input.dayNumber}${rev ? ` rev ${rev.n}` : ''}`;
    return pdfFileName(job.input.production, label, job.input.date);
  }
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
    case 'callsheet':
      return buildCallSheet(job.input);
    case 'dpr':
      return buildDpr(job.input);
  }
}
