import { useState, type FormEvent } from 'react';
import {
  addActual,
  addPurchaseOrder,
  cancelPurchaseOrder,
  payPurchaseOrder,
  type CostReportData,
} from '../../../../shared/model/costreport';
import { LOCAL_ORIGIN } from '../../sync/board-session';
import { useBoardContext } from '../../sync/use-board-session';
import { localDate } from '../shotlist/schedule-link';
import { parseMoney } from './money-input';
import { useRefusedForm } from '../../ui/rejected-field';

/** Forms for actuals and purchase orders, and the open POs with one tap to mark them paid. */
export function EntryForms({ data, money }: { data: CostReportData; money: (n: number) => string }) {
  const { session, canWrite } = useBoardContext();
  const doc = session.doc;
  const [kind, setKind] = useState<'actual' | 'po'>('actual');
  const refusal = useRefusedForm(kind === 'actual' ? 'New actual' : 'New purchase order');
  const accountName = new Map(data.accounts.map((a) => [a.id, `${a.code} ${a.name}`]));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const get = (k: string) => String(form.get(k) ?? '');
    // The control a parse error belongs to; the model's errors name their own.
    let at = 'amount';
    try {
      const amount = parseMoney(get('amount'));
      at = 'vendor';
      const common = {
        date: get('date'),
        vendor: get('vendor'),
        description: get('description'),
        accountId: get('accountId'),
        amount,
      };
      if (kind === 'actual') addActual(doc, common, LOCAL_ORIGIN);
      else addPurchaseOrder(doc, { ...common, number: get('number') }, LOCAL_ORIGIN);
      event.currentTarget.reset();
      refusal.accept();
    } catch (e) {
      refusal.refuse(e, at);
    }
  }

  const openPos = data.pos.filter((p) => p.status === 'open');
  const recent = [...data.actuals].sort((a, b) => (a.date < b.date ? 1 : -1)).slice(0, 50);
  return (
    <div className="entries">
      {canWrite && (
        <form className="entry-form" ref={refusal.formRef} onSubmit={submit}>
          <div className="segmented" role="group">
            <button
              type="button"
              className="btn"
              aria-pressed={kind === 'actual'}
              onClick={() => setKind('actual')}
            >
              Actual
            </button>
            <button type="button" className="btn" aria-pressed={kind === 'po'} onClick={() => setKind('po')}>
              Purchase order
            </button>
          </div>
          {kind === 'po' && (
            <input
              className="cell"
              {...refusal.control('number')}
              placeholder="PO number"
              aria-label="PO number"
              required
            />
          )}
          <input
            className="cell"
            {...refusal.control('date')}
            type="date"
            aria-label="Date"
            defaultValue={localDate()}
            required
          />
          <input
            className="cell"
            {...refusal.control('vendor')}
            placeholder="Vendor"
            aria-label="Vendor"
            required
          />
          <input
            className="cell"
            {...refusal.control('description')}
            placeholder="Description"
            aria-label="Description"
          />
          <select className="cell" {...refusal.control('accountId')} aria-label="Account" required>
            {data.accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.code} {a.name}
              </option>
            ))}
          </select>
          <input
            className="cell num"
            {...refusal.control('amount')}
            inputMode="decimal"
            placeholder="Amount"
            aria-label="Amount"
            required
          />
          <button type="submit" className="btn primary">
            Add {kind === 'actual' ? 'actual' : 'PO'}
          </button>
          {refusal.message}
        </form>
      )}
      <h2>Open purchase orders ({openPos.length})</h2>
      <table className="grid money">
        <tbody>
          {openPos.map((p) => (
            <tr key={p.id}>
              <td>{p.number}</td>
              <td>{p.date}</td>
              <td>{p.vendor}</td>
              <td>{accountName.get(p.accountId)}</td>
              <td className="num">{money(p.amount)}</td>
              {canWrite && (
                <td>
                  <button
                    type="button"
                    className="btn small"
                    onClick={() => payPurchaseOrder(doc, p.id, localDate(), LOCAL_ORIGIN)}
                  >
                    Paid
                  </button>
                  <button
                    type="button"
                    className="btn small"
                    onClick={() => cancelPurchaseOrder(doc, p.id, LOCAL_ORIGIN)}
                  >
                    Cancel
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Recent actuals</h2>
      <table className="grid money">
        <tbody>
          {recent.map((a) => (
            <tr key={a.id}>
              <td>{a.date}</td>
              <td>{a.vendor}</td>
              <td>{a.description}</td>
              <td>{accountName.get(a.accountId)}</td>
              <td className="num">{money(a.amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
