/**
 * The demo's crew and cast list (kept in the directory, see shared/people.ts) and what the AD typed on day 1's
 * call sheet, so the call sheet screen, its PDF and the published copy of the demo have real content.
 */
import type * as Y from 'yjs';
import {
  addBackground,
  addRequirement,
  setCastTime,
  setDayText,
  setDepartmentNote,
} from '../model/callsheet';
import type { PersonInput } from '../people';

/** In the order the Crew & cast page lists them; cast rows carry the breakdown's billing number. */
export const DEMO_PEOPLE: readonly PersonInput[] = [
  {
    name: 'Dana Okafor',
    department: 'Production',
    title: 'Producer',
    phone: '+44 7700 900100',
    email: 'dana@lowtide.example',
    keyContact: true,
    callOffsetMinutes: 0,
  },
  {
    name: 'Sam Okoro',
    department: 'Assistant directors',
    title: '1st AD',
    phone: '+44 7700 900101',
    email: 'sam@lowtide.example',
    keyContact: true,
    callOffsetMinutes: -30,
  },
  {
    name: 'Priya Nair',
    department: 'Assistant directors',
    title: '2nd AD',
    phone: '+44 7700 900102',
    email: 'priya@lowtide.example',
    callOffsetMinutes: -45,
  },
  {
    name: 'Leo Marsh',
    department: 'Locations',
    title: 'Location manager',
    phone: '+44 7700 900103',
    email: 'leo@lowtide.example',
    keyContact: true,
    callOffsetMinutes: -60,
  },
  {
    name: 'Ada Brenner',
    department: 'Camera',
    title: 'Director of photography',
    email: 'ada@lowtide.example',
  },
  { name: 'Kit Osei', department: 'Camera', title: '1st AC', callOffsetMinutes: -15 },
  { name: 'Gil Hart', department: 'Electric', title: 'Gaffer', callOffsetMinutes: -15 },
  { name: 'Rosa Vidal', department: 'Sound', title: 'Sound mixer' },
  { name: 'Mei Tanaka', department: 'Hair and make-up', title: 'HMU designer', callOffsetMinutes: -60 },
  { name: 'Tom Pryce', department: 'Medic', title: 'Set medic', phone: '+44 7700 900199', keyContact: true },
  {
    name: 'Anna Petrakis',
    department: 'Cast',
    title: 'Mara',
    castBilling: 1,
    phone: '+44 7700 900111',
    email: 'anna@agent.example',
  },
  { name: 'Tomás Reid', department: 'Cast', title: 'Jonah', castBilling: 2, email: 'tomas@agent.example' },
  { name: 'Ruth Okafor', department: 'Cast', title: 'Ines', castBilling: 3, email: 'ruth@agent.example' },
];

/** Day 1 of the demo: the pier at dawn, the bait shop, the harbour office. */
export function seedCallSheet(doc: Y.Doc, origin: unknown): void {
  const day = 'day-1';
  setDayText(doc, day, 'weather', 'Bright spells, 9°C, wind W 15 mph; rain clearing by 10:00', origin);
  setDayText(doc, day, 'parking', 'Quay Road car park from 05:30 (permits on dashboards)', origin);
  setDayText(doc, day, 'basecamp', 'Harbour car park, east end: trucks, catering, honeywagon', origin);
  setDayText(
    doc,
    day,
    'notes',
    'Low tide 09:10: pier scenes first. Life jackets on the pier edge at all times.',
    origin,
  );
  setDepartmentNote(
    doc,
    day,
    'Camera',
    'Drone for 1A: pilot on set 06:30, airspace cleared to 09:00',
    origin,
  );
  setDepartmentNote(doc, day, 'Electric', 'Genny at basecamp; no cable across Quay Road', origin);
  setCastTime(doc, day, 'cast-1', 'pickup', '05:15', origin);
  setCastTime(doc, day, 'cast-1', 'hairMakeup', '05:45', origin);
  setCastTime(doc, day, 'cast-1', 'onSet', '06:45', origin);
  setCastTime(doc, day, 'cast-2', 'pickup', '08:30', origin);
  setCastTime(doc, day, 'cast-2', 'hairMakeup', '09:00', origin);
  setCastTime(doc, day, 'cast-2', 'onSet', '10:00', origin);
  addBackground(
    doc,
    {
      id: 'bg-fishers',
      dayId: day,
      group: 'Fishermen on the pier',
      count: 4,
      call: '06:00',
      onSet: '07:00',
      notes: 'Own waterproofs',
    },
    origin,
  );
  addBackground(
    doc,
    {
      id: 'bg-shoppers',
      dayId: day,
      group: 'Bait shop customers',
      count: 2,
      call: '09:30',
      onSet: '10:30',
      notes: '',
    },
    origin,
  );
  addRequirement(
    doc,
    {
      id: 'req-boat',
      dayId: day,
      sceneId: 'scene-1',
      kind: 'vehicles',
      text: 'Picture boat "Kittiwake" moored at the pier end',
    },
    origin,
  );
  addRequirement(
    doc,
    {
      id: 'req-gull',
      dayId: day,
      sceneId: 'scene-3',
      kind: 'animals',
      text: 'Gull handler with two trained gulls',
    },
    origin,
  );
}
