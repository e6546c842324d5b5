/**
 * The daily production report: pick a shooting day, see every figure the boards give (with where it came
 * from) and correct it, type what only the report holds, and take the sign-off step your role may take. The
 * figures are derived on this device from the live boards (shared/calc/dpr.ts, the same function the server
 * answers and books with), so they move as the AD logs the day; the sign-off state is the server's.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { deriveDpr, type DprReport } from '../../../../shared/calc/dpr';
import type { DprResponse, DprStep } from '../../../../shared/dpr-api';
import { readBreakdown } from '../../../../shared/model/breakdown';
import {
  readDpr,
  selectDprDay,
  setDprFigure,
  type DprData,
  type DprFigure,
} from '../../../../shared/model/dpr';
import { EMPTY_SCHEDULE, readSchedule } from '../../../../shared/model/schedule';
import { readShots } from '../../../../shared/model/shotlist';
import { fetchDpr, takeDprStep } from '../../api/dpr';
import { setBoardView } from '../../print/board-view';
import { LOCAL_ORIGIN } from '../../sync/board-session';
import { useBoardContext } from '../../sync/use-board-session';
import { jsonEqual, useDoc } from '../../sync/use-y';
import { useCompanion } from '../companion';
import { DamagedItems } from '../DamagedItems';
import { localDate } from '../shotlist/schedule-link';
import { DprCast } from './DprCast';
import { DprField } from './DprField';
import { DprFigures } from './DprFigures';
import { DprRows } from './DprRows';
import { SignOff } from './SignOff';

const TIMES: DprFigure[] = [
  'crewCall',
  'firstShot',
  'lunchOut',
  'lunchIn',
  'firstShotAfterLunch',
  'secondMealOut',
  'secondMealIn',
  'cameraWrap',
  'crewWrap',
  'lastOut',
];
const PROGRESS: DprFigure[] = ['pagesPlanned', 'pagesShot', 'setupsPlanned', 'setupsShot'];
const COUNTS: DprFigure[] = ['screenSeconds', 'cameraCards', 'soundRolls'];

/** Refreshes the sign-off this often while the report is open (another tablet may have taken a step). */
const SIGNOFF_REFRESH_MS = 20_000;

