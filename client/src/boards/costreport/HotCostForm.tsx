/**
 * The producer's hot-cost entries for one shooting day: labour lines (people x hourly rate, straight hours,
 * fringe, meal penalty; their actual is computed from the AD's day log) and other lines with a spent amount.
 * Add, edit and delete through the model's hot-cost operations; the table below shows the day's result.
 */
import { useState, type FormEvent } from 'react';
import {
  HOT_COST_KINDS,
  addHotCost,
  deleteHotCost,
  updateHotCost,
  type CostReportData,
  type HotCost,
  type HotCostInput,
} from '../../../../shared/model/costreport';
import type { Schedule } from '../../../../shared/model/schedule';
import { LOCAL_ORIGIN } from '../../sync/board-session';
import { useBoardContext } from '../../sync/use-board-session';
import { useDialogs } from '../../ui/dialogs';
import { useRefusedForm } from '../../ui/rejected-field';
import { localDate } from '../shotlist/schedule-link';
import { bpToInput, minorToInput, parseMoney, parsePercentBp, parseQuantity } from './money-input';

const KIND_LABELS: Record<HotCost['kind'], string> = {
  labour: 'Labour',
  catering: 'Catering',
  equipment: 'Equipment',
  other: 'Other',
};

interface Draft {
  kind: HotCost['kind'];
  description: string;
  accountId: string;
  budget: string;
  headcount: string;
  hourlyRate: string;
  straightHours: string;
  fringe: string;
  mealPenalty: string;
  actual: string;
}

const EMPTY: Draft = {
  kind: 'labour',
  description: '',
  accountId: '',
  budget: '',
  headcount: '',
  hourlyRate: '',
  straightHours: '10',
  fringe: '',
  mealPenalty: '',
  actual: '',
};

function toDraft(h: HotCost): Draft {
  return {
    kind: h.kind,
    description: h.description,
    accountId: h.accountId ?? '',
    budget: minorToInput(h.budget),
    headcount: String(h.headcount),
    hourlyRate: minorToInput(h.hourlyRate),
    straightHours: String(h.straightHours),
    fringe: bpToInput(h.fringeBp),
    mealPenalty: minorToInput(h.mealPenalty),
    actual: minorToInput(h.actual),
  };
}

/** A draft field that did not parse: `field` names the control, so the refusal is shown on it. */
class DraftError extends Error {
  constructor(
    readonly field: keyof Draft,
    message: string,
  ) {
    super(message);
  }
}

function parsed<T>(field: keyof Draft, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    throw new DraftError(field, (e as Error).message);
  }
}

/** Every field parsed and named in the error, before the model validates ranges. */
export function fromDraft(d: Draft, date: string): Omit<HotCostInput, 'date'> & { date: string } {
  const money = (field: keyof Draft) =>
    parsed(field, () => (d[field].trim() === '' ? 0 : parseMoney(d[field])));
  const labour = d.kind === 'labour';
  const headcount = d.headcount.trim() === '' ? 0 : Number(d.headcount);
  if (!Number.isInteger(headcount) || headcount < 0)
    throw new DraftError('headcount', 'People: type a whole number');
  return {
    date,
    kind: d.kind,
    description: d.description.trim(),
    accountId: d.accountId === '' ? null : d.accountId,
    budget: money('budget'),
    headcount: labour ? headcount : 0,
    hourlyRate: labour ? money('hourlyRate') : 0,
    straightHours: labour
      ? parsed('straightHours', () => parseQuantity(d.straightHours || '0', 'Straight hours'))
      : 10,
    fringeBp: labour && d.fringe.trim() !== '' ? parsed('fringe', () => parsePercentBp(d.fringe)) : 0,
    mealPenalty: labour ? money('mealPenalty') : 0,
    actual: labour ? 0 : money('actual'),
  };
}

