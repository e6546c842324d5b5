/** The demo production read as plain data, as a board's reader would see it, for the document builders. */
import * as Y from 'yjs';
import type { Board } from '../../shared/boards';
import { seedDemoBoard } from '../../shared/demo';
import { readBreakdown } from '../../shared/model/breakdown';
import { readCostReport } from '../../shared/model/costreport';
import { readMoodboard } from '../../shared/model/moodboard';
import { readSchedule } from '../../shared/model/schedule';
import { readShots } from '../../shared/model/shotlist';

export const DEMO_TODAY = '2026-12-07';

function seeded(board: Board): Y.Doc {
  const doc = new Y.Doc();
  seedDemoBoard(board, doc, { today: DEMO_TODAY });
  return doc;
}

export function demoData() {
  return {
    breakdown: readBreakdown(seeded('breakdown')),
    shots: readShots(seeded('shotlist')),
    schedule: readSchedule(seeded('schedule')),
    costreport: readCostReport(seeded('costreport')),
    moodboard: readMoodboard(seeded('moodboard')),
  };
}

/** Every text in a pdfmake definition, in document order (header and footer functions are not called). */
export function textsOf(node: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (typeof n === 'string') out.push(n);
    else if (typeof n === 'number') out.push(String(n));
    else if (Array.isArray(n)) n.forEach(walk);
    else if (n !== null && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      for (const key of ['text', 'stack', 'columns', 'ul', 'ol', 'table', 'body', 'content'])
        if (key in o) walk(o[key]);
    }
  };
  walk(node);
  return out;
}

/** A table cell's text, flattened. */
export const cellText = (cell: unknown): string => textsOf(cell).join('');
