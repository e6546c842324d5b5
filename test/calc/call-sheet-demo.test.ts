/**
 * Worked examples of the call sheet of the demo production's day 1 exactly as a fresh server holds it: the
 * schedule and breakdown, what the AD typed on the call sheet board (shared/demo/callsheet.ts) and the demo's
 * crew and cast list. Crew call is 06:00; each crew member is called at 06:00 + their offset.
 */
import { describe, expect, it } from 'vitest';
import { deriveCallSheet, personalCall } from '../../shared/calc/call-sheet';
import { demoCallSheetInput, PEOPLE, personNamed } from '../helpers/callsheet-demo';

const sheet = deriveCallSheet(demoCallSheetInput(1))!;

describe('the demo’s day 1 call sheet', () => {
  it('header and typed lines: Day 1 of 3, calls, sun, lunch, weather, parking, basecamp, notes', () => {
    expect(sheet.day).toMatchObject({
      label: 'Day 1 of 3',
      date: '2026-12-07',
      crewCall: '06:00',
      shootingCall: '07:00',
      sunrise: '08:06',
      sunset: '16:20',
      projectedLunch: '11:30',
    });
    expect(sheet.weather).toBe('Bright spells, 9°C, wind W 15 mph; rain clearing by 10:00');
    expect(sheet.parking).toMatch(/^Quay Road car park/);
    expect(sheet.basecamp).toMatch(/^Harbour car park/);
    expect(sheet.notes).toMatch(/^Low tide 09:10/);
  });

  it('scenes 1, 3, 2, 7 in shooting order (5 pages), the company move, and each scene’s requirements', () => {
    expect(
      sheet.rows.map((r) =>
        r.type === 'banner' ? r.text : `${r.number} ${r.pages} [${r.requirements.map((q) => q.kind).join()}]`,
      ),
    ).toEqual([
      '1 6/8 [vehicles]',
      '3 1 1/8 [animals]',
      'COMPANY MOVE to bait shop',
      '2 1 5/8 []',
      '7 1 4/8 []',
    ]);
    expect(sheet.totalPages).toBe('5');
    expect(sheet.requirements).toEqual([
      { sceneNumber: '1', kind: 'vehicles', text: 'Picture boat "Kittiwake" moored at the pier end' },
      { sceneNumber: '3', kind: 'animals', text: 'Gull handler with two trained gulls' },
    ]);
  });

  it('locations carry the nearest hospital; cast carry DOOD SW, typed times and their person', () => {
    expect(sheet.locations.map((l) => `${l.name}: ${l.hospital}`)).toEqual([
      'Harbour pier: Port Ellis General, 2 Hill Street (A&E, 6 min)',
      'Bait shop: Port Ellis General, 2 Hill Street (A&E, 6 min)',
      'Harbour office: Port Ellis General, 2 Hill Street (A&E, 6 min)',
    ]);
    expect(sheet.cast.map((c) => [c.billing, c.dood, c.pickup, c.hairMakeup, c.onSet, c.personId])).toEqual([
      [1, 'SW', '05:15', '05:45', '06:45', personNamed('Anna Petrakis').id],
      [2, 'SW', '08:30', '09:00', '10:00', personNamed('Tomás Reid').id],
      // nothing typed for Ines: missing, not made up
      [3, 'SW', null, null, null, personNamed('Ruth Okafor').id],
    ]);
  });

  it('crew calls by department, earliest first: 06:00 + offset (Leo -60 = 05:00, Priya -45 = 05:15 ...)', () => {
    expect(
      sheet.crewCalls.map(
        (d) => `${d.department} ${d.call}: ${d.people.map((p) => `${p.name} ${p.call}`).join(', ')}`,
      ),
    ).toEqual([
      'Locations 05:00: Leo Marsh 05:00',
      'Hair and make-up 05:00: Mei Tanaka 05:00',
      'Assistant directors 05:15: Priya Nair 05:15, Sam Okoro 05:30',
      'Camera 05:45: Kit Osei 05:45, Ada Brenner 06:00',
      'Electric 05:45: Gil Hart 05:45',
      'Production 06:00: Dana Okafor 06:00',
      'Sound 06:00: Rosa Vidal 06:00',
      'Medic 06:00: Tom Pryce 06:00',
    ]);
    expect(sheet.crewCalls.find((d) => d.department === 'Camera')?.note).toMatch(/^Drone for 1A/);
    expect(sheet.departmentNotes.map((n) => n.department)).toEqual(['Camera', 'Electric']);
    expect(sheet.background).toEqual([
      { group: 'Fishermen on the pier', count: 4, call: '06:00', onSet: '07:00', notes: 'Own waterproofs' },
      { group: 'Bait shop customers', count: 2, call: '09:30', onSet: '10:30', notes: '' },
    ]);
  });

  it('advance schedule is day 2 (12, 6, lunch, 8, 10); key contacts are the four marked people', () => {
    expect(sheet.advance?.day.label).toBe('Day 2 of 3');
    expect(sheet.advance?.rows.map((r) => (r.type === 'scene' ? r.number : r.text))).toEqual([
      '12',
      '6',
      'LUNCH',
      '8',
      '10',
    ]);
    expect(sheet.keyContacts.map((c) => `${c.name} ${c.phone}`)).toEqual([
      'Dana Okafor +44 7700 900100',
      'Sam Okoro +44 7700 900101',
      'Leo Marsh +44 7700 900103',
      'Tom Pryce +44 7700 900199',
    ]);
  });

  it('a person’s own call: an actor’s is their hair and make-up time, a crew member’s their department call', () => {
    expect(personalCall(sheet, personNamed('Anna Petrakis').id)).toEqual({
      personId: personNamed('Anna Petrakis').id,
      name: 'Anna Petrakis',
      department: 'Cast',
      title: 'Mara',
      call: '05:45',
      pickup: '05:15',
      scenes: ['1', '3', '2', '7'],
    });
    expect(personalCall(sheet, personNamed('Ruth Okafor').id)?.scenes).toEqual(['7']);
    expect(personalCall(sheet, personNamed('Priya Nair').id)).toMatchObject({
      call: '05:15',
      department: 'Assistant directors',
    });
    expect(personalCall(sheet, 'nobody')).toBeNull();
    // on the list but not called (an actor with no scene and no hold): the person, with no call
    const day3 = deriveCallSheet(demoCallSheetInput(3))!;
    expect(personalCall(day3, personNamed('Ruth Okafor').id, PEOPLE)).toMatchObject({
      name: 'Ruth Okafor',
      call: null,
    });
  });

  it('is quick: deriving day 1 from the boards and the list', () => {
    const input = demoCallSheetInput(1);
    const runs = 50;
    const started = performance.now();
    for (let i = 0; i < runs; i++) deriveCallSheet(input);
    const ms = (performance.now() - started) / runs;
    console.log(`[measure] derive the demo's day 1 call sheet: ${ms.toFixed(2)} ms`);
    expect(ms).toBeLessThan(50);
  });
});