export function HotCostForm(props: {
  data: CostReportData;
  schedule: Schedule;
  money: (n: number) => string;
}) {
  const { data, schedule, money } = props;
  const { session } = useBoardContext();
  const doc = session.doc;
  const dialogs = useDialogs();
  const today = localDate();
  const [date, setDate] = useState(
    () => schedule.days.find((d) => d.date >= today)?.date ?? schedule.days[0]?.date ?? today,
  );
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [editing, setEditing] = useState<string | null>(null);
  const refusal = useRefusedForm(editing ? 'Hot cost being edited' : 'New hot cost');
  const entries = data.hotCosts.filter((h) => h.date === date);
  const field = (key: keyof Draft) => ({
    value: draft[key],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value }),
    ...refusal.control(key),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const input = fromDraft(draft, date);
      if (editing) updateHotCost(doc, editing, input, LOCAL_ORIGIN);
      else addHotCost(doc, input, LOCAL_ORIGIN);
      setDraft(EMPTY);
      setEditing(null);
      refusal.accept();
    } catch (e) {
      refusal.refuse(e, 'description');
    }
  }

  async function remove(h: HotCost) {
    const sure = await dialogs.confirm({
      title: 'Delete this hot-cost entry?',
      message: `${h.description} on ${h.date} leaves the day's hot costs.`,
      confirmLabel: 'Delete entry',
      danger: true,
    });
    if (!sure) return;
    deleteHotCost(doc, h.id, LOCAL_ORIGIN);
    if (editing === h.id) {
      setEditing(null);
      setDraft(EMPTY);
    }
  }

  const labour = draft.kind === 'labour';
  return (
    <section className="entries hot-entry" aria-label="Hot-cost entries">
      {dialogs.element}
      <label className="field inline">
        <span>Shooting day</span>
        {schedule.days.length > 0 ? (
          <select className="btn" value={date} onChange={(e) => setDate(e.target.value)}>
            {schedule.days.map((d, i) => (
              <option key={d.id} value={d.date}>
                Day {i + 1} · {d.date}
              </option>
            ))}
          </select>
        ) : (
          <input className="btn" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        )}
      </label>
      <ul className="plain-list hot-list">
        {entries.map((h) => (
          <li key={h.id}>
            <span>
              <strong>{h.description}</strong> · {KIND_LABELS[h.kind]} · budget {money(h.budget)}
              {h.kind === 'labour'
                ? ` · ${h.headcount} × ${money(h.hourlyRate)}/h, ${h.straightHours} h straight`
                : ` · spent ${money(h.actual)}`}
            </span>
            <button
              type="button"
              className="btn"
              onClick={() => {
                setEditing(h.id);
                setDraft(toDraft(h));
                refusal.accept();
              }}
            >
              Edit
            </button>
            <button type="button" className="btn" onClick={() => void remove(h)}>
              Delete
            </button>
          </li>
        ))}
        {entries.length === 0 && <li className="muted">No hot-cost entries for this day yet.</li>}
      </ul>
      <form
        className="entry-form"
        ref={refusal.formRef}
        onSubmit={submit}
        aria-label={editing ? 'Edit hot cost' : 'Add hot cost'}
      >
        <label className="field compact">
          <span>Kind</span>
          <select className="cell" aria-label="Kind" {...field('kind')}>
            {HOT_COST_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="field compact">
          <span>Description</span>
          <input
            className="cell"
            aria-label="Description"
            placeholder="Description"
            required
            {...field('description')}
          />
        </label>
        <label className="field compact">
          <span>Account</span>
          <select className="cell" aria-label="Account" {...field('accountId')}>
            <option value="">No account</option>
            {data.accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.code} {a.name}
              </option>
            ))}
          </select>
        </label>
        <NumberField label="Day budget" {...field('budget')} />
        {labour ? (
          <>
            <NumberField label="People" inputMode="numeric" {...field('headcount')} />
            <NumberField label="Hourly rate" placeholder="Rate / h" {...field('hourlyRate')} />
            <NumberField label="Straight hours" placeholder="Straight h" {...field('straightHours')} />
            <NumberField label="Fringe percent" placeholder="Fringe %" {...field('fringe')} />
            <NumberField label="Meal penalty" {...field('mealPenalty')} />
          </>
        ) : (
          <NumberField label="Spent" {...field('actual')} />
        )}
        <button type="submit" className="btn primary">
          {editing ? 'Save entry' : 'Add entry'}
        </button>
        {editing && (
          <button
            type="button"
            className="btn"
            onClick={() => {
              setEditing(null);
              setDraft(EMPTY);
              refusal.accept();
            }}
          >
            Cancel edit
          </button>
        )}
      </form>
      {refusal.message}
    </section>
  );
}

/** A labelled money or quantity input of the entry form; the label doubles as its accessible name. */
function NumberField(props: {
  label: string;
  name: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  placeholder?: string;
  inputMode?: 'decimal' | 'numeric';
  value: string;
  onChange: (e: { target: { value: string } }) => void;
}) {
  const { label, placeholder = label, inputMode = 'decimal', ...rest } = props;
  return (
    <label className="field compact">
      <span>{label}</span>
      <input
        className="cell num"
        aria-label={label}
        placeholder={placeholder}
        inputMode={inputMode}
        {...rest}
      />
    </label>
  );
}
