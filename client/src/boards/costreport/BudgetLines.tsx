/**
 * The budget of one account, line by line: amount x multiplier x rate per unit, plus fringe. A producer edits
 * the lines in place; totals come from shared/calc (lineTotal), the same arithmetic the cost report uses.
 */
import { useState, type FormEvent } from 'react';
import { lineTotal } from '../../../../shared/calc/budget';
import {
  BUDGET_UNITS,
  addBudgetLine,
  deleteBudgetLine,
  selectLinesOfAccount,
  updateBudgetLine,
  type BudgetLine,
  type BudgetLineInput,
  type CostReportData,
} from '../../../../shared/model/costreport';
import { LOCAL_ORIGIN } from '../../sync/board-session';
import { useBoardContext } from '../../sync/use-board-session';
import { SelectCell, TextCell } from '../../ui/cells';
import { useDialogs } from '../../ui/dialogs';
import { useRefusedForm } from '../../ui/rejected-field';
import { bpToInput, minorToInput, parseMoney, parsePercentBp, parseQuantity } from './money-input';

export const UNIT_LABELS: Record<(typeof BUDGET_UNITS)[number], string> = {
  hour: 'Hour',
  day: 'Day',
  week: 'Week',
  flat: 'Flat',
  allow: 'Allow',
};

