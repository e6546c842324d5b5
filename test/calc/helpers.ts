import type { Person } from '../../shared/people';
import type { Scene } from '../../shared/model/breakdown';
import type { LogEntry, ShootingDay, Strip } from '../../shared/model/schedule';
import type { Shot } from '../../shared/model/shotlist';
import { SHOT_DEFAULTS } from '../../shared/model/shotlist';

export function scene(id: string, over: Partial<Scene> = {}): Scene {
  return {
    id,
    number: id,
    intExt: 'INT',
    set: 'Kitchen',
    time: 'DAY',
    eighths: 8,
    synopsis: '',
    castIds: [],
    locationId: null,
    omitted: false,
    elements: [],
    ...over,
  };
}

export function day(id: string, date: string, over: Partial<ShootingDay> = {}): ShootingDay {
  return {
    id,
    date,
    kind: 'shoot',
    crewCall: '07:00',
    shootingCall: '08:00',
    sunrise: '',
    sunset: '19:00',
    notes: '',
    started: false,
    ...over,
  };
}

let n = 0;
export function strip(sceneId: string, dayId: string | null, over: Partial<Strip> = {}): Strip {
  n++;
  return {
    id: `s${String(n).padStart(4, '0')}`,
    sceneId,
    dayId,
    order: String(n).padStart(4, '0'),
    status: 'planned',
    part: null,
    eighths: null,
    minutes: 60,
    ...over,
  };
}

export function log(dayId: string, kind: LogEntry['kind'], at: string): LogEntry {
  return {
    id: `${dayId}-${kind}-${at}`,
    dayId,
    kind,
    at,
    author: { id: 'ad', name: 'AD' },
    changedBy: null,
    note: '',
  };
}

export function shot(id: string, sceneId: string, over: Partial<Shot> = {}): Shot {
  return {
    ...SHOT_DEFAULTS,
    id,
    sceneId,
    code: id,
    storyboard: [],
    scriptOrder: id,
    shootOrder: id,
    ...over,
  };
}

/** A person on the crew and cast list with every optional field empty. */
export function person(id: string, over: Partial<Person> = {}): Person {
  return {
    id,
    name: id,
    department: null,
    title: null,
    phone: null,
    email: null,
    castBilling: null,
    memberId: null,
    callOffsetMinutes: null,
    keyContact: false,
    ...over,
  };
}
