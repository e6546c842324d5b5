import { useState } from 'react';
import type { MeResponse } from '../../../shared/api-types';
import { BOARD_LABELS, ROLE_LABELS, canWrite, type Board } from '../../../shared/boards';
import { SET_STATUSES, type SetStatusValue } from '../../../shared/set-channel';
import { boardPath, peoplePath } from '../app/router';
import type { SetChannel } from '../sync/set-channel';
import { Link } from '../ui/Link';
import { NotificationList } from '../ui/Notifications';

const STATUS_LABELS: Record<SetStatusValue, string> = {
  prepping: 'Prepping',
  rolling: 'Rolling',
  cut: 'Cut',
  'moving-on': 'Moving on',
  lunch: 'Lunch',
  wrap: 'Wrap',
};

const BOARD_BLURBS: Record<Board, string> = {
  breakdown: 'Scenes, cast and locations',
  shotlist: 'Every shot by scene, and shoot mode',
  schedule: 'Stripboard, day log and day out of days',
  moodboard: 'Look, light, palette and wardrobe references',
  costreport: 'Budget, actuals, estimates and hot costs',
  callsheet: 'Each day’s call sheet: calls, scenes, cast, weather and notes',
  dpr: 'The day as shot: times, scenes, cast and sign-off',
};

export function HomePage(props: { me: MeResponse; token: string; channel: SetChannel; readable: Board[] }) {
  const { me, channel, readable } = props;
  const mayCallStatus = me.member.role === 'ad' || me.member.role === 'producer';
  const [statusError, setStatusError] = useState<string | null>(null);

  return (
    <main className="home">
      <section className="home-boards" aria-label="Boards">
        {readable.map((b) => (
          <Link key={b} className="board-card" href={boardPath(me.production.id, b)}>
            <strong>{BOARD_LABELS[b]}</strong>
            <span className="muted">{BOARD_BLURBS[b]}</span>
            <span className="access">{canWrite(me.permissions[b]) ? 'You can edit' : 'Read only'}</span>
          </Link>
        ))}
        {mayCallStatus && (
          <Link className="board-card" href={peoplePath(me.production.id)}>
            <strong>Crew &amp; cast</strong>
            <span className="muted">Who is on the production, their calls and contact details</span>
            <span className="access">You can edit</span>
          </Link>
        )}
      </section>

      <section className="panel" aria-label="Set status">
        <h2>On set</h2>
        <p className="set-now">
          {channel.status ? (
            <>
              <span className={`set-pill set-${channel.status.value}`}>
                {STATUS_LABELS[channel.status.value]}
              </span>
              <span className="muted">
                {' '}
                since {new Date(channel.status.at).toLocaleTimeString([], { timeStyle: 'short' })} ·{' '}
                {channel.status.by.name}
              </span>
            </>
          ) : (
            <span className="muted">No set status called yet today.</span>
          )}
        </p>
        {mayCallStatus && (
          <div className="status-buttons">
            {SET_STATUSES.map((value) => (
              <button
                key={value}
                type="button"
                className={`btn status-btn set-${value}`}
                aria-pressed={channel.status?.value === value}
                onClick={() =>
                  channel.setStatus(value).then(
                    () => setStatusError(null),
                    (e: Error) => setStatusError(e.message),
                  )
                }
              >
                {STATUS_LABELS[value]}
              </button>
            ))}
          </div>
        )}
        {statusError && (
          <p className="form-error" role="alert">
            {statusError}
          </p>
        )}
        {!channel.connected && <p className="muted">Live presence returns when this device reconnects.</p>}
      </section>

      <section className="panel" aria-label="Who is online">
        <h2>Who is here ({channel.roster.length})</h2>
        <ul className="roster">
          {channel.roster.map((p) => (
            <li key={p.memberId}>
              <strong>{p.name}</strong> <span className="muted">{ROLE_LABELS[p.role]}</span>
              <span className="where">{p.board ? BOARD_LABELS[p.board] : 'Home'}</span>
            </li>
          ))}
        </ul>
      </section>

      <section className="panel" aria-label="Notifications">
        <h2>Today</h2>
        {channel.notifications.length === 0 ? (
          <p className="muted">Nothing yet: shots done, strips moved and budget alerts show here.</p>
        ) : (
          <NotificationList notifications={channel.notifications} />
        )}
      </section>
    </main>
  );
}