export default function DprBoard() {
  const { session, canWrite, productionId, token, role, memberName } = useBoardContext();
  const doc = session.doc;
  const data = useDoc(doc, (d) => (d ? readDpr(d) : null), jsonEqual) as DprData | null;
  const schedule = useDoc(
    useCompanion('schedule')?.doc,
    (d) => (d ? readSchedule(d) : EMPTY_SCHEDULE),
    jsonEqual,
  );
  const breakdownSession = useCompanion('breakdown');
  const breakdown = useDoc(breakdownSession?.doc, (d) => (d ? readBreakdown(d) : null), jsonEqual);
  const shotSession = useCompanion('shotlist');
  const shots = useDoc(shotSession?.doc, (d) => (d ? readShots(d) : null), jsonEqual);
  const shootingDays = useMemo(() => schedule.days.filter((d) => d.kind === 'shoot'), [schedule]);
  const [picked, setPicked] = useState<number | null>(null);
  const today = localDate();
  const dayNumber = picked ?? Math.max(1, shootingDays.filter((d) => d.date <= today).length || 1);

  const report: DprReport | null = useMemo(() => {
    const day = shootingDays[dayNumber - 1];
    if (!data || !day) return null;
    return deriveDpr({
      productionName: '',
      schedule,
      breakdown: breakdownSession ? breakdown : null,
      shots: shotSession ? shots : null,
      dayNumber,
      typed: selectDprDay(data, day.id),
    });
  }, [data, schedule, breakdown, shots, shootingDays, dayNumber, breakdownSession, shotSession]);

  const [answer, setAnswer] = useState<DprResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const [stepError, setStepError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const next = await fetchDpr(productionId, token, dayNumber);
      setAnswer((now) => (now && jsonEqual(now, next) ? now : next));
      setStepError(null);
    } catch (e) {
      setStepError(`The sign-off could not be read: ${e instanceof Error ? e.message : String(e)}`);
    }
  }, [productionId, token, dayNumber]);
  useEffect(() => {
    setAnswer(null);
    void load();
    const timer = setInterval(() => void load(), SIGNOFF_REFRESH_MS);
    const onVisible = () => document.visibilityState === 'visible' && void load();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [load]);

  // the frame's Print / PDF follows the day on screen and prints its state
  useEffect(() => {
    setBoardView('dpr', {
      day: String(dayNumber),
      state: answer?.state ?? 'draft',
      by: answer?.signoff.by?.name ?? '',
      at: answer?.signoff.at ?? '',
      comment: answer?.signoff.comment ?? '',
    });
    return () => setBoardView('dpr', null);
  }, [dayNumber, answer]);

  async function step(which: DprStep, comment?: string) {
    setBusy(true);
    setStepError(null);
    try {
      setAnswer(await takeDprStep(productionId, token, dayNumber, which, comment));
    } catch (e) {
      setStepError(e instanceof Error ? e.message : String(e));
      void load();
    } finally {
      setBusy(false);
    }
  }

  if (!data) return <p className="loading">Loading the production report…</p>;
  if (shootingDays.length === 0)
    return (
      <div className="dpr">
        <DamagedItems board="dpr" />
        <p className="empty">The schedule has no shooting days yet: the report follows the schedule.</p>
      </div>
    );
  // A submitted or approved report is what the producer signs: the AD changes it only after a return.
  const locked = answer?.state === 'submitted' || answer?.state === 'approved';
  const readOnly = !canWrite || locked;
  const setFigure = (figure: DprFigure, value: string | number | null) =>
    report && setDprFigure(doc, report.day.id, figure, value, LOCAL_ORIGIN);

  return (
    <div className="dpr">
      <DamagedItems board="dpr" />
      <div className="toolbar dpr-toolbar">
        <label className="field compact">
          <span>Shooting day</span>
          <select className="cell" value={dayNumber} onChange={(e) => setPicked(Number(e.target.value))}>
            {shootingDays.map((d, i) => (
              <option key={d.id} value={i + 1}>
                Day {i + 1} · {d.date}
              </option>
            ))}
          </select>
        </label>
        {report && (
          <p className="dpr-heading">
            <strong>
              {report.day.label} of {report.day.of}
            </strong>{' '}
            <span className="muted">{report.day.date}</span>
          </p>
        )}
      </div>
      <SignOff
        answer={answer}
        role={role}
        canWrite={canWrite}
        busy={busy}
        error={stepError}
        onStep={(s, c) => void step(s, c)}
      />
      {locked && canWrite && role === 'ad' && (
        <p className="notice">
          {memberName}, this report is {answer?.state}: it can be changed again once the producer returns it.
        </p>
      )}
      {report && (
        <>
          <section className="panel" aria-label="Times">
            <h3>Times</h3>
            <DprFigures report={report} names={TIMES} readOnly={readOnly} onSet={setFigure} />
            {report.moves.length > 0 && (
              <p className="muted">
                Company moves: {report.moves.map((m) => `${m.start} to ${m.end ?? 'moving'}`).join('; ')}
              </p>
            )}
          </section>
          <section className="panel" aria-label="Scenes">
            <h3>Scenes</h3>
            <dl className="dpr-scenes">
              {(
                [
                  ['Completed', report.scenes.completed],
                  ['Partial', report.scenes.partial],
                  ['Not shot', report.scenes.notShot],
                ] as const
              ).map(([label, rows]) => (
                <div key={label}>
                  <dt>{label}</dt>
                  <dd>
                    {rows.length === 0
                      ? '—'
                      : rows
                          .map((r) => `${r.number ?? '?'}${r.part ? ` pt ${r.part}` : ''} (${r.pages})`)
                          .join(', ')}
                  </dd>
                </div>
              ))}
            </dl>
            <DprFigures report={report} names={PROGRESS} readOnly={readOnly} onSet={setFigure} />
          </section>
          <DprRows
            doc={doc}
            root="added"
            dayId={report.day.id}
            rows={report.scenes.added}
            readOnly={readOnly}
            title="Scenes added to the day"
          />
          <section className="panel" aria-label="Screen time, cards and rolls">
            <h3>Screen time, cards and rolls</h3>
            <DprFigures report={report} names={COUNTS} readOnly={readOnly} onSet={setFigure} />
          </section>
          <DprCast doc={doc} report={report} readOnly={readOnly} />
          <DprRows
            doc={doc}
            root="background"
            dayId={report.day.id}
            rows={report.background}
            readOnly={readOnly}
            title={`Background · ${report.backgroundTotal}`}
          />
          <DprRows
            doc={doc}
            root="crew"
            dayId={report.day.id}
            rows={report.crew}
            readOnly={readOnly}
            title={`Crew in and out · ${report.crewTotal}`}
          />
          <DprRows
            doc={doc}
            root="events"
            dayId={report.day.id}
            rows={report.events}
            readOnly={readOnly}
            title={`Delays and incidents · ${report.delayMinutes} min`}
          />
          <section className="panel" aria-label="Notes">
            <DprField
              label="Notes"
              multiline
              value={typeof report.figures.notes.value === 'string' ? report.figures.notes.value : ''}
              readOnly={readOnly}
              onCommit={(t) => setFigure('notes', t === '' ? null : t)}
            />
          </section>
        </>
      )}
    </div>
  );
}
