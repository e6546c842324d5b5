/** The root types each board edits, so undo covers every edit a person makes on that board. */
import type * as Y from 'yjs';
import type { Board } from '../../../shared/boards';
import { breakdownRoots } from '../../../shared/model/breakdown';
import { callSheetRoots } from '../../../shared/model/callsheet-types';
import { costReportRoots } from '../../../shared/model/costreport';
import { dprRoots } from '../../../shared/model/dpr';
import { moodboardRoots } from '../../../shared/model/moodboard';
import { scheduleRoots } from '../../../shared/model/schedule';
import { shotlistRoots } from '../../../shared/model/shotlist';

const ROOTS: Record<Board, (doc: Y.Doc) => object> = {
  breakdown: breakdownRoots,
  shotlist: shotlistRoots,
  schedule: scheduleRoots,
  moodboard: moodboardRoots,
  costreport: costReportRoots,
  callsheet: callSheetRoots,
  dpr: dprRoots,
};

// The schema stamp lives in `meta`; undoing a first edit must never unstamp the document.
export function undoScope(board: Board, doc: Y.Doc): Array<Y.AbstractType<unknown>> {
  return Object.entries(ROOTS[board](doc))
    .filter(([name]) => name !== 'meta')
    .map(([, type]) => type as Y.AbstractType<unknown>);
}
