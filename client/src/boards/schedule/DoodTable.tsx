import { useMemo } from 'react';
import type { CastMember, Scene } from '../../../../shared/model/breakdown';
import type { Schedule } from '../../../../shared/model/schedule';
import { dayOutOfDays, type DoodCode } from '../../../../shared/calc/dood';

const codeClass = (code: DoodCode) => `dood-${code === '/' ? 'off' : code.toLowerCase()}`;

/** Day out of days: cast down the side, shooting days across, SW/W/WF/H... in each cell. */
export function DoodTable(props: { schedule: Schedule; scenes: Scene[]; cast: CastMember[] }) {
  const rows = useMemo(
    () => dayOutOfDays(props.schedule, props.scenes, props.cast),
    [props.schedule, props.scenes, props.cast],
  );
  const castById = new Map(props.cast.map((c) => [c.id, c]));
  // shooting days are numbered among themselves; days off and travel days are named
  const shootNumber = new Map(
    props.schedule.days.filter((d) => d.kind === 'shoot').map((d, i) => [d.id, i + 1] as const),
  );
  if (props.schedule.days.length === 0)
    return <p className="empty">Add shooting days to see the day out of days.</p>;
  return (
    <div className="table-scroll">
      <table className="grid dood" data-testid="dood">
        <thead>
          <tr>
            <th>Cast</th>
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
            const member = castById.get(row.castId);
            return (
              <tr key={row.castId}>
                <th scope="row">
                  {member?.billing}. {member?.character}
                </th>
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