export function BudgetLines({ data, money }: { data: CostReportData; money: (n: number) => string }) {
  const { session, canWrite } = useBoardContext();
  const doc = session.doc;
  const dialogs = useDialogs();
  const [chosen, setChosen] = useState<string | null>(null);
  const refusal = useRefusedForm('New budget line');
  const account = data.accounts.find((a) => a.id === chosen) ?? data.accounts[0] ?? null;
  if (!account) return <p className="empty">No accounts yet.</p>;
  const lines = selectLinesOfAccount(data, account.id);
  const totals = lines.map((l) => lineTotal(l));
  const sum = totals.reduce((s, t) => s + t.total, 0);
  const update = (id: string, patch: Partial<BudgetLineInput>) =>
    updateBudgetLine(doc, id, patch, LOCAL_ORIGIN);

  function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const get = (k: string) => String(form.get(k) ?? '').trim();
    // The control a parse error belongs to; the model's errors name their own.
    let at = 'amount';
    try {
      const amount = parseQuantity(get('amount'), 'Amount');
      at = 'multiplier';
      const multiplier = parseQuantity(get('multiplier') || '1', 'Multiplier');
      at = 'rate';
      const rate = parseMoney(get('rate'));
      at = 'fringe';
      const fringeBp = get('fringe') === '' ? 0 : parsePercentBp(get('fringe'));
      at = 'description';
      addBudgetLine(
        doc,
        {
          accountId: account!.id,
          description: get('description'),
          amount,
          units: get('units') as BudgetLine['units'],
          multiplier,
          rate,
          fringeBp,
        },
        LOCAL_ORIGIN,
      );
      event.currentTarget.reset();
      refusal.accept();
    } catch (e) {
      refusal.refuse(e, at);
    }
  }

  async function remove(line: BudgetLine) {
    const sure = await dialogs.confirm({
      title: 'Delete this budget line?',
      message: `${line.description || 'The line'} (${money(lineTotal(line).total)}) leaves ${account!.code} ${account!.name}'s budget.`,
      confirmLabel: 'Delete line',
      danger: true,
    });
    if (sure) deleteBudgetLine(doc, line.id, LOCAL_ORIGIN);
  }

  return (
    <div className="entries budget-lines">
      {dialogs.element}
      <label className="field inline">
        <span>Account</span>
        <select
          className="btn"
          value={account.id}
          onChange={(e) => {
            setChosen(e.target.value);
            refusal.accept();
          }}
        >
          {data.accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.code} {a.name}
            </option>
          ))}
        </select>
      </label>
      <div className="table-scroll">
        <table className="grid money" data-testid="budget-lines">
          <thead>
            <tr>
              <th>Description</th>
              <th>Amount</th>
              <th>Unit</th>
              <th>×</th>
              <th>Rate</th>
              <th>Fringe %</th>
              <th>Base</th>
              <th>Fringe</th>
              <th>Total</th>
              {canWrite && <th aria-label="Actions" />}
            </tr>
          </thead>
          <tbody>
            {lines.map((line, i) => {
              const common = { readOnly: !canWrite };
              return (
                <tr key={line.id}>
                  <td>
                    <TextCell
                      {...common}
                      label="Description"
                      value={line.description}
                      onCommit={(description) => update(line.id, { description })}
                    />
                  </td>
                  <td className="num">
                    <TextCell
                      {...common}
                      label="Amount"
                      inputMode="decimal"
                      value={String(line.amount)}
                      onCommit={(raw) => update(line.id, { amount: parseQuantity(raw, 'Amount') })}
                    />
                  </td>
                  <td>
                    <SelectCell
                      {...common}
                      label="Unit"
                      value={line.units}
                      options={BUDGET_UNITS}
                      labels={UNIT_LABELS}
                      onCommit={(units) => update(line.id, { units })}
                    />
                  </td>
                  <td className="num">
                    <TextCell
                      {...common}
                      label="Multiplier"
                      inputMode="decimal"
                      value={String(line.multiplier)}
                      onCommit={(raw) => update(line.id, { multiplier: parseQuantity(raw, 'Multiplier') })}
                    />
                  </td>
                  <td className="num">
                    <TextCell
                      {...common}
                      label="Rate"
                      inputMode="decimal"
                      value={canWrite ? minorToInput(line.rate) : money(line.rate)}
                      onCommit={(raw) => update(line.id, { rate: parseMoney(raw) })}
                    />
                  </td>
                  <td className="num">
                    <TextCell
                      {...common}
                      label="Fringe percent"
                      inputMode="decimal"
                      value={bpToInput(line.fringeBp)}
                      onCommit={(raw) => update(line.id, { fringeBp: parsePercentBp(raw) })}
                    />
                  </td>
                  <td className="num">{money(totals[i]!.base)}</td>
                  <td className="num">{money(totals[i]!.fringe)}</td>
                  <td className="num">
                    <strong>{money(totals[i]!.total)}</strong>
                  </td>
                  {canWrite && (
                    <td>
                      <button
                        type="button"
                        className="btn"
                        aria-label={`Delete line ${line.description || i + 1}`}
                        onClick={() => void remove(line)}
                      >
                        Delete
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
            {lines.length === 0 && (
              <tr>
                <td colSpan={canWrite ? 10 : 9} className="muted">
                  No budget lines on this account yet.
                </td>
              </tr>
            )}
          </tbody>
          <tfoot>
            <tr className="total">
              <th colSpan={8}>
                {account.code} {account.name}: budget
              </th>
              <td className="num" data-testid="account-budget">
                {money(sum)}
              </td>
              {canWrite && <td />}
            </tr>
          </tfoot>
        </table>
      </div>
      {canWrite && (
        <form className="entry-form" ref={refusal.formRef} onSubmit={add} aria-label="Add a budget line">
          <label className="field compact">
            <span>Description</span>
            <input
              className="cell"
              {...refusal.control('description')}
              placeholder="Description"
              aria-label="New line description"
            />
          </label>
          <label className="field compact">
            <span>Amount</span>
            <input
              className="cell num"
              {...refusal.control('amount')}
              inputMode="decimal"
              placeholder="Amount"
              aria-label="New line amount"
              required
            />
          </label>
          <label className="field compact">
            <span>Unit</span>
            <select
              className="cell"
              {...refusal.control('units')}
              aria-label="New line unit"
              defaultValue="day"
            >
              {BUDGET_UNITS.map((u) => (
                <option key={u} value={u}>
                  {UNIT_LABELS[u]}
                </option>
              ))}
            </select>
          </label>
          <label className="field compact">
            <span>Multiplier</span>
            <input
              className="cell num"
              {...refusal.control('multiplier')}
              inputMode="decimal"
              placeholder="1"
              aria-label="New line multiplier"
            />
          </label>
          <label className="field compact">
            <span>Rate</span>
            <input
              className="cell num"
              {...refusal.control('rate')}
              inputMode="decimal"
              placeholder="Rate"
              aria-label="New line rate"
              required
            />
          </label>
          <label className="field compact">
            <span>Fringe percent</span>
            <input
              className="cell num"
              {...refusal.control('fringe')}
              inputMode="decimal"
              placeholder="Fringe %"
              aria-label="New line fringe percent"
            />
          </label>
          <button type="submit" className="btn primary">
            Add line
          </button>
        </form>
      )}
      {refusal.message}
    </div>
  );
}
