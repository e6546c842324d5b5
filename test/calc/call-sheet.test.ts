/**
 * The call sheet derivation, worked on the demo production ("Low Tide", seeded for Monday 7 December 2026):
 * day 1 shoots the pier at dawn, moves to the bait shop, then the harbour office.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { deriveCallSheet, type CallSheetInput } from '../../shared/calc/call-sheet';
import { seedDemoBoard } from '../../shared/demo';
import { readBreakdown } from '../../shared/model/breakdown';
import { moveItem, readSchedule } from '../../shared/model/schedule';
import type { Person } from '../../shared/people';

function demo() {
  const breakdown = new Y.Doc();
  const schedule = new Y.Doc();
  seedDemoBoard('breakdown', breakdown, { today: '2026-12-07' });
  seedDemoBoard('schedule', schedule, { today: '2026-12-07' });
  return { breakdown, schedule };
}

const person = (id: string, over: Partial<Person>): Person => ({
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
});

const PEOPLE: Person[] = [
  person('sam', {
    name: 'Sam Okoro',
    department: 'Assistant directors',
    title: '1st AD',
    phone: '+44 7700 900001',
    email: 'sam@example.com',
    callOffsetMinutes: -30,
    keyContact: true,
  }),
  person('gil', { name: 'Gil Hart', department: 'Electric', title: 'Gaffer', callOffsetMinutes: 30 }),
  person('bo', { name: 'Bo Lane', department: 'Electric', title: 'Best boy' }),
  person('anna', { name: 'Anna Petrakis', department: 'Cast', castBilling: 1, phone: '+44 7700 900111' }),
];

function sheetOf(dayNumber: number, over: Partial<CallSheetInput> = {}) {
  const { breakdown, schedule } = demo();
  return deriveCallSheet({
    productionName: 'Low Tide',
    schedule: readSchedule(schedule),
    breakdown: readBreakdown(breakdown),
    people: PEOPLE,
    dayNumber,
    ...over,
  });
}

describe('deriveCallSheet on the demo production', () => {
  it('day 1: header with "Day 1 of 3", calls, sun times at the pier and the projected lunch', () => {
    const sheet = sheetOf(1)!;
    expect(sheet.production).toBe('Low Tide');
    expect(sheet.day).toMatchObject({
      number: 1,
      of: 3,
      label: 'Day 1 of 3',
      date: '2026-12-07',
      crewCall: '06:00',
      shootingCall: '07:00',
      // Computed with suncalc for the harbour pier (50.1028 N, 5.5489 W) on UK time.
      sunrise: '08:06',
      sunset: '16:20',
      // Lunch is due six hours after the 06:00 call; it falls at the strip boundary before that.
      projectedLunch: '11:30',
    });
  });

  it('day 1: scenes in shooting order with INT/EXT, set, D/N, pages and cast billings; the company move', () => {
    const sheet = sheetOf(1)!;
    expect(
      sheet.rows.map((r) =>
        r.type === 'banner'
          ? `${r.text}${r.companyMove ? ' (move)' : ''}`
          : `${r.number} ${r.intExt} ${r.set} ${r.time} ${r.pages} cast ${r.castBillings.join(',')}`,
      ),
    ).toEqual([
      '1 EXT HARBOUR PIER DAWN 6/8 cast 1',
      '3 EXT HARBOUR PIER DAY 1 1/8 cast 1,2',
      'COMPANY MOVE to bait shop (move)',
      '2 INT BAIT SHOP DAY 1 5/8 cast 1,2',
      '7 INT HARBOUR OFFICE DAY 1 4/8 cast 1,3',
    ]);
    expect(sheet.totalEighths).toBe(40);
    expect(sheet.totalPages).toBe('5');
  });

  it('day 1: locations in the order the unit reaches them, with address and nearest hospital', () => {
    const sheet = sheetOf(1)!;
    const hospital = 'Port Ellis General, 2 Hill Street (A&E, 6 min)';
    expect(sheet.locations).toEqual([
      {
        id: 'loc-pier',
        name: 'Harbour pier',
        address: 'Quay Road, Port Ellis',
        hospital,
        scenes: ['1', '3'],
      },
      { id: 'loc-bait', name: 'Bait shop', address: '14 Quay Road, Port Ellis', hospital, scenes: ['2'] },
      {
        id: 'loc-office',
        name: 'Harbour office',
        address: 'Harbour House, Quay Road',
        hospital,
        scenes: ['7'],
      },
    ]);
    const overridden = sheetOf(1, { typed: { hospital: 'Royal Cornwall, Truro' } })!;
    expect(overridden.locations.map((l) => l.hospital)).toEqual(Array(3).fill('Royal Cornwall, Truro'));
  });

  it('day 1: every actor starts work (SW); the person playing cast 1 is linked; typed times show, others missing', () => {
    const sheet = sheetOf(1, {
      typed: { castTimes: { 'cast-1': { pickup: '05:15', hairMakeup: '05:45' } } },
    })!;
    expect(sheet.cast.map((c) => `${c.billing} ${c.character} (${c.actor}) ${c.dood}`)).toEqual([
      '1 Mara (Anna Petrakis) SW',
      '2 Jonah (Tomás Reid) SW',
      '3 Ines (Ruth Okafor) SW',
    ]);
    expect(sheet.cast[0]).toMatchObject({
      personId: 'anna',
      pickup: '05:15',
      hairMakeup: '05:45',
      onSet: null,
    });
    expect(sheet.cast[1]).toMatchObject({ personId: null, pickup: null, hairMakeup: null, onSet: null });
  });

  it('a hold day: an actor between work days who is not in the day’s scenes is listed with H', () => {
    const { breakdown, schedule } = demo();
    // Day 2 without scenes 8 and 10 (Jonah's): Jonah works days 1 and 3, so day 2 is a hold; Ines finishes.
    moveItem(schedule, 'strip-8', null, null);
    moveItem(schedule, 'strip-10', null, null);
    const input = {
      productionName: 'Low Tide',
      schedule: readSchedule(schedule),
      breakdown: readBreakdown(breakdown),
      people: [],
    };
    const day2 = deriveCallSheet({ ...input, dayNumber: 2 })!;
    expect(day2.cast.map((c) => `${c.billing} ${c.dood}`)).toEqual(['1 W', '2 H', '3 WF']);
    const day3 = deriveCallSheet({ ...input, dayNumber: 3 })!;
    expect(day3.cast.map((c) => `${c.billing} ${c.dood}`)).toEqual(['1 WF', '2 WF']);
  });

  it('crew calls by department: crew call + offset, a typed override wins; earliest department first', () => {
    const sheet = sheetOf(1, {
      typed: { callOverrides: { bo: '05:15' }, departmentNotes: { Electric: 'Genny at 05:00' } },
    })!;
    expect(sheet.crewCalls).toEqual([
      {
        department: 'Electric',
        call: '05:15',
        note: 'Genny at 05:00',
        people: [
          { personId: 'bo', name: 'Bo Lane', title: 'Best boy', call: '05:15', overridden: true },
          { personId: 'gil', name: 'Gil Hart', title: 'Gaffer', call: '06:30', overridden: false },
        ],
      },
      {
        department: 'Assistant directors',
        call: '05:30',
        note: null,
        people: [{ personId: 'sam', name: 'Sam Okoro', title: '1st AD', call: '05:30', overridden: false }],
      },
    ]);
  });

  it('the advance schedule is day 2’s scenes; key contacts carry their phone and e-mail', () => {
    const sheet = sheetOf(1)!;
    expect(sheet.advance?.day).toMatchObject({ number: 2, date: '2026-12-08', crewCall: '11:00' });
    expect(sheet.advance?.rows.map((r) => (r.type === 'scene' ? r.number : r.text))).toEqual([
      '12',
      '6',
      'LUNCH',
      '8',
      '10',
    ]);
    expect(sheetOf(3)!.advance).toBeNull();
    expect(sheet.keyContacts).toEqual([
      {
        personId: 'sam',
        name: 'Sam Okoro',
        department: 'Assistant directors',
        title: '1st AD',
        phone: '+44 7700 900001',
        email: 'sam@example.com',
      },
    ]);
  });

  it('shows what the boards lack as missing: no time zone or typed sun times, no address, no weather', () => {
    const { breakdown, schedule } = demo();
    const plain = readSchedule(schedule);
    const sheet = deriveCallSheet({
      productionName: 'Low Tide',
      schedule: { ...plain, settings: { ...plain.settings, timeZone: '' } },
      breakdown: {
        ...readBreakdown(breakdown),
        locations: readBreakdown(breakdown).locations.map((l) => ({ ...l, address: '', hospital: ' ' })),
      },
      people: [],
      dayNumber: 1,
    })!;
    expect(sheet.day.sunrise).toBeNull();
    expect(sheet.day.sunset).toBeNull();
    expect(sheet.locations[0]).toMatchObject({ address: null, hospital: null });
    expect(sheet).toMatchObject({ weather: null, parking: null, basecamp: null, notes: null, crewCalls: [] });
    expect(deriveCallSheet({ ...sheetInput(), dayNumber: 4 })).toBeNull();
    expect(deriveCallSheet({ ...sheetInput(), dayNumber: 0 })).toBeNull();
  });
});

function sheetInput() {
  const { breakdown, schedule } = demo();
  return {
    productionName: 'Low Tide',
    schedule: readSchedule(schedule),
    breakdown: readBreakdown(breakdown),
    people: [],
  };
}
