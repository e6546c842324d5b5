import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import {
  readCostReport,
  setEstimateToComplete,
  type CostReportData,
} from '../../../../shared/model/costreport';
import { EMPTY_SCHEDULE, readSchedule, type Schedule } from '../../../../shared/model/schedule';
import { costReport, type Columns, type CostReport } from '../../../../shared/calc/cost-report';
import type { NotificationInput } from '../../../../shared/set-channel';
import type * as Y from 'yjs';
import { formatMoney } from '../../../../shared/calc/money';
import { LOCAL_ORIGIN, type BoardSession } from '../../sync/board-session';
import { useBoardContext } from '../../sync/use-board-session';
import { jsonEqual, useDoc } from '../../sync/use-y';
import { TextCell } from '../../ui/cells';
import { useCompanion } from '../companion';
import { setBoardView } from '../../print/board-view';
import { localDate } from '../shotlist/schedule-link';
import { BudgetLines } from './BudgetLines';
import { EntryForms } from './EntryForms';
import { HotCostForm } from './HotCostForm';
import { HotCostTable } from './HotCostTable';
import { minorToInput, parseMoney } from './money-input';
import { DamagedItems } from '../DamagedItems';
import { useBudgetLock } from './budget-lock';
import { AccrualList } from './AccrualList';
import { accountBudgets, lockedBudget, type LockedAccount } from '../../../../shared/calc/locked-budget';

// chart.js is the heaviest dependency; it loads only when a producer opens the charts.
const CostCharts = lazy(() => import('./CostCharts'));

const EMPTY: Schedule = EMPTY_SCHEDULE;

function weekStart(date: string): string {
  const d = new Date(`${date}T12:00:00`);
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return localDate(d);
}

