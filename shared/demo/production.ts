/**
 * "Low Tide", the demo production: a short film of twelve scenes over three shooting days. Plain data
 * only; seed.ts writes it into the board documents. Ids are fixed strings so the five documents refer to
 * each other (shots and strips to scenes, links to cast) and tests can assert on them.
 */
import type { IntExt, TimeOfDay } from '../model/breakdown';

export const DEMO_TITLE = 'Low Tide';

export const CAST = [
  { id: 'cast-1', billing: 1, character: 'Mara', actor: 'Anna Petrakis' },
  { id: 'cast-2', billing: 2, character: 'Jonah', actor: 'Tomás Reid' },
  { id: 'cast-3', billing: 3, character: 'Ines', actor: 'Ruth Okafor' },
] as const;

/** Port Ellis is on the Cornish coast: its sun times are computed there, on UK time. */
export const DEMO_TIME_ZONE = 'Europe/London';
const HOSPITAL = 'Port Ellis General, 2 Hill Street (A&E, 6 min)';
export const LOCATIONS = [
  {
    id: 'loc-pier',
    name: 'Harbour pier',
    address: 'Quay Road, Port Ellis',
    hospital: HOSPITAL,
    latitude: 50.1028,
    longitude: -5.5489,
  },
  {
    id: 'loc-bait',
    name: 'Bait shop',
    address: '14 Quay Road, Port Ellis',
    hospital: HOSPITAL,
    latitude: 50.1033,
    longitude: -5.5497,
  },
  {
    id: 'loc-flat',
    name: "Mara's flat",
    address: '3B Anchor Court, Port Ellis',
    hospital: HOSPITAL,
    latitude: 50.1049,
    longitude: -5.5512,
  },
  {
    id: 'loc-wall',
    name: 'Sea wall',
    address: 'Esplanade, east end, Port Ellis',
    hospital: HOSPITAL,
    latitude: 50.1012,
    longitude: -5.5455,
  },
  {
    id: 'loc-office',
    name: 'Harbour office',
    address: 'Harbour House, Quay Road',
    hospital: HOSPITAL,
    latitude: 50.103,
    longitude: -5.548,
  },
  {
    id: 'loc-beach',
    name: 'North beach',
    address: 'Dune car park, Coast Road',
    hospital: HOSPITAL,
    latitude: 50.1187,
    longitude: -5.5377,
  },
] as const;

export interface DemoScene {
  id: string;
  number: string;
  intExt: IntExt;
  set: string;
  time: TimeOfDay;
  eighths: number;
  synopsis: string;
  castIds: string[];
  locationId: string;
  /** Shot descriptions, in script order; the first is the master. */
  shots: string[];
}

const scene = (
  n: number,
  intExt: IntExt,
  set: string,
  time: TimeOfDay,
  eighths: number,
  castIds: string[],
  locationId: string,
  synopsis: string,
  shots: string[],
): DemoScene => ({
  id: `scene-${n}`,
  number: String(n),
  intExt,
  set,
  time,
  eighths,
  synopsis,
  castIds,
  locationId,
  shots,
});

