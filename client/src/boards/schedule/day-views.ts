/**
 * What each day of the board shows, computed once per render from the plain reads: its number, its mode
 * (being shot, planned, final record), its clock and its sun times. The clock reads the wall clock in the
 * production's time zone (or this device's when the production has not set one) and ticks every 30 s.
 */
import { useEffect, useState } from 'react';
import type { Location, Scene } from '../../../../shared/model/breakdown';
import { selectDayItems, type Schedule, type ShootingDay } from '../../../../shared/model/schedule';
import { minutesOnDay, zonedTime, type ZonedTime } from '../../../../shared/calc/clock';
import { dayBeingShot, dayClock, dayMode, type DayStatus } from '../../../../shared/calc/day-status';
import { daySun, type DaySun } from '../../../../shared/calc/sun';

export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function productionTimeZone(schedule: Schedule): string {
  return schedule.settings.timeZone || deviceTimeZone();
}

/** The wall clock, re-read every 30 s so countdowns move without any edit. */
export function useInstant(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export interface DayView {
  day: ShootingDay;
  /** 1-based among shooting days; 0 for a day off or travel day. */
  number: number;
  status: DayStatus;
  sun: DaySun;
}

export interface BoardClock {
  timeZone: string;
  /** Now in the production's time zone. */
  now: ZonedTime;
  beingShot: string | null;
  views: Map<string, DayView>;
}

export function boardClock(
  schedule: Schedule,
  scenes: ReadonlyMap<string, Scene>,
  sceneList: readonly Scene[],
  locations: readonly Location[],
  instant: number,
): BoardClock {
  const timeZone = productionTimeZone(schedule);
  const now = zonedTime(instant, timeZone);
  const beingShot = dayBeingShot(schedule.days, schedule.log, now.date, now.minutes);
  const views = new Map<string, DayView>();
  let n = 0;
  for (const day of schedule.days) {
    const items = selectDayItems(schedule, day.id);
    const sun = daySun(day, items, scenes, locations, timeZone);
    const status = dayClock({
      day,
      items,
      log: schedule.log,
      scenes: sceneList,
      mode: dayMode(day, beingShot, now.date),
      now: minutesOnDay(day.date, now),
      sunset: sun.sunset.minutes,
    });
    views.set(day.id, { day, number: day.kind === 'shoot' ? ++n : 0, status, sun });
  }
  return { timeZone, now, beingShot, views };
}

/** "Day 3", "Day off", "Travel day". */
export function dayTitle(view: DayView | undefined): string {
  if (!view) return 'Day';
  if (view.day.kind === 'off') return 'Day off';
  if (view.day.kind === 'travel') return 'Travel day';
  return `Day ${view.number}`;
}

export function formatDate(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  return Number.isNaN(d.getTime())
    ? date
    : d.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
}