export default function CostReportBoard() {
  const { session, canWrite, notify, productionId, token } = useBoardContext();
  const { lock, error: lockError } = useBudgetLock(productionId, token);
  const doc = session.doc;
  const data = useDoc(doc, (d) => (d ? readCostReport(d) : null), jsonEqual) as CostReportData | null;
  const scheduleSession = useCompanion('schedule');
  const schedule = useDoc(scheduleSession?.doc, (d) => (d ? readSchedule(d) : EMPTY), jsonEqual);
  const [periodKind, setPeriodKind] = useState<'day' | 'week'>('week');
  const [date, setDate] = useState(localDate());
  const [tab, setTab] = useState<'report' | 'budget' | 'entries' | 'hot' | 'charts'>('report');
  const period = useMemo(() => {
    if (periodKind === 'day') return { from: date, to: date };
    const from = weekStart(date);
    const end = new Date(`${from}T12:00:00`);
    end.setDate(end.getDate() + 6);
    return { from, to: localDate(end) };
  }, [periodKind, date]);
  // Once a budget is locked, the Budget column reads the lock and later changes show beside it.
  const locked = useMemo(
    () => (data && lock ? lockedBudget(lock.lockBudgets, lock.approvedBudgets, accountBudgets(data)) : null),
    [data, lock],
  );
  const report = useMemo(
    () => (data ? costReport(data, period, lock ? lock.lockBudgets : undefined) : null),
    [data, period, lock],
  );
  // the frame's CSV and PDF exports follow the period on screen
  useEffect(() => {
    setBoardView('costreport', {
      period: periodKind,
      date,
      from: period.from,
      to: period.to,
      ...(lock ? { lock: JSON.stringify({ name: lock.lock.name, budgets: [...lock.lockBudgets] }) } : {}),
    });
    return () => setBoardView('costreport', null);
  }, [periodKind, date, period, lock]);
  useOverBudgetNotifications(report?.alerts ?? null, session, canWrite, notify);

  if (!data || !report) return <p className="loading">Loading the cost report…</p>;
  const currency = data.settings.currency || 'USD';
  const money = (n: number) => formatMoney(n, currency);

  return (
    <div className="costreport">
      <DamagedItems board="costreport" />
      <div className="toolbar">
        <div className="segmented" role="tablist">
          {(
            [
              ['report', 'Cost report'],
              ['budget', 'Budget lines'],
              ['entries', 'Actuals & POs'],
              ['hot', 'Hot costs'],
              ['charts', 'Charts'],
            ] as const
          ).map(([t, label]) => (
            <button
              key={t}
              type="button"
              role="tab"
              className="btn"
              aria-selected={tab === t}
              onClick={() => setTab(t)}
            >
              {label}
            </button>
          ))}
        </div>
        <select
          className="btn"
          aria-label="Period"
          value={periodKind}
          onChange={(e) => setPeriodKind(e.target.value as 'day' | 'week')}
        >
          <option value="day">Day</option>
          <option value="week">Week</option>
        </select>
        <input
          className="btn"
          type="date"
          aria-label="Period date"
          value={date}
          onChange={(e) => e.target.value && setDate(e.target.value)}
        />
      </div>
      {report.alerts.length > 0 && (
        <ul className="alerts" aria-label="Alerts">
          {report.alerts.map((a) => (
            <li key={a.accountId} className={`alert ${a.kind}`}>
              <strong>
                {a.code} {a.name}
              </strong>{' '}
              is {a.kind === 'over-budget' ? 'over budget' : 'over the alert threshold'} by {money(a.overBy)}
              {a.overByBp !== null && ` (${(a.overByBp / 100).toFixed(1)}%)`}
            </li>
          ))}
        </ul>
      )}
      {tab === 'report' && (
        <p className={`banner ${lock ? 'info' : 'warn'}`} data-testid="budget-lock">
          {lock
            ? `Budget: the locked budget “${lock.lock.name}”, approved by ${lock.lock.approved?.by.name ?? 'someone'} on ${lock.lock.approved?.at.slice(0, 10) ?? ''}.` +
              (lock.approved.id !== lock.lock.id
                ? ` Approved overages up to “${lock.approved.name}”; pending changes are budget-line changes since.`
                : ' Pending changes are budget-line changes since the lock.')
            : 'Budget not locked: the Budget column shows the live budget lines. Approve a version of the cost report (Versions) to lock it.'}
          {lockError && ` The lock could not be read (${lockError}); showing the live budget lines.`}
        </p>
      )}
      {tab === 'report' && (
        <div className="table-scroll">
          <table className="grid money" data-testid="cost-report">
            <thead>
              <tr>
                <th>Account</th>
                <th>{locked ? 'Budget (locked)' : 'Budget (not locked)'}</th>
                {locked && <th>Approved overage</th>}
                {locked && <th>Pending change</th>}
                <th>This period</th>
                <th>To date</th>
                <th>Committed</th>
                <th>ETC</th>
                <th>EFC</th>
                <th>Variance</th>
                <th>% spent</th>
              </tr>
            </thead>
            <tbody>
              {report.categories.map((cat) => (
                <CategoryRows
                  key={cat.key}
                  title={cat.key}
                  total={cat}
                  money={money}
                  lock={
                    locked &&
                    sumLocked(
                      locked,
                      report.accounts.filter((a) => a.category === cat.key),
                    )
                  }
                >
                  {report.accounts
                    .filter((a) => a.category === cat.key)
                    .map((a) => (
                      <tr key={a.accountId}>
                        <td>
                          {a.code} {a.name}
                        </td>
                        <MoneyCells
                          row={a}
                          money={money}
                          lock={locked ? (locked.get(a.accountId) ?? NONE) : null}
                        >
                          <TextCell
                            label={`Estimate to complete, ${a.code}`}
                            readOnly={!canWrite}
                            className="num"
                            value={canWrite ? minorToInput(a.etc) : money(a.etc)}
                            onCommit={(raw) =>
                              setEstimateToComplete(doc, a.accountId, parseMoney(raw), LOCAL_ORIGIN)
                            }
                          />
                        </MoneyCells>
                      </tr>
                    ))}
                </CategoryRows>
              ))}
            </tbody>
            <tfoot>
              <TotalRow
                label="Above the line"
                row={report.atl}
                money={money}
                lock={
                  locked &&
                  sumLocked(
                    locked,
                    report.accounts.filter((a) => a.line === 'ATL'),
                  )
                }
              />
              <TotalRow
                label="Below the line"
                row={report.btl}
                money={money}
                lock={
                  locked &&
                  sumLocked(
                    locked,
                    report.accounts.filter((a) => a.line === 'BTL'),
                  )
                }
              />
              <TotalRow
                label="Total"
                row={report.total}
                money={money}
                lock={locked && sumLocked(locked, report.accounts)}
              />
              <tr>
                <th>Contingency</th>
                <td>{money(report.contingency)}</td>
                <td colSpan={locked ? 9 : 7}>
                  {money(report.contingencyLeft)} left after the projected overage · grand total{' '}
                  {money(report.grandTotal)}
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      {tab === 'report' && <AccrualList data={data} money={money} />}
      {tab === 'entries' && <EntryForms data={data} money={money} />}
      {tab === 'budget' && <BudgetLines data={data} money={money} />}
      {tab === 'hot' && canWrite && <HotCostForm data={data} schedule={schedule} money={money} />}
      {tab === 'hot' && <HotCostTable data={data} schedule={schedule} money={money} />}
      {tab === 'charts' && (
        <Suspense fallback={<p className="loading">Loading charts…</p>}>
          <CostCharts report={report} data={data} />
        </Suspense>
      )}
    </div>
  );
}

function pct(bp: number | null): string {
  return bp === null ? '—' : `${(bp / 100).toFixed(1)}%`;
}

const NONE: LockedAccount = { locked: 0, approvedOverage: 0, pending: 0, current: 0 };

function sumLocked(
  locked: Map<string, LockedAccount>,
  rows: readonly { accountId: string }[],
): LockedAccount {
  const out = { ...NONE };
  for (const row of rows) {
    const l = locked.get(row.accountId) ?? NONE;
    out.locked += l.locked;
    out.approvedOverage += l.approvedOverage;
    out.pending += l.pending;
    out.current += l.current;
  }
  return out;
}

function MoneyCells({
  row,
  money,
  lock,
  children,
}: {
  row: Columns;
  money: (n: number) => string;
  lock?: LockedAccount | null;
  children?: React.ReactNode;
}) {
  return (
    <>
      <td className="num">{money(row.budget)}</td>
      {lock && <td className="num">{money(lock.approvedOverage)}</td>}
      {lock && <td className={`num ${lock.pending !== 0 ? 'over' : ''}`}>{money(lock.pending)}</td>}
      <td className="num">{money(row.actualThisPeriod)}</td>
      <td className="num">
        {money(row.actualToDate)}
        {row.accrued !== 0 && <span className="accrued">incl. {money(row.accrued)} accrued</span>}
      </td>
      <td className="num">{money(row.committed)}</td>
      <td className="num">{children ?? money(row.etc)}</td>
      <td className="num">{money(row.efc)}</td>
      <td className={`num ${row.variance < 0 ? 'over' : ''}`}>{money(row.variance)}</td>
      <td className="num">{pct(row.percentSpentBp)}</td>
    </>
  );
}

function CategoryRows(props: {
  title: string;
  total: Columns;
  money: (n: number) => string;
  lock: LockedAccount | null;
  children: React.ReactNode;
}) {
  return (
    <>
      <tr className="category">
        <th scope="rowgroup">{props.title}</th>
        <MoneyCells row={props.total} money={props.money} lock={props.lock} />
      </tr>
      {props.children}
    </>
  );
}

function TotalRow({
  label,
  row,
  money,
  lock,
}: {
  label: string;
  row: Columns;
  money: (n: number) => string;
  lock: LockedAccount | null;
}) {
  return (
    <tr className="total">
      <th>{label}</th>
      <MoneyCells row={row} money={money} lock={lock} />
    </tr>
  );
}

/**
 * Tells the set channel when this person's own edit pushes an account over budget. Only the device that
 * made the edit notifies, so a producer's entry is announced once, not by every open cost report.
 */
function useOverBudgetNotifications(
  alerts: CostReport['alerts'] | null,
  session: BoardSession,
  canWrite: boolean,
  notify: (input: NotificationInput) => void,
) {
  const known = useRef<Set<string> | null>(null);
  const lastLocal = useRef(false);
  useEffect(() => {
    const onTransaction = (tr: Y.Transaction) => {
      lastLocal.current = tr.origin === LOCAL_ORIGIN;
    };
    session.doc.on('afterTransaction', onTransaction);
    return () => session.doc.off('afterTransaction', onTransaction);
  }, [session]);
  useEffect(() => {
    if (!alerts) return;
    const current = new Set(alerts.filter((a) => a.kind === 'over-budget').map((a) => a.accountId));
    const before = known.current;
    known.current = current;
    if (!before || !canWrite || !lastLocal.current) return;
    for (const alert of alerts) {
      if (alert.kind === 'over-budget' && !before.has(alert.accountId)) {
        notify({
          kind: 'over-budget',
          text: `${alert.code} ${alert.name} is now over budget`,
          board: 'costreport',
        });
      }
    }
  }, [alerts, canWrite, notify]);
}
