import { useMemo, useState } from 'react';
import {
  ELEMENT_CATEGORIES,
  type CastMember,
  type Element,
  type ElementCategory,
  type Scene,
} from '../../../../shared/model/breakdown';
import { ELEMENT_LABELS } from '../../../../shared/model/elements';
import { elementDayOutOfDays } from '../../../../shared/calc/element-dood';
import type { Schedule } from '../../../../shared/model/schedule';
import { dayOutOfDays, type DoodCode } from '../../../../shared/calc/dood';

const codeClass = (code: DoodCode) => `dood-${code === '/' ? 'off' : code.toLowerCase()}`;

/**
 * Day out of days: cast (or the elements of one breakdown category) down the side, shooting days across,
 * SW/W/WF/H... in each cell.
 */
export function DoodTable(props: {
  schedule: Schedule;
  scenes: Scene[];
  cast: CastMember[];
  elements: Element[];
}) {
  const [rowsOf, setRowsOf] = useState<'cast' | ElementCategory>('cast');
  const rows = useMemo(
    () =>
      rowsOf === 'cast'
        ? dayOutOfDays(props.schedule, props.scenes, props.cast)
        : elementDayOutOfDays(props.schedule, props.scenes, props.elements, rowsOf),
    [props.schedule, props.scenes, props.cast, props.elements, rowsOf],
  );
  const labels = new Map<string, string>(
    rowsOf === 'cast'
      ? props.cast.map((c) => [c.id, `${c.billing}. ${c.character}`])
      : props.elements.map((e) => [e.id, e.name]),
  );
  const picker = (
    <label className="field inline">
      <span>Rows</span>
      <select value={rowsOf} onChange={(e) => setRowsOf(e.target.value as 'cast' | ElementCategory)}>
        <option value="cast">Cast</option>
        {ELEMENT_CATEGORIES.map((c) => (
          <option key={c} value={c}>
            {ELEMENT_LABELS[c]}
          </option>
        ))}
      </select>
    </label>
  );
  // shooting days are numbered among themselves; days off and travel days are named
  const shootNumber = new Map(
    props.schedule.days.filter((d) => d.kind === 'shoot').map((d, i) => [d.id, i + 1] as const),
  );
  if (props.schedule.days.length === 0)
    return <p className="empty">Add shooting days to see the day out of days.</p>;
  return (
    <div className="table-scroll">
      {picker}
      {rows.length === 0 && (
        <p className="empty">
          No {rowsOf === 'cast' ? 'cast' : ELEMENT_LABELS[rowsOf].toLowerCase()} in the breakdown yet.
        </p>
      )}
      <table className="grid dood" data-testid="dood">
        <thead>
          <tr>
            <th>{rowsOf === 'cast' ? 'Cast' : ELEMENT_LABELS[rowsOf]}</th>
            {props.schedule.days.map((d) => (
              <th key={d.id} title={d.date}>
                {d.kind === 'shoot' ? (shootNumber.get(d.id) ?? '') : d.kind === 'off' ? 'Off' : 'Travel'}
              </th>
            ))}
            <th>Work</th>
            <th>Hold</th>
            <th>Start</th>
            <th>Finish</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            return (
              <tr key={row.castId}>
                <th scope="row">{labels.get(row.castId) ?? ''}</th>
                {row.codes.map((code, i) => (
                  <td key={i} className={code ? codeClass(code) : ''}>
                    {code ?? ''}
                  </td>
                ))}
                <td>{row.workDays}</td>
                <td>{row.holdDays}</td>
                <td>{row.start ?? ''}</td>
                <td>{row.finish ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
