/** The demo budget: chart of accounts with lines, actuals, purchase orders, ETCs and day-1 hot costs. */
import type { BudgetLineSide, BudgetUnit, HotCostKind } from '../model/costreport';

interface DemoLine {
  description: string;
  amount: number;
  units: BudgetUnit;
  multiplier: number;
  /** Minor units (cents). */
  rate: number;
  fringeBp: number;
}

export interface DemoAccount {
  code: string;
  name: string;
  line: BudgetLineSide;
  category: string;
  etc: number;
  lines: DemoLine[];
  /** [days before today, vendor, description, amount] */
  actuals: [number, string, string, number][];
  /** [PO number, vendor, description, amount, paid] */
  pos: [string, string, string, number, boolean][];
}

const L = (
  description: string,
  amount: number,
  units: BudgetUnit,
  multiplier: number,
  rate: number,
  fringeBp = 0,
): DemoLine => ({
  description,
  amount,
  units,
  multiplier,
  rate,
  fringeBp,
});

const ATL = 'Above the line';
const PROD = 'Production';
const POST = 'Post-production';
const OTHER = 'Other';

export const ACCOUNTS: DemoAccount[] = [
  {
    code: '1100',
    name: 'Story & rights',
    line: 'ATL',
    category: ATL,
    etc: 0,
    lines: [L('Screenplay fee', 1, 'flat', 1, 500_000)],
    actuals: [[40, 'E. Marsh', 'Screenplay, final payment', 500_000]],
    pos: [],
  },
  {
    code: '1200',
    name: 'Producers',
    line: 'ATL',
    category: ATL,
    etc: 300_000,
    lines: [L('Producer', 4, 'week', 1, 150_000, 1_000)],
    actuals: [[7, 'Low Tide Films', 'Producer fee, weeks 1-2', 330_000]],
    pos: [],
  },
  {
    code: '1300',
    name: 'Director',
    line: 'ATL',
    category: ATL,
    etc: 200_000,
    lines: [L('Director', 3, 'week', 1, 200_000, 1_000)],
    actuals: [[7, 'K. Adeyemi', 'Director fee, prep', 440_000]],
    pos: [],
  },
  {
    code: '1400',
    name: 'Cast',
    line: 'ATL',
    category: ATL,
    etc: 420_000,
    lines: [
      L('Lead (Mara)', 3, 'day', 1, 90_000, 1_850),
      L('Supporting (Jonah, Ines)', 2, 'day', 2, 60_000, 1_850),
      L('Rehearsal', 1, 'day', 3, 30_000, 1_850),
    ],
    actuals: [[3, 'Cast payroll', 'Rehearsal day', 106_650]],
    pos: [],
  },
  {
    code: '2000',
    name: 'Production staff',
    line: 'BTL',
    category: PROD,
    etc: 260_000,
    lines: [
      L('Line producer', 3, 'week', 1, 120_000, 1_500),
      L('1st AD', 2, 'week', 1, 110_000, 1_500),
      L('Production assistants', 5, 'day', 3, 20_000, 1_500),
    ],
    actuals: [[7, 'Crew payroll', 'Prep week 1', 310_500]],
    pos: [],
  },
  {
    code: '2100',
    name: 'Extras',
    line: 'BTL',
    category: PROD,
    etc: 0,
    lines: [L('Fishermen (day 1)', 1, 'day', 6, 15_000)],
    actuals: [],
    pos: [['PO-0107', 'Coast Casting', 'Six background, day 1', 90_000, false]],
  },
  {
    code: '2200',
    name: 'Art department',
    line: 'BTL',
    category: PROD,
    etc: 40_000,
    lines: [L('Designer', 2, 'week', 1, 140_000, 1_500), L('Props & dressing', 1, 'allow', 1, 180_000)],
    actuals: [[5, 'Harbour Salvage', 'Nets, buoys, nameboard', 95_000]],
    pos: [['PO-0101', 'Prop Store Ltd', 'Hand props hire', 60_000, false]],
  },
  {
    code: '2300',
    name: 'Set construction',
    line: 'BTL',
    category: PROD,
    etc: 0,
    lines: [L('Bait shop counter & dressing', 1, 'flat', 1, 220_000)],
    actuals: [[6, 'Dock Joinery', 'Counter build', 150_000]],
    pos: [['PO-0102', 'Dock Joinery', 'Strike and make good', 95_000, false]],
  },
  {
    code: '2500',
    name: 'Grip',
    line: 'BTL',
    category: PROD,
    etc: 80_000,
    lines: [L('Key grip', 3, 'day', 1, 55_000, 1_500), L('Dolly & track', 3, 'day', 1, 35_000)],
    actuals: [],
    pos: [['PO-0103', 'Tracks & Co', 'Dolly, 3 days', 105_000, false]],
  },
  {
    code: '2700',
    name: 'Wardrobe',
    line: 'BTL',
    category: PROD,
    etc: 30_000,
    lines: [L('Costume designer', 2, 'week', 1, 100_000, 1_500), L('Purchases', 1, 'allow', 1, 120_000)],
    actuals: [[4, 'Oilskin Outfitters', 'Foul-weather gear x4', 62_000]],
    pos: [],
  },
  {
    code: '2800',
    name: 'Make-up & hair',
    line: 'BTL',
    category: PROD,
    etc: 60_000,
    lines: [L('Make-up artist', 3, 'day', 1, 40_000, 1_500), L('Kit allowance', 1, 'allow', 1, 30_000)],
    actuals: [],
    pos: [],
  },
  {
    code: '3100',
    name: 'Electrical',
    line: 'BTL',
    category: PROD,
    etc: 120_000,
    lines: [
      L('Gaffer', 3, 'day', 1, 60_000, 1_500),
      L('Lighting package', 1, 'week', 1, 450_000),
      L('Generator', 3, 'day', 1, 30_000),
    ],
    actuals: [[2, 'Sparks Hire', 'Deposit', 150_000]],
    pos: [['PO-0104', 'Sparks Hire', 'Lighting package balance', 300_000, false]],
  },
  {
    code: '3300',
    name: 'Camera',
    line: 'BTL',
    category: PROD,
    etc: 150_000,
    lines: [
      L('Director of photography', 3, 'day', 1, 95_000, 1_500),
      L('Camera assistants', 3, 'day', 2, 45_000, 1_500),
      L('Camera package', 1, 'week', 1, 600_000),
    ],
    actuals: [[2, 'Lens House', 'Camera package', 600_000]],
    pos: [['PO-0105', 'Sky Eye Drones', 'Drone and pilot, day 1', 85_000, false]],
  },
  {
    code: '3400',
    name: 'Production sound',
    line: 'BTL',
    category: PROD,
    etc: 190_000,
    lines: [L('Sound recordist', 3, 'day', 1, 55_000, 1_500), L('Sound kit', 3, 'day', 1, 15_000)],
    actuals: [],
    pos: [],
  },
  {
    code: '3500',
    name: 'Locations',
    line: 'BTL',
    category: PROD,
    etc: 20_000,
    lines: [
      L('Harbour & pier fee', 1, 'flat', 1, 250_000),
      L('Bait shop', 2, 'day', 1, 40_000),
      L('Flat & office', 2, 'day', 1, 30_000),
    ],
    actuals: [[10, 'Port Ellis Harbour Board', 'Pier permit', 250_000]],
    pos: [['PO-0106', 'Bait & Tackle Ltd', 'Shop rental', 80_000, true]],
  },
  {
    code: '3600',
    name: 'Transport',
    line: 'BTL',
    category: PROD,
    etc: 90_000,
    lines: [L('Unit van & driver', 3, 'day', 2, 25_000), L('Fuel', 1, 'allow', 1, 30_000)],
    actuals: [],
    pos: [],
  },
  {
    code: '3700',
    name: 'Catering',
    line: 'BTL',
    category: PROD,
    etc: 190_000,
    lines: [L('Meals', 3, 'day', 30, 2_500), L('Craft service', 3, 'day', 1, 15_000)],
    actuals: [[0, 'Harbour Kitchen', 'Day 1 breakfast & lunch', 96_500]],
    pos: [],
  },
  {
    code: '4100',
    name: 'Editorial',
    line: 'BTL',
    category: POST,
    etc: 480_000,
    lines: [L('Editor', 4, 'week', 1, 120_000, 1_500)],
    actuals: [],
    pos: [],
  },
  {
    code: '4300',
    name: 'Music',
    line: 'BTL',
    category: POST,
    etc: 300_000,
    lines: [L('Composer', 1, 'flat', 1, 300_000)],
    actuals: [],
    pos: [],
  },
  {
    code: '4400',
    name: 'Post sound',
    line: 'BTL',
    category: POST,
    etc: 0,
    lines: [L('Mix & design', 1, 'flat', 1, 350_000)],
    actuals: [],
    pos: [['PO-0108', 'Tidewater Audio', 'Sound design and mix', 350_000, false]],
  },
  {
    code: '4500',
    name: 'Colour & VFX',
    line: 'BTL',
    category: POST,
    etc: 260_000,
    lines: [L('Grade', 2, 'day', 1, 90_000), L('Storm VFX', 1, 'allow', 1, 150_000)],
    actuals: [],
    pos: [],
  },
  {
    code: '6500',
    name: 'Insurance',
    line: 'BTL',
    category: OTHER,
    etc: 0,
    lines: [L('Production package', 1, 'flat', 1, 180_000)],
    actuals: [[14, 'Marine & Film Mutual', 'Premium', 180_000]],
    pos: [],
  },
  {
    code: '6700',
    name: 'General expenses',
    line: 'BTL',
    category: OTHER,
    etc: 40_000,
    lines: [L('Office, phones, petty cash', 1, 'allow', 1, 80_000)],
    actuals: [[1, 'Petty cash', 'Float, week 1', 30_000]],
    pos: [],
  },
];

