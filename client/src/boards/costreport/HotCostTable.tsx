import { useMemo } from 'react';
import type { CostReportData } from '../../../../shared/model/costreport';
import type { Schedule } from '../../../../shared/model/schedule';
import { hotCostsForDay } from '../../../../shared/calc/hot-costs';

/** Each shooting day's variable costs against its budget, from the AD's logged times. */
export function HotCostTable(props: {
  data: CostReportData;
  schedule: Schedule;
  money: (n: number) => string;
}) {
  const { data, schedule, money } = props;
  const days = useMemo(
    () =>
      schedule.days
        .filter((d) => data.hotCosts.some((h) => h.date === d.date))
        .map((day) => {
          // A day not wrapped yet is costed up to its last logged time, or its shooting call.
          const dayLog = schedule.log.filter((e) => e.dayId === day.id);
          const wrapAt = dayLog.at(-1)?.at ?? day.shootingCall;
          return hotCostsForDay(data.hotCosts, day, schedule.log, wrapAt);
        }),
    [data.hotCosts, schedule],
  );
  if (days.length === 0) {
    return <p className="empty">No hot-cost entries for the scheduled days yet.</p>;
  }
  return (
    <div className="table-scroll">
      <table className="grid money" data-testid="hot-costs">
        <thead>
          <tr>
            <th>Day</th>
            <th>Line</th>
            <th>Budget</th>
            <th>OT min</th>
            <th>2x min</th>
            <th>Penalties</th>
            <th>Actual</th>
            <th>Over / under</th>
          </tr>
        </thead>
        {days.map((d) => (
          <tbody key={d.date}>
            <tr className="category">
              <th>
                {d.date} {d.worked.wrapped ? '' : '(not wrapped)'}
              </th>
              <td>{Math.round(d.worked.workedMinutes / 6) / 10} h worked</td>
              <td className="num">{money(d.budget)}</td>
              <td />
              <td />
              <td>{d.worked.mealPenalties}</td>
              <td className="num">{money(d.actual)}</td>
              <td className={`num ${d.overage > 0 ? 'over' : ''}`}>{money(d.overage)}</td>
            </tr>
            {d.lines.map((l) => (
              <tr key={l.hotCostId}>
                <td />
                <td>{l.description}</td>
                <td className="num">{money(l.budget)}</td>
                <td className="num">{l.overtimeMinutes}</td>
                <td className="num">{l.doubleTimeMinutes}</td>
                <td className="num">{money(l.penalties)}</td>
                <td className="num">{money(l.actual)}</td>
                <td className={`num ${l.overage > 0 ? 'over' : ''}`}>{money(l.overage)}</td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
