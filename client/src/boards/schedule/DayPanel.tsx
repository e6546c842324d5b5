/**
 * The AD's day: the clock of the chosen day (live on the day being shot, the plan of a future day, the
 * final record of a past one), one tap to log a time now, a dialog to log another time or correct an entry,
 * and the set status buttons next to the log, which logging also drives (first shot: rolling, lunch
 * called: lunch, camera wrap: wrap), so the AD enters nothing twice.
 */
import { useCallback, useState } from 'react';
import type { Scene } from '../../../../shared/model/breakdown';
import {
  AlreadyLoggedError,
  LOG_KINDS,
  correctLogEntry,
  deleteLogEntry,
  isOnceADay,
  logEvent,
  setDayStarted,
  type LogEntry,
  type LogKind,
  type Schedule,
} from '../../../../shared/model/schedule';
import { fromMinutes, minutesOnDay } from '../../../../shared/calc/clock';
import { SET_STATUSES, type SetStatusValue } from '../../../../shared/set-channel';
import { LOCAL_ORIGIN } from '../../sync/board-session';
import { useBoardContext } from '../../sync/use-board-session';
import type { Dialogs } from '../../ui/dialogs';
import { reason } from './DayDialog';
import { dayTitle, formatDate, type BoardClock } from './day-views';
import { LOG_LABELS, LogDialog, type LogValues } from './LogDialog';

const STATUS_LABELS: Record<SetStatusValue, string> = {
  prepping: 'Prepping',
  rolling: 'Rolling',
  cut: 'Cut',
  'moving-on': 'Moving on',
  lunch: 'Lunch',
  wrap: 'Wrap',
};

/** Logged kinds that also call the set status. */
const STATUS_OF_KIND: Partial<Record<LogKind, SetStatusValue>> = {
  'first-shot': 'rolling',
  'lunch-called': 'lunch',
  'camera-wrap': 'wrap',
};

const MODE_LABELS = { live: 'Being shot', plan: 'Planned', record: 'Final record' } as const;

