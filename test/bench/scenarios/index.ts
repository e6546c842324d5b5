import type { Scenario } from '../scenario';
import { ceiling } from './ceiling';
import { fanout } from './fanout';
import { initialSync } from './initial-sync';
import { manyDocs } from './many-docs';
import { restart } from './restart';
import { storm } from './storm';
import { manyWriters } from './writers';

/** In the order of issue 5. */
export const SCENARIOS: Scenario[] = [fanout, manyDocs, initialSync, storm, restart, manyWriters, ceiling];
