/**
 * The accruals in the report: each approved production report's hot costs booked on an account, with what
 * they still count after the actuals of that day replaced them (shared/calc/accruals.ts). They are inside the
 * To date column above; this list says which part of it is an estimate waiting for its invoice.
 */
import { countedAccruals } from '../../../../shared/calc/accruals';
import type { CostReportData } from '../../../../shared/model/costreport-types';

export function AccrualList(props: { data: CostReportData; money: (n: number) => string }) {
  const { data, money } = props;
  if (data.accruals.length === 0) return null;
  const counted = countedAccruals(data);
  const account = (id: string) => data.accounts.find((a) => a.id === id);
  return (
    <section className="panel accruals" aria-label="Accruals">
      <h3>Accruals from approved production reports</h3>
      <ul className="plain-list">
        {data.accruals.map((x, i) => {
          const a = account(x.accountId);
          const still = counted[i]!.amount;
          return (
            <li key={x.id} data-testid="accrual">
              <strong>
                {a ? `${a.code} ${a.name}` : 'Unknown account'}: {money(x.amount)} accrued
              </strong>{' '}
              <span className="muted">
                {x.description}, {x.date}
                {still !== x.amount &&
                  (still === 0
                    ? ' · replaced by actuals of that day'
                    : ` · ${money(still)} still accrued after actuals of that day`)}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
