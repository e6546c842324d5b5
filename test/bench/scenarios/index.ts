import type { Scenario } from '../scenario';
import { ceiling } from './ceiling';
import { fanout } from './fanout';
import { idle } from './idle';
import { initialSync } from './initial-sync';
import { manyDocs } from './many-docs';
import { restart } from './restart';
import { shootingDay } from './shooting-day';
import { storm } from './storm';
import { manyWriters } from './writers';

/** In the order of issue 5, then issue 17's. */
export const SCENARIOS: Scenario[] = [
  fanout,
  manyDocs,
  initialSync,
  storm,
  restart,
  manyWriters,
  ceiling,
  idle,
  shootingDay,
];
