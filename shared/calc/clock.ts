/** Times of the shooting day `HH:MM` (hours up to 47 for after midnight) as minutes since midnight. */

export function toMinutes(clock: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(clock);
  if (!m) throw new RangeError(`expected HH:MM, got ${JSON.stringify(clock)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function fromMinutes(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Whole calendar days from one ISO date to another (negative if `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Day of the week of an ISO date, 0 = Sunday ... 6 = Saturday (as Date.getUTCDay). */
export function weekday(date: string): number {
  return new Date(Date.parse(`${date}T00:00:00Z`)).getUTCDay();
}

/**
 * The first date after `date` whose weekday is not a day off (`daysOff` as weekday numbers). When every
 * weekday is off, the next calendar day, so a caller never loops.
 */
export function nextWorkingDay(date: string, daysOff: readonly number[]): string {
  for (let i = 1; i <= 7; i++) {
    const next = addDays(date, i);
    if (!daysOff.includes(weekday(next))) return next;
  }
  return addDays(date, 1);
}

/** `date` itself when it is a working day, else the next working day. */
export function workingDayOnOrAfter(date: string, daysOff: readonly number[]): string {
  return daysOff.includes(weekday(date)) && daysOff.length < 7 ? nextWorkingDay(date, daysOff) : date;
}

export interface ZonedTime {
  /** The calendar date in the zone, `YYYY-MM-DD`. */
  date: string;
  /** Minutes since that date's midnight. */
  minutes: number;
}

/** An instant as a wall-clock date and time in an IANA time zone (Intl, so it works in the browser too). */
export function zonedTime(instant: Date | number, timeZone: string): ZonedTime {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(typeof instant === 'number' ? new Date(instant) : instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    minutes: Number(get('hour')) * 60 + Number(get('minute')),
  };
}

/**
 * A zoned time as minutes on the clock of the shooting day dated `dayDate`: 01:30 on the next morning is
 * 25:30 (1530), so a night shoot keeps counting past midnight. Negative for times before that day.
 */
export function minutesOnDay(dayDate: string, at: ZonedTime): number {
  return daysBetween(dayDate, at.date) * 1440 + at.minutes;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  if (timeZone === '' || timeZone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