export interface DemoHotCost {
  kind: HotCostKind;
  description: string;
  account: string;
  budget: number;
  headcount?: number;
  hourlyRate?: number;
  straightHours?: number;
  fringeBp?: number;
  mealPenalty?: number;
  actual?: number;
}

/** Day 1's hot costs; labour actuals come from the day log. */
export const HOT_COSTS: DemoHotCost[] = [
  {
    kind: 'labour',
    description: 'Camera & sound crew',
    account: '3300',
    budget: 240_000,
    headcount: 4,
    hourlyRate: 5_000,
    straightHours: 10,
    fringeBp: 1_500,
    mealPenalty: 2_500,
  },
  {
    kind: 'labour',
    description: 'Grip & electric',
    account: '3100',
    budget: 270_000,
    headcount: 5,
    hourlyRate: 4_500,
    straightHours: 10,
    fringeBp: 1_500,
    mealPenalty: 2_500,
  },
  {
    kind: 'labour',
    description: 'Cast',
    account: '1400',
    budget: 210_000,
    headcount: 2,
    hourlyRate: 9_000,
    straightHours: 10,
    fringeBp: 1_850,
    mealPenalty: 5_000,
  },
  {
    kind: 'catering',
    description: 'Breakfast and lunch, 30 covers',
    account: '3700',
    budget: 90_000,
    actual: 96_500,
  },
  { kind: 'equipment', description: 'Extra dolly hours', account: '2500', budget: 0, actual: 35_000 },
];