export const SCENES: DemoScene[] = [
  scene(
    1,
    'EXT',
    'HARBOUR PIER',
    'DAWN',
    6,
    ['cast-1'],
    'loc-pier',
    "Mara walks the empty pier with her father's tackle box.",
    [
      'Wide: pier in the blue hour, Mara small at the far end',
      'Tracking MS: Mara walks, tackle box knocking her knee',
      'Insert: the empty mooring ring',
      'CU: Mara looks out to the horizon',
    ],
  ),
  scene(
    2,
    'INT',
    'BAIT SHOP',
    'DAY',
    13,
    ['cast-1', 'cast-2'],
    'loc-bait',
    'Mara asks Jonah about the boat that never came back.',
    [
      'Master: two-shot across the counter',
      'OTS Jonah onto Mara',
      'OTS Mara onto Jonah',
      'Insert: Jonah wipes the same spot on the counter',
    ],
  ),
  scene(
    3,
    'EXT',
    'HARBOUR PIER',
    'DAY',
    9,
    ['cast-1', 'cast-2'],
    'loc-pier',
    'Jonah shows Mara the mooring line, cut clean.',
    [
      'WS: both crouch at the edge of the pier',
      'Insert: the cut end of the rope',
      'MCU Mara: she understands',
      'Drone: rising off the pier to the empty berth',
    ],
  ),
  scene(
    4,
    'INT',
    "MARA'S FLAT",
    'NIGHT',
    10,
    ['cast-1'],
    'loc-flat',
    'Mara spreads the tide charts on the floor.',
    [
      'Overhead: charts covering the floor, Mara on her knees',
      'CU: finger tracing a date',
      'MS: Mara sits back against the sofa',
    ],
  ),
  scene(
    5,
    'INT',
    "MARA'S FLAT",
    'NIGHT',
    4,
    ['cast-1'],
    'loc-flat',
    'A call from an unknown number; static and gulls.',
    ['MCU: the phone lights Mara’s face', 'ECU: the unknown number'],
  ),
  scene(
    6,
    'EXT',
    'SEA WALL',
    'DUSK',
    7,
    ['cast-1', 'cast-3'],
    'loc-wall',
    'Mara meets Ines, the harbourmaster, who warns her off.',
    [
      'WS: two figures on the wall against the last light',
      'MS Ines: "Leave it with us."',
      'MS Mara: she will not',
    ],
  ),
  scene(
    7,
    'INT',
    'HARBOUR OFFICE',
    'DAY',
    12,
    ['cast-1', 'cast-3'],
    'loc-office',
    'Mara searches the logbook while Ines is on the radio.',
    [
      'Master: office, Ines at the radio, Mara by the shelves',
      'Insert: logbook page torn out',
      'CU Ines: she sees Mara in the window reflection',
      'Push-in on Mara closing the book',
    ],
  ),
  scene(
    8,
    'EXT',
    'SEA WALL',
    'NIGHT',
    5,
    ['cast-1', 'cast-2'],
    'loc-wall',
    'Jonah follows Mara with a torch.',
    ['WS: torch beam bobbing along the wall', 'Handheld MS: Jonah catching up'],
  ),
  scene(
    9,
    'INT',
    'BAIT SHOP',
    'NIGHT',
    8,
    ['cast-1', 'cast-2'],
    'loc-bait',
    "Jonah confesses he sold the boat's engine.",
    ['Master: shop lit by the fridge glow', 'CU Jonah: the confession', 'CU Mara: no answer'],
  ),
  scene(
    10,
    'EXT',
    'HARBOUR PIER',
    'NIGHT',
    14,
    ['cast-1', 'cast-2', 'cast-3'],
    'loc-pier',
    'The storm; Mara takes the dinghy out.',
    [
      'Crane: storm over the harbour, rain towers',
      'WS: Mara unties the dinghy',
      'MS: Jonah running down the pier',
      'Handheld CU: Mara pulling the starter cord',
      'WS: Ines on the office steps with a lamp',
      'EWS: the dinghy light vanishing into the swell',
    ],
  ),
  scene(
    11,
    'EXT',
    'NORTH BEACH',
    'DAY',
    6,
    ['cast-1'],
    'loc-beach',
    "The morning after: Mara finds the boat's nameboard on the sand.",
    [
      'EWS: the beach after the storm',
      'Tracking: Mara walking the tideline',
      'Insert: the nameboard, half buried',
    ],
  ),
  scene(
    12,
    'INT',
    'HARBOUR OFFICE',
    'DAY',
    3,
    ['cast-3'],
    'loc-office',
    'Ines files the report; a chair left empty.',
    ['MS: Ines typing', 'Static WS: the empty chair, hold'],
  ),
];

export interface DemoDay {
  id: string;
  /** Days after `today`. */
  offset: number;
  crewCall: string;
  shootingCall: string;
  notes: string;
  /** Scene numbers in shooting order, with banners as strings starting with '#'. */
  board: (number | string)[];
}

export const DAYS: DemoDay[] = [
  {
    id: 'day-1',
    offset: 0,
    crewCall: '06:00',
    shootingCall: '07:00',
    notes: 'Tide low at 09:10: pier scenes first. Parking on Quay Road from 05:30.',
    board: [1, 3, '#COMPANY MOVE to bait shop', 2, 7],
  },
  {
    id: 'day-2',
    offset: 1,
    crewCall: '11:00',
    shootingCall: '12:00',
    notes: 'Split day into nights. Rain towers and the crane arrive 18:00.',
    board: [12, 6, '#LUNCH', 8, 10],
  },
  {
    id: 'day-3',
    offset: 2,
    crewCall: '12:00',
    shootingCall: '13:00',
    notes: 'North beach first, then the flat and the bait shop blacked out for night interiors.',
    board: [11, '#COMPANY MOVE to Anchor Court', 4, 5, 9],
  },
];

/** Planned shooting minutes for a strip: about twelve minutes an eighth plus a setup allowance. */
export function stripMinutes(eighths: number): number {
  return eighths * 12 + 30;
}
