import { useEffect, useMemo, useState } from 'react';
import type { Scene } from '../../../../shared/model/breakdown';
import {
  LOG_KINDS,
  logEvent,
  selectDayItems,
  type LogKind,
  type Schedule,
} from '../../../../shared/model/schedule';
import { dayStatus } from '../../../../shared/calc/day-status';
import { LOCAL_ORIGIN } from '../../sync/board-session';
import { useBoardContext } from '../../sync/use-board-session';
import { localDate } from '../shotlist/schedule-link';

const LOG_LABELS: Record<LogKind, string> = {
  'crew-call': 'Crew call',
  'first-shot': 'First shot',
  'lunch-called': 'Lunch called',
  'lunch-ended': 'Lunch ended',
  'second-meal-called': 'Second meal called',
  'second-meal-ended': 'Second meal ended',
  'company-move-start': 'Company move start',
  'company-move-end': 'Company move end',
  'camera-wrap': 'Camera wrap',
  'crew-wrap': 'Crew wrap',
};

function clockNow(): string {
  const d = new Date();
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** The clock a panel runs on: re-rendered every 30 s so countdowns move without any edit. */
function useNow(): string {
  const [now, setNow] = useState(clockNow);
  useEffect(() => {
    const timer = setInterval(() => setNow(clockNow()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** The AD's day: one tap logs a time; from the log, behind/ahead, projected wrap, meal clock and sunset. */
export function DayPanel({ schedule, scenes }: { schedule: Schedule; scenes: Scene[] }) {
  const { session, canWrite, memberId, memberName } = useBoardContext();
  const now = useNow();
  const today = localDate();
  const defaultDay =
    schedule.days.find((d) => d.date === today) ??
    schedule.days.find((d) => d.date > today) ??
    schedule.days[0];
  const [dayId, setDayId] = useState<string | null>(null);
  const day = schedule.days.find((d) => d.id === dayId) ?? defaultDay;
  const [error, setError] = useState<string | null>(null);

  const status = useMemo(() => {
    if (!day) return null;
    const strips = selectDayItems(schedule, day.id).flatMap((i) => (i.type === 'strip' ? [i] : []));
    return dayStatus(day, strips, schedule.log, scenes, now);
  }, [day, schedule, scenes, now]);

  if (!day || !status) {
    return (
      <aside className="day-panel">
        <h2>The day</h2>
        <p className="muted">No shooting days yet.</p>
      </aside>
    );
  }
  const log = schedule.log.filter((e) => e.dayId === day.id);
  const behind = status.behindMinutes ?? 0;
  const meal = status.meal;
  return (
    <aside className="day-panel" aria-label="Day panel">
      <h2>
        <select
          className="btn"
          aria-label="Shooting day"
          value={day.id}
          onChange={(e) => setDayId(e.target.value)}
        >
          {schedule.days.map((d, i) => (
            <option key={d.id} value={d.id}>
              Day {i + 1} · {d.date}
            </option>
          ))}
        </select>
      </h2>
      <dl className="day-figures">
        <div className={behind > 0 ? 'bad' : 'good'}>
          <dt>{behind > 0 ? 'Behind' : 'Ahead'}</dt>
          <dd>{Math.abs(behind)} min</dd>
        </div>
        <div>
          <dt>Projected wrap</dt>
          <dd>{status.projectedWrap}</dd>
        </div>
        <div className={meal.minutesLeft !== null && meal.minutesLeft < 30 ? 'bad' : ''}>
          <dt>Meal due {meal.dueAt}</dt>
          <dd>
            {meal.minutesLeft === null
              ? 'Called'
              : meal.minutesLeft >= 0
                ? `${meal.minutesLeft} min left`
                : `${-meal.minutesLeft} min late`}
            {meal.penalties > 0 && ` · ${meal.penalties} penalt${meal.penalties === 1 ? 'y' : 'ies'}`}
          </dd>
        </div>
        <div>
          <dt>Sunset</dt>
          <dd>{day.sunset}</dd>
        </div>
      </dl>
      {status.sunsetWarnings.map((w) => (
        <p key={w.stripId} className="banner warn">
          Scene {scenes.find((s) => s.id === w.sceneId)?.number ?? '?'} is projected to end {w.projectedEnd},{' '}
          {w.minutesAfterSunset} min after sunset.
        </p>
      ))}
      {canWrite && (
        <div className="log-buttons">
          {LOG_KINDS.map((kind) => (
            <button
              key={kind}
              type="button"
              className="btn big"
              onClick={() => {
                try {
                  logEvent(
                    session.doc,
                    { dayId: day.id, kind, at: clockNow(), author: { id: memberId, name: memberName } },
                    LOCAL_ORIGIN,
                  );
                  setError(null);
                } catch (e) {
                  setError((e as Error).message);
                }
              }}
            >
              {LOG_LABELS[kind]}
            </button>
          ))}
        </div>
      )}
      {error && <p className="form-error">{error}</p>}
      <ol className="day-log">
        {log.map((e) => (
          <li key={e.id}>
            <time>{e.at}</time> {LOG_LABELS[e.kind]} <span className="muted">· {e.author.name}</span>
          </li>
        ))}
      </ol>
    </aside>
  );
}
