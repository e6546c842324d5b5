export * from './errors';
export { parseCsv, toCsv } from './csv';
export { exportShotList, importShotList, SHOT_COLUMNS } from './shotlist';
export { exportSchedule, SCHEDULE_COLUMNS } from './schedule';
export { exportBreakdown, importBreakdown, BREAKDOWN_COLUMNS } from './breakdown';
export {
  exportCostReport,
  exportBudgetLines,
  importBudgetLines,
  REPORT_COLUMNS,
  LINE_COLUMNS,
} from './costreport';
export type { ImportResult } from './import';