export function DayPanel({
  schedule,
  scenes,
  clock,
  dialogs,
}: {
  schedule: Schedule;
  scenes: Scene[];
  clock: BoardClock;
  dialogs: Dialogs;
}) {
  const { session, canWrite, memberId, memberName, setStatus } = useBoardContext();
  const doc = session.doc;
  const me = { id: memberId, name: memberName };
  const shooting = schedule.days.filter((d) => d.kind === 'shoot');
  const defaultDay =
    shooting.find((d) => d.id === clock.beingShot) ??
    shooting.find((d) => d.date >= clock.now.date) ??
    shooting.at(-1) ??
    schedule.days[0];
  const [dayId, setDayId] = useState<string | null>(null);
  const day = schedule.days.find((d) => d.id === dayId) ?? defaultDay;
  const [error, setError] = useState<string | null>(null);
  const [refused, setRefused] = useState<{ kind: LogKind; entry: LogEntry } | null>(null);
  // a refusal or an error shows next to the buttons just tapped, scrolled into view in a short panel
  const revealed = useCallback((el: HTMLElement | null) => el?.scrollIntoView({ block: 'nearest' }), []);

  const view = day ? clock.views.get(day.id) : undefined;
  if (!day || !view) {
    return (
      <aside className="day-panel" aria-label="Day panel">
        <h2>The day</h2>
        <p className="muted">No shooting days yet.</p>
      </aside>
    );
  }
  const log = schedule.log.filter((e) => e.dayId === day.id);
  const { status, sun } = view;
  const live = status.mode === 'live';

  /** Now on this day's clock (25:30 past a night's midnight); the plain time when out of range. */
  const nowOnDay = () => {
    const m = minutesOnDay(day.date, clock.now);
    return fromMinutes(m >= 0 && m < 48 * 60 ? m : clock.now.minutes);
  };

  const callStatus = (value: SetStatusValue) => {
    if (!setStatus?.call) return;
    setStatus.call(value).then(
      () => setError(null),
      (e: Error) => setError(`Logged, but the set status did not change: ${e.message}`),
    );
  };

  const log1 = (values: LogValues) => {
    logEvent(
      doc,
      { dayId: day.id, kind: values.kind, at: values.at, note: values.note, author: me },
      LOCAL_ORIGIN,
    );
    const next = STATUS_OF_KIND[values.kind];
    if (next && live) callStatus(next);
  };

  const tap = (kind: LogKind) => {
    try {
      log1({ kind, at: nowOnDay(), note: '' });
      setRefused(null);
      setError(null);
    } catch (e) {
      if (e instanceof AlreadyLoggedError) setRefused({ kind, entry: e.entry });
      else setError(reason(e));
    }
  };

  const correct = (entry: LogEntry) =>
    dialogs.show<true>((done) => (
      <LogDialog
        title={`Correct ${LOG_LABELS[entry.kind].toLowerCase()}`}
        entry={entry}
        initial={{ kind: entry.kind, at: entry.at, note: entry.note }}
        save={(values) =>
          correctLogEntry(doc, entry.id, { at: values.at, note: values.note }, me, LOCAL_ORIGIN)
        }
        onDone={() => {
          setRefused(null);
          done(true);
        }}
      />
    ));

  const logAtTime = () =>
    dialogs.show<true>((done) => (
      <LogDialog
        title={`Log a time on ${dayTitle(view)}`}
        initial={{ kind: 'lunch-called', at: nowOnDay(), note: '' }}
        save={log1}
        onDone={() => done(true)}
      />
    ));

  const remove = async (entry: LogEntry) => {
    const yes = await dialogs.confirm({
      title: 'Delete this log entry?',
      message: `${LOG_LABELS[entry.kind]} at ${entry.at}, logged by ${entry.author.name}.`,
      confirmLabel: 'Delete entry',
      danger: true,
    });
    if (!yes) return;
    try {
      deleteLogEntry(doc, entry.id, LOCAL_ORIGIN);
    } catch (e) {
      setError(reason(e));
    }
  };

  const behind = status.behindMinutes;
  const meal = status.meal;
  const mealName = meal.meal === 1 ? 'Lunch' : meal.meal === 2 ? 'Second meal' : 'Third meal';
  const sunsetText =
    sun.sunset.value === null
      ? 'not known'
      : `${sun.sunset.value}${sun.sunset.source === 'typed' ? ' (typed)' : ' (computed)'}`;
  return (
    <aside className="day-panel" aria-label="Day panel" data-mode={status.mode}>
      <h2>
        <select
          className="btn"
          aria-label="Shooting day"
          value={day.id}
          onChange={(e) => {
            setDayId(e.target.value);
            setRefused(null);
          }}
        >
          {schedule.days.map((d) => (
            <option key={d.id} value={d.id}>
              {dayTitle(clock.views.get(d.id))} · {formatDate(d.date)}
            </option>
          ))}
        </select>
      </h2>
      <p className={`day-mode mode-${status.mode}`} data-testid="day-mode">
        {day.kind === 'shoot' ? MODE_LABELS[status.mode] : dayTitle(view)}
        {live && ` · now ${nowOnDay()} (${clock.timeZone})`}
      </p>
      {day.kind === 'shoot' && (
        <dl className="day-figures" data-testid="day-figures">
          {behind !== null && (
            <div className={behind > 0 ? 'bad' : 'good'}>
              <dt>{behind > 0 ? 'Behind' : 'Ahead'}</dt>
              <dd>{Math.abs(behind)} min</dd>
            </div>
          )}
          <div>
            <dt>
              {status.mode === 'record'
                ? 'Camera wrap'
                : status.mode === 'plan'
                  ? 'Planned wrap'
                  : 'Projected wrap'}
            </dt>
            <dd>{status.projectedWrap ?? (status.mode === 'record' ? 'not logged' : '—')}</dd>
          </div>
          {status.mode === 'plan' ? (
            <div>
              <dt>Planned lunch</dt>
              <dd>{status.plannedLunch ?? 'after wrap'}</dd>
            </div>
          ) : (
            <div className={meal.minutesLeft !== null && meal.minutesLeft < 30 && live ? 'bad' : ''}>
              <dt>
                {mealName} due {meal.dueAt}
              </dt>
              <dd>
                {!live || meal.minutesLeft === null
                  ? meal.minutesLeft === null && live
                    ? 'Called'
                    : `${meal.penalties} penalt${meal.penalties === 1 ? 'y' : 'ies'}`
                  : meal.minutesLeft >= 0
                    ? `${meal.minutesLeft} min left`
                    : `${-meal.minutesLeft} min late`}
                {live &&
                  meal.penalties > 0 &&
                  ` · ${meal.penalties} penalt${meal.penalties === 1 ? 'y' : 'ies'}`}
              </dd>
            </div>
          )}
          <div>
            <dt>Sunset</dt>
            <dd>{sunsetText}</dd>
          </div>
        </dl>
      )}
      {status.sunsetWarnings.map((w) => (
        <p key={w.stripId} className="banner warn">
          Scene {scenes.find((s) => s.id === w.sceneId)?.number ?? '?'} is {live ? 'projected' : 'planned'} to
          end {w.projectedEnd}, {w.minutesAfterSunset} min after sunset.
        </p>
      ))}
      {canWrite && day.kind === 'shoot' && (!live || day.started) && (
        <button
          type="button"
          className="btn wide"
          title={
            day.started
              ? 'The clock goes back to running on the day dated today'
              : 'Run the clock on this day whatever its date (a night shoot past midnight)'
          }
          onClick={() => {
            try {
              setDayStarted(doc, day.id, !day.started, LOCAL_ORIGIN);
            } catch (e) {
              setError(reason(e));
            }
          }}
        >
          {day.started ? 'Stop day clock' : 'Start day'}
        </button>
      )}
      {setStatus && (
        <section className="set-status-row" aria-label="Set status">
          <h3>
            Set status:{' '}
            <span data-testid="panel-set-status">
              {setStatus.current ? STATUS_LABELS[setStatus.current.value] : 'none called'}
            </span>
          </h3>
          {setStatus.call && (
            <div className="status-buttons">
              {SET_STATUSES.map((value) => (
                <button
                  key={value}
                  type="button"
                  className={`btn status-btn set-${value}`}
                  aria-pressed={setStatus.current?.value === value}
                  onClick={() => callStatus(value)}
                >
                  {STATUS_LABELS[value]}
                </button>
              ))}
            </div>
          )}
        </section>
      )}
      {canWrite && day.kind === 'shoot' && (
        <section aria-label="Log a time">
          {refused && (
            <p className="form-error" role="alert" data-testid="log-refused" ref={revealed}>
              {LOG_LABELS[refused.kind]} already logged at {refused.entry.at} by {refused.entry.author.name}.{' '}
              <button type="button" className="btn" onClick={() => void correct(refused.entry)}>
                Correct it
              </button>
            </p>
          )}
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <div className="log-buttons">
            {LOG_KINDS.map((kind) => {
              const done = isOnceADay(kind) ? log.find((e) => e.kind === kind) : undefined;
              return (
                <button
                  key={kind}
                  type="button"
                  className={`btn big${done ? ' logged' : ''}`}
                  // the name stays the kind's, whether or not it was logged; the time is in the log below
                  aria-label={LOG_LABELS[kind]}
                  title={done ? `Logged at ${done.at} by ${done.author.name}` : `Log ${LOG_LABELS[kind]} now`}
                  onClick={() => tap(kind)}
                >
                  {LOG_LABELS[kind]}
                  {done && <small aria-hidden="true"> {done.at}</small>}
                </button>
              );
            })}
          </div>
          <button type="button" className="btn wide" onClick={() => void logAtTime()}>
            Log at another time…
          </button>
        </section>
      )}
      {error && !(canWrite && day.kind === 'shoot') && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <h3>Log</h3>
      {log.length === 0 && <p className="muted">Nothing logged for this day.</p>}
      <ol className="day-log" aria-label="Day log">
        {log.map((e) => (
          <li key={e.id} data-testid="log-entry" data-kind={e.kind}>
            <span>
              <time>{e.at}</time> {LOG_LABELS[e.kind]}
              {e.note && <span className="muted"> · {e.note}</span>}
              <span className="muted">
                {' '}
                · {e.author.name}
                {e.changedBy && `, changed by ${e.changedBy.name}`}
              </span>
            </span>
            {canWrite && (
              <span className="log-actions">
                <button
                  type="button"
                  className="btn"
                  aria-label={`Correct ${LOG_LABELS[e.kind]} ${e.at}`}
                  onClick={() => void correct(e)}
                >
                  Correct
                </button>
                <button
                  type="button"
                  className="btn"
                  aria-label={`Delete ${LOG_LABELS[e.kind]} ${e.at}`}
                  onClick={() => void remove(e)}
                >
                  Delete
                </button>
              </span>
            )}
          </li>
        ))}
      </ol>
    </aside>
  );
}
