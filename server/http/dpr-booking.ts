/**
 * What approving a day's production report books into the cost report: the day's hot costs
 * (shared/calc/hot-costs.ts), computed from the report's times (corrections included, so a corrected wrap is
 * what payroll and the accruals see), summed per account and written as that day's accruals in one server
 * edit of the cost report document (the approver may not write it, the AD never can). Booking a day again
 * replaces its accruals (one per day and account), so re-approving after a return never posts twice.
 */
import { documentName } from '../../shared/boards';
import { dayAccruals } from '../../shared/calc/accruals';
import { reportLog } from '../../shared/calc/dpr';
import { hotCostsForDay } from '../../shared/calc/hot-costs';
import { bookDayAccruals, readCostReport } from '../../shared/model/costreport';
import type { DocumentAccess, LoadedDpr } from './dpr-report';

/** DPR approvals carry this origin, so the sync layer persists and relays them as the server's own edits. */
export const DPR_APPROVAL_ORIGIN = { source: 'server', reason: 'dpr-approval' } as const;

export interface BookedDay {
  /** Account id -> minor units booked. */
  byAccount: Map<string, number>;
  /** Hot cost entries without an account (not booked). */
  unbooked: number;
}

export async function bookApprovedDay(
  documents: DocumentAccess,
  productionId: string,
  loaded: LoadedDpr,
): Promise<BookedDay> {
  const { day, report } = loaded;
  const log = reportLog(report);
  const f = report.figures;
  const wrapAt = [f.cameraWrap.value, f.crewWrap.value, f.crewCall.value].find(
    (x): x is string => typeof x === 'string',
  )!;
  return documents.withDocument(documentName(productionId, 'costreport'), (doc) => {
    const entries = readCostReport(doc).hotCosts;
    const costs = hotCostsForDay(entries, day, log, wrapAt);
    const { byAccount, unbooked } = dayAccruals(costs, entries);
    bookDayAccruals(
      doc,
      { id: day.id, date: day.date, label: report.day.label },
      byAccount,
      DPR_APPROVAL_ORIGIN,
    );
    return { byAccount, unbooked: unbooked.length };
  });
}
