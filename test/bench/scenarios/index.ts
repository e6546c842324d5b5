import type { Scenario } from '../scenario';
import { fanout } from './fanout';

/** In the order of issue 5. */
export const SCENARIOS: Scenario[] = [fanout];
