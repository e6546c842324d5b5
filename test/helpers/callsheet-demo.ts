/**
 * The demo production as the call sheet sees it: schedule, breakdown and the typed call sheet board seeded
 * for Monday 7 December 2026, and the demo's crew and cast list with the ids a directory would give them
 * (`person-1` ... in list order).
 */
import * as Y from 'yjs';
import type { CallSheetInput } from '../../shared/calc/call-sheet';
import { DEMO_PEOPLE, seedDemoBoard } from '../../shared/demo';
import { readBreakdown } from '../../shared/model/breakdown';
import { readCallSheetTyped } from '../../shared/model/callsheet';
import { readSchedule } from '../../shared/model/schedule';
import type { Person } from '../../shared/people';

export const CALLSHEET_TODAY = '2026-12-07';

export const PEOPLE: Person[] = DEMO_PEOPLE.map((input, i) => ({
  id: `person-${i + 1}`,
  department: null,
  title: null,
  phone: null,
  email: null,
  castBilling: null,
  memberId: null,
  callOffsetMinutes: null,
  keyContact: false,
  ...input,
}));

export function personNamed(name: string): Person {
  const person = PEOPLE.find((p) => p.name === name);
  if (!person) throw new Error(`no ${name} on the demo list`);
  return person;
}

function seeded(board: 'schedule' | 'breakdown' | 'callsheet'): Y.Doc {
  const doc = new Y.Doc();
  seedDemoBoard(board, doc, { today: CALLSHEET_TODAY });
  return doc;
}

/** Everything deriveCallSheet needs for shooting day `dayNumber` of the demo, as the server reads it. */
export function demoCallSheetInput(dayNumber = 1): CallSheetInput {
  const schedule = readSchedule(seeded('schedule'));
  const day = schedule.days.filter((d) => d.kind === 'shoot')[dayNumber - 1];
  return {
    productionName: 'Low Tide',
    schedule,
    breakdown: readBreakdown(seeded('breakdown')),
    people: PEOPLE,
    dayNumber,
    typed: day ? readCallSheetTyped(seeded('callsheet'), day.id) : {},
  };
}
