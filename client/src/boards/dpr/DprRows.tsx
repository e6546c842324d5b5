/**
 * The report's typed lists of one day: background groups, crew per department, delays and incidents, and
 * scenes added to the day. Each row's fields are edited in place; a new row is added with a small form whose
 * refusal is shown where it was typed.
 */
import { useState } from 'react';
import type * as Y from 'yjs';
import { formatEighths, parseEighths } from '../../../../shared/calc/eighths';
import { ModelError } from '../../../../shared/model/errors';
import {
  addDprRow,
  deleteDprRow,
  updateDprRow,
  type DprAddedScene,
  type DprBackground,
  type DprCrew,
  type DprEvent,
} from '../../../../shared/model/dpr';
import { LOCAL_ORIGIN } from '../../sync/board-session';
import { DprField } from './DprField';

type Root = 'background' | 'crew' | 'events' | 'added';
type Row = DprBackground | DprCrew | DprEvent | DprAddedScene;

/** A column of a row: how it is shown, and how typed text becomes the model's value. */
interface Column {
  key: string;
  label: string;
  show: (row: Record<string, unknown>) => string;
  parse: (text: string) => unknown;
  numeric?: boolean;
}

const text = (key: string, label: string): Column => ({
  key,
  label,
  show: (r) => String(r[key] ?? ''),
  parse: (t) => t,
});
const count = (key: string, label: string): Column => ({
  key,
  label,
  numeric: true,
  show: (r) => String(r[key] ?? ''),
  parse: (t) => {
    if (!/^\d+$/.test(t.trim())) throw new ModelError(key, `type a whole number; got ${JSON.stringify(t)}`);
    return Number(t.trim());
  },
});
const time = (key: string, label: string): Column => ({
  key,
  label,
  show: (r) => String(r[key] ?? ''),
  parse: (t) => (t.trim() === '' ? null : t.trim()),
});

export const ROW_COLUMNS: Record<Root, Column[]> = {
  background: [text('group', 'Group'), count('count', 'Count'), time('in', 'In'), time('out', 'Out')],
  crew: [text('department', 'Department'), count('count', 'Count'), time('in', 'In'), time('out', 'Out')],
  events: [
    {
      key: 'kind',
      label: 'Delay or incident',
      show: (r) => String(r.kind ?? ''),
      parse: (t) => t.trim().toLowerCase(),
    },
    time('at', 'At'),
    count('minutes', 'Minutes lost'),
    text('text', 'What happened'),
  ],
  added: [
    text('scene', 'Scene'),
    {
      key: 'eighths',
      label: 'Pages',
      show: (r) => (typeof r.eighths === 'number' ? formatEighths(r.eighths) : ''),
      parse: (t) => {
        const e = parseEighths(t);
        if (e === null) throw new ModelError('eighths', `type pages like 1 3/8; got ${JSON.stringify(t)}`);
        return e;
      },
    },
    {
      key: 'status',
      label: 'Completed or partial',
      show: (r) => String(r.status ?? ''),
      parse: (t) => t.trim().toLowerCase(),
    },
  ],
};

const NEW_DEFAULTS: Record<Root, Record<string, string>> = {
  background: { group: '', count: '', in: '', out: '' },
  crew: { department: '', count: '', in: '', out: '' },
  events: { kind: 'delay', at: '', minutes: '0', text: '' },
  added: { scene: '', eighths: '', status: 'completed' },
};

const ADD_LABEL: Record<Root, string> = {
  background: 'Add background group',
  crew: 'Add department',
  events: 'Add delay or incident',
  added: 'Add scene',
};

export function DprRows(props: {
  doc: Y.Doc;
  root: Root;
  dayId: string;
  rows: readonly Row[];
  readOnly: boolean;
  title: string;
}) {
  const { doc, root, dayId } = props;
  const columns = ROW_COLUMNS[root];
  const [draft, setDraft] = useState<Record<string, string>>(NEW_DEFAULTS[root]);
  const [error, setError] = useState<{ field: string; message: string } | null>(null);

  function add() {
    try {
      const input: Record<string, unknown> = {};
      for (const c of columns) input[c.key] = c.parse(draft[c.key] ?? '');
      addDprRow(doc, root, dayId, input, LOCAL_ORIGIN);
      setDraft(NEW_DEFAULTS[root]);
      setError(null);
    } catch (e) {
      const field = e instanceof ModelError ? e.field : '';
      setError({ field, message: e instanceof Error ? e.message : String(e) });
    }
  }

  return (
    <section className="panel dpr-rows" aria-label={props.title}>
      <h3>{props.title}</h3>
      {props.rows.length === 0 && <p className="muted">None yet.</p>}
      <ul className="plain-list">
        {props.rows.map((row) => (
          <li key={row.id} className="dpr-row">
            {columns.map((c) => (
              <DprField
                key={c.key}
                label={c.label}
                value={c.show(row as unknown as Record<string, unknown>)}
                readOnly={props.readOnly}
                inputMode={c.numeric ? 'numeric' : 'text'}
                onCommit={(t) => updateDprRow(doc, root, row.id, { [c.key]: c.parse(t) }, LOCAL_ORIGIN)}
              />
            ))}
            {!props.readOnly && (
              <button
                type="button"
                className="btn"
                aria-label={`Remove ${columns[0]!.show(row as unknown as Record<string, unknown>) || 'row'}`}
                onClick={() => deleteDprRow(doc, root, row.id, LOCAL_ORIGIN)}
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {!props.readOnly && (
        <form
          className="dpr-row dpr-new"
          onSubmit={(e) => {
            e.preventDefault();
            add();
          }}
        >
          {columns.map((c) => {
            const wrong = error !== null && error.field === c.key;
            return (
              <label key={c.key} className="field compact">
                <span>{c.label}</span>
                <input
                  className="cell"
                  value={draft[c.key] ?? ''}
                  inputMode={c.numeric ? 'numeric' : 'text'}
                  aria-invalid={wrong ? true : undefined}
                  onChange={(e) => setDraft({ ...draft, [c.key]: e.target.value })}
                />
                {wrong && (
                  <span className="form-error" role="alert">
                    {error.message}
                  </span>
                )}
              </label>
            );
          })}
          <button type="submit" className="btn">
            {ADD_LABEL[root]}
          </button>
          {error !== null && !columns.some((c) => c.key === error.field) && (
            <span className="form-error" role="alert">
              {error.message}
            </span>
          )}
        </form>
      )}
    </section>
  );
}
