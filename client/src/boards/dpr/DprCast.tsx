/** Cast times of the day (report, on set, meals, dismissed) with the meal penalties they come to. */
import type * as Y from 'yjs';
import type { DprReport } from '../../../../shared/calc/dpr';
import { CAST_TIME_FIELDS, setDprCastTimes, type CastTimeField } from '../../../../shared/model/dpr';
import { LOCAL_ORIGIN } from '../../sync/board-session';
import { DprField } from './DprField';

const LABELS: Record<CastTimeField, string> = {
  report: 'Report',
  onSet: 'On set',
  mealOut: 'Meal out',
  mealIn: 'Meal in',
  meal2Out: '2nd meal out',
  meal2In: '2nd meal in',
  dismissed: 'Dismissed',
};

export function DprCast(props: { doc: Y.Doc; report: DprReport; readOnly: boolean }) {
  const { report } = props;
  return (
    <section className="panel dpr-cast" aria-label="Cast times">
      <h3>Cast times · meal penalties {report.mealPenalties}</h3>
      {report.cast.length === 0 && <p className="muted">No cast on this day's scenes.</p>}
      <ul className="plain-list">
        {report.cast.map((c) => {
          const who = `${c.billing ?? '?'}. ${c.character ?? 'Cast member'}`;
          return (
            <li key={c.castId} className="dpr-row" aria-label={who}>
              <strong className="dpr-who">
                {who}
                {c.actor ? <span className="muted"> {c.actor}</span> : null}
              </strong>
              {CAST_TIME_FIELDS.map((field) => (
                <DprField
                  key={field}
                  label={`${LABELS[field]} (${who})`}
                  value={c[field] ?? ''}
                  readOnly={props.readOnly}
                  placeholder="HH:MM"
                  onCommit={(t) =>
                    setDprCastTimes(
                      props.doc,
                      report.day.id,
                      c.castId,
                      { [field]: t.trim() === '' ? null : t.trim() },
                      LOCAL_ORIGIN,
                    )
                  }
                />
              ))}
              <span className="dpr-penalties" aria-label={`Meal penalties of ${who}`}>
                {c.penalties === null
                  ? 'Penalties: type a report time'
                  : `Penalties: ${c.penalties}${c.earlyMeal ? ' (meal too early to count)' : ''}`}
                {c.late.map((l) => (
                  <span key={`${l.meal}-${l.at}`} className="muted">
                    {' '}
                    · {l.meal === 'dismissal' ? 'worked past' : `meal ${l.meal}`} due {l.dueAt}, at {l.at}:{' '}
                    {l.penalties}
                  </span>
                ))}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
