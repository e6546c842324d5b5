/**
 * The AD's call sheet screen: pick a shooting day and see the sheet as it will be sent (the one derivation,
 * shared/calc/call-sheet.ts, over the schedule, the breakdown, the crew list and this board), with the typed
 * parts edited inline where they are printed. Readers see the same sheet without the editors.
 */
import { useEffect, useMemo, useState } from 'react';
import { deriveCallSheet } from '../../../../shared/calc/call-sheet';
import { readBreakdown, type Breakdown } from '../../../../shared/model/breakdown';
import { readCallSheet, type CallSheetTyped } from '../../../../shared/model/callsheet';
import { EMPTY_SCHEDULE, readSchedule } from '../../../../shared/model/schedule';
import { shortDate } from '../../../../shared/pdf/frame';
import { setBoardView } from '../../print/board-view';
import { useBoardContext } from '../../sync/use-board-session';
import { jsonEqual, useDoc } from '../../sync/use-y';
import { useCompanion } from '../companion';
import { DamagedItems } from '../DamagedItems';
import { localDate } from '../shotlist/schedule-link';
import { PublishSlot } from './PublishSlot';
import { SheetPeople } from './SheetPeople';
import { SheetTop } from './SheetTop';
import { usePeople } from './use-people';

const EMPTY_BREAKDOWN: Pick<Breakdown, 'scenes' | 'cast' | 'locations'> = {
  scenes: [],
  cast: [],
  locations: [],
};
const NOTHING_TYPED: Record<string, CallSheetTyped> = {};
const NOTHING_FOR_DAY: CallSheetTyped = {};

export default function CallSheetBoard() {
  const { session, canWrite, productionId, productionName = '', token } = useBoardContext();
  const typedAll = useDoc(session.doc, (d) => (d ? readCallSheet(d) : NOTHING_TYPED), jsonEqual);
  const scheduleSession = useCompanion('schedule');
  const breakdownSession = useCompanion('breakdown');
  const schedule = useDoc(scheduleSession?.doc, (d) => (d ? readSchedule(d) : EMPTY_SCHEDULE), jsonEqual);
  const breakdown = useDoc(breakdownSession?.doc, (d) => (d ? readBreakdown(d) : EMPTY_BREAKDOWN), jsonEqual);
  const people = usePeople(productionId, token);
  const shooting = useMemo(() => schedule.days.filter((d) => d.kind === 'shoot'), [schedule]);
  // The next shooting day from today: the sheet that goes out tonight.
  const [picked, setPicked] = useState<number | null>(null);
  const today = localDate();
  const next = shooting.findIndex((d) => d.date >= today);
  const dayNumber = Math.min(picked ?? (next >= 0 ? next + 1 : 1), Math.max(1, shooting.length));
  const day = shooting[dayNumber - 1] ?? null;
  const typed = (day && typedAll[day.id]) || NOTHING_FOR_DAY;

  useEffect(() => {
    setBoardView('callsheet', { day: String(dayNumber) });
    return () => setBoardView('callsheet', null);
  }, [dayNumber]);

  const sheet = useMemo(
    () =>
      deriveCallSheet({
        productionName,
        schedule,
        breakdown,
        people: people.people,
        dayNumber,
        typed,
      }),
    [productionName, schedule, breakdown, people.people, dayNumber, typed],
  );

  if (!scheduleSession) {
    return (
      <div className="callsheet">
        <DamagedItems board="callsheet" />
        <p className="empty">The call sheet is built from the schedule, which your role may not read.</p>
      </div>
    );
  }
  const edit = canWrite && day ? { doc: session.doc, dayId: day.id } : null;
  return (
    <div className="callsheet">
      <DamagedItems board="callsheet" />
      <div className="toolbar callsheet-toolbar">
        <label className="field inline">
          <span>Day</span>
          <select
            className="btn"
            aria-label="Shooting day"
            value={dayNumber}
            disabled={shooting.length === 0}
            onChange={(e) => setPicked(Number(e.target.value))}
          >
            {shooting.map((d, i) => (
              <option key={d.id} value={i + 1}>
                {`Day ${i + 1} of ${shooting.length} · ${shortDate(d.date)}`}
              </option>
            ))}
          </select>
        </label>
        {sheet && day && (
          <PublishSlot
            productionId={productionId}
            token={token}
            dayId={day.id}
            dayNumber={dayNumber}
            sheet={sheet}
            canWrite={canWrite}
          />
        )}
      </div>
      {people.status === 'error' && (
        <p className="banner warn" role="status">
          The crew and cast list could not be loaded ({people.message}): crew calls and key contacts are
          missing below.
        </p>
      )}
      {!sheet || !day ? (
        <p className="empty">No shooting days on the schedule yet: add one on the stripboard.</p>
      ) : (
        <article className="sheet" aria-label={`Call sheet, ${sheet.day.label}`}>
          <SheetTop sheet={sheet} typed={typed} edit={edit} />
          <SheetPeople sheet={sheet} typed={typed} edit={edit} loadingPeople={people.status === 'loading'} />
        </article>
      )}
    </div>
  );
}
