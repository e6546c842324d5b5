/** The stripboard's smaller dialogs: a strip's menu, a banner's editor, and the production's settings. */
import { useState } from 'react';
import { ModelError, type Banner } from '../../../../shared/model/index';
import { Dialog } from '../../ui/Dialog';
import { reason } from './DayDialog';

export type StripMenuChoice = 'split' | 'move-rest' | 'revert';

export function StripMenu(props: {
  title: string;
  isPart: boolean;
  partial: boolean;
  onDone(choice: StripMenuChoice | null): void;
}) {
  return (
    <Dialog
      title={props.title}
      onCancel={() => props.onDone(null)}
      actions={
        <button type="button" className="btn" onClick={() => props.onDone(null)}>
          Close
        </button>
      }
    >
      <div className="menu-list">
        {props.partial && (
          <button type="button" className="btn wide" data-autofocus onClick={() => props.onDone('move-rest')}>
            Split: move the rest to another day
          </button>
        )}
        <button type="button" className="btn wide" onClick={() => props.onDone('split')}>
          Split into parts
        </button>
        {props.isPart && (
          <button type="button" className="btn wide" onClick={() => props.onDone('revert')}>
            Revert split
          </button>
        )}
      </div>
    </Dialog>
  );
}

export function BannerDialog(props: {
  banner: Banner;
  save(patch: { text: string; minutes: number }): void;
  remove(): void;
  onDone(): void;
}) {
  const [text, setText] = useState(props.banner.text);
  const [minutes, setMinutes] = useState(String(props.banner.minutes));
  const [errors, setErrors] = useState<{ text?: string; minutes?: string }>({});
  const submit = () => {
    const m = Number(minutes.trim() === '' ? '0' : minutes);
    if (!/^\s*\d*\s*$/.test(minutes) || !Number.isInteger(m)) {
      setErrors({ minutes: 'Whole minutes, like 30 (0 for a banner that takes no time).' });
      return;
    }
    try {
      props.save({ text, minutes: m });
      props.onDone();
    } catch (e) {
      setErrors({ [e instanceof ModelError && e.field === 'minutes' ? 'minutes' : 'text']: reason(e) });
    }
  };
  return (
    <Dialog
      title="Edit banner"
      onCancel={props.onDone}
      onSubmit={submit}
      actions={
        <>
          <button type="button" className="btn danger" onClick={props.remove}>
            Delete banner
          </button>
          <button type="button" className="btn" onClick={props.onDone}>
            Cancel
          </button>
          <button type="submit" className="btn primary">
            Save banner
          </button>
        </>
      }
    >
      <label className="field" htmlFor="banner-text">
        <span>Banner text</span>
        <input
          id="banner-text"
          className="cell"
          data-autofocus
          value={text}
          aria-invalid={errors.text !== undefined}
          onChange={(e) => {
            setText(e.target.value);
            setErrors({});
          }}
        />
        {errors.text && (
          <small className="form-error" role="alert">
            {errors.text}
          </small>
        )}
      </label>
      <label className="field" htmlFor="banner-minutes">
        <span>Planned minutes (a company move takes time out of the day)</span>
        <input
          id="banner-minutes"
          className="cell"
          inputMode="numeric"
          value={minutes}
          aria-invalid={errors.minutes !== undefined}
          onChange={(e) => {
            setMinutes(e.target.value);
            setErrors({});
          }}
        />
        {errors.minutes && (
          <small className="form-error" role="alert">
            {errors.minutes}
          </small>
        )}
      </label>
    </Dialog>
  );
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function SettingsDialog(props: {
  timeZone: string;
  deviceZone: string;
  daysOff: number[];
  save(settings: { timeZone: string; daysOff: number[] }): void;
  onDone(): void;
}) {
  const [timeZone, setTimeZone] = useState(props.timeZone);
  const [daysOff, setDaysOff] = useState(props.daysOff);
  const [errors, setErrors] = useState<{ timeZone?: string; daysOff?: string }>({});
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const submit = () => {
    try {
      props.save({ timeZone: timeZone.trim(), daysOff });
      props.onDone();
    } catch (e) {
      setErrors({
        [e instanceof ModelError && e.field.startsWith('daysOff') ? 'daysOff' : 'timeZone']: reason(e),
      });
    }
  };
  return (
    <Dialog
      title="Schedule settings"
      onCancel={props.onDone}
      onSubmit={submit}
      actions={
        <>
          <button type="button" className="btn" onClick={props.onDone}>
            Cancel
          </button>
          <button type="submit" className="btn primary">
            Save settings
          </button>
        </>
      }
    >
      <label className="field" htmlFor="schedule-tz">
        <span>Production time zone</span>
        <input
          id="schedule-tz"
          className="cell"
          list="schedule-tz-list"
          autoComplete="off"
          value={timeZone}
          placeholder={props.deviceZone}
          aria-invalid={errors.timeZone !== undefined}
          onChange={(e) => {
            setTimeZone(e.target.value);
            setErrors({});
          }}
        />
        <datalist id="schedule-tz-list">
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        {errors.timeZone ? (
          <small className="form-error" role="alert">
            {errors.timeZone}
          </small>
        ) : (
          <small className="muted">
            &quot;Today&quot; on the schedule is today here. Empty: each device uses its own (
            {props.deviceZone}).
          </small>
        )}
      </label>
      <fieldset className="field days-off">
        <legend>Days off (&quot;+ Day&quot; skips them)</legend>
        {WEEKDAYS.map((name, i) => (
          <label key={name} className="check">
            <input
              type="checkbox"
              checked={daysOff.includes(i)}
              onChange={(e) => {
                setDaysOff((d) => (e.target.checked ? [...d, i] : d.filter((x) => x !== i)));
                setErrors({});
              }}
            />
            {name}
          </label>
        ))}
        {errors.daysOff && (
          <small className="form-error" role="alert">
            {errors.daysOff}
          </small>
        )}
      </fieldset>
    </Dialog>
  );
}
