/**
 * Sunrise and sunset for a shooting day, computed offline with suncalc for the day's date at the location
 * of its first exterior strip (breakdown locations carry optional latitude and longitude), in the
 * production's time zone. A time typed on the day overrides the computed one; the result says which it is.
 */
import { getTimes } from 'suncalc';
import type { Location, Scene } from '../model/breakdown';
import type { BoardItem, ShootingDay } from '../model/schedule';
import { fromMinutes, minutesOnDay, toMinutes, zonedTime } from './clock';

export interface SunMinutes {
  /** Minutes on the day's clock (clock.ts); null when the sun does not rise or set that day. */
  sunrise: number | null;
  sunset: number | null;
}

/** Sun times at a place on a date, as minutes on that date's clock in `timeZone`. */
export function sunTimes(date: string, latitude: number, longitude: number, timeZone: string): SunMinutes {
  // noon local solar time of that date, so suncalc picks that date's solar day
  const noon = Date.parse(`${date}T12:00:00Z`) - (longitude / 15) * 3_600_000;
  const times = getTimes(new Date(noon), latitude, longitude);
  const onDay = (at: Date | null) =>
    at === null || Number.isNaN(at.getTime()) ? null : minutesOnDay(date, zonedTime(at, timeZone));
  return { sunrise: onDay(times.sunrise), sunset: onDay(times.sunset) };
}

/** The location of the day's first exterior strip (INT/EXT counts) that has coordinates. */
export function firstExteriorLocation(
  items: readonly BoardItem[],
  scenes: ReadonlyMap<string, Scene>,
  locations: readonly Location[],
): Location | null {
  for (const item of items) {
    if (item.type !== 'strip') continue;
    const scene = scenes.get(item.sceneId);
    if (!scene || scene.intExt === 'INT' || scene.locationId === null) continue;
    const location = locations.find((l) => l.id === scene.locationId);
    if (location && location.latitude !== null && location.longitude !== null) return location;
  }
  return null;
}

export type SunSource = 'typed' | 'computed' | 'unknown';

export interface SunValue {
  /** `HH:MM` on the day's clock, or null when unknown. */
  value: string | null;
  minutes: number | null;
  source: SunSource;
  /** The computed value, shown next to a typed override ("computed 16:02"). */
  computed: string | null;
}

export interface DaySun {
  sunrise: SunValue;
  sunset: SunValue;
  /** Where the computed values are for; null when no exterior strip has a located location. */
  location: Location | null;
}

export function daySun(
  day: ShootingDay,
  items: readonly BoardItem[],
  scenes: ReadonlyMap<string, Scene>,
  locations: readonly Location[],
  timeZone: string,
): DaySun {
  const location = firstExteriorLocation(items, scenes, locations);
  const computed =
    location && /^\d{4}-\d{2}-\d{2}$/.test(day.date)
      ? sunTimes(day.date, location.latitude!, location.longitude!, timeZone)
      : { sunrise: null, sunset: null };
  const value = (typed: string, minutes: number | null): SunValue => {
    const shown = minutes === null ? null : fromMinutes(minutes);
    if (typed !== '') return { value: typed, minutes: toMinutes(typed), source: 'typed', computed: shown };
    return { value: shown, minutes, source: minutes === null ? 'unknown' : 'computed', computed: shown };
  };
  return {
    sunrise: value(day.sunrise, computed.sunrise),
    sunset: value(day.sunset, computed.sunset),
    location,
  };
}
