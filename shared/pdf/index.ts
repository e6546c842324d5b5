export * from './frame';
export * from './errors';
export {
  buildShotList,
  DEFAULT_SHOTLIST_OPTIONS,
  type ShotListInput,
  type ShotListOptions,
} from './shotlist';
export { buildSchedule, SCHEDULE_VIEWS, STRIP_FILL, type ScheduleInput, type ScheduleView } from './schedule';
export { buildBreakdown, type BreakdownInput } from './breakdown';
export {
  buildCostReport,
  periodLabel,
  reportPeriod,
  PERIOD_KINDS,
  type CostReportInput,
  type PeriodKind,
} from './costreport';
export { buildDpr, DPR_FIGURE_LABELS, DPR_STATE_LABELS, figureText, type DprInput } from './dpr';
export { buildMoodboard, REVIEW_LABEL, type MoodboardInput } from './moodboard';
export { buildCallSheet, revisionLabel, type CallSheetPdfInput, type CallSheetPdfOptions } from './callsheet';
export { buildDocument, documentLabel, jobFileName, SCHEDULE_VIEW_LABELS, type PdfJob } from './job';
