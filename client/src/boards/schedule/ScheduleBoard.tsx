import { useCallback, useMemo, useState } from 'react';
import { readCast, readScenes, type Scene } from '../../../../shared/model/breakdown';
import {
  addBanner,
  addDay,
  addStrip,
  EMPTY_SCHEDULE,
  moveItem,
  readSchedule,
  selectDayItems,
  setStripStatus,
  type BoardItem,
  type StripStatus,
} from '../../../../shared/model/schedule';
import { addDays } from '../../../../shared/calc/clock';
import { formatEighths } from '../../../../shared/calc/eighths';
import { pageTotals, sceneIndex } from '../../../../shared/calc/schedule-totals';
import { LOCAL_ORIGIN } from '../../sync/board-session';
import { useBoardContext } from '../../sync/use-board-session';
import { jsonEqual, useDoc } from '../../sync/use-y';
import { useDialogs } from '../../ui/dialogs';
import { usePointerDrag, type DropTarget } from '../../ui/use-pointer-drag';
import { useCompanion } from '../companion';
import { localDate } from '../shotlist/schedule-link';
import { DayPanel } from './DayPanel';
import { DoodTable } from './DoodTable';
import { StripRow } from './StripRow';

const NO_SCENES: Scene[] = [];
const BONEYARD = 'boneyard';

export default function ScheduleBoard() {
  const { session, canWrite, notify } = useBoardContext();
  const doc = session.doc;
  const breakdown = useCompanion('breakdown');
  const schedule = useDoc(doc, (d) => (d ? readSchedule(d) : EMPTY_SCHEDULE), jsonEqual);
  const sceneList = useDoc(breakdown?.doc, (d) => (d ? readScenes(d) : NO_SCENES), jsonEqual);
  const castList = useDoc(breakdown?.doc, (d) => (d ? readCast(d) : []), jsonEqual);
  const [view, setView] = useState<'board' | 'dood'>('board');
  const [error, setError] = useState<string | null>(null);
  const dialogs = useDialogs();

  const scenes = useMemo(() => sceneIndex(sceneList), [sceneList]);
  const castBilling = useMemo(() => new Map(castList.map((c) => [c.id, c.billing])), [castList]);
  const totals = useMemo(() => pageTotals(schedule, sceneList), [schedule, sceneList]);
  const dayNumber = useMemo(() => new Map(totals.days.map((d) => [d.dayId, d])), [totals]);

  const attempt = (fn: () => void) => {
    try {
      fn();
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const drag = usePointerDrag(
    useCallback(
      (id: string, target: DropTarget) => {
        const container = target.container;
        if (container === null) return;
        const dayId = container === BONEYARD ? null : container;
        const items = selectDayItems(readSchedule(doc), dayId).filter((i) => i.id !== id);
        let after: string | null = items.at(-1)?.id ?? null;
        if (target.itemId) {
          const at = items.findIndex((i) => i.id === target.itemId);
          const insertAt = at < 0 ? items.length : at + (target.below ? 1 : 0);
          after = insertAt === 0 ? null : items[insertAt - 1]!.id;
        }
        attempt(() => moveItem(doc, id, dayId, after, LOCAL_ORIGIN));
        const strip = schedule.strips.find((s) => s.id === id);
        const scene = strip ? scenes.get(strip.sceneId) : undefined;
        if (scene && strip?.dayId !== dayId) {
          const where = dayId ? `Day ${dayNumber.get(dayId)?.dayNumber ?? '?'}` : 'the boneyard';
          notify({ kind: 'strip-moved', text: `Scene ${scene.number} moved to ${where}`, board: 'schedule' });
        }
      },
      [doc, schedule, scenes, dayNumber, notify],
    ),
  );

  const onStatus = useCallback(
    (id: string, status: StripStatus) => setStripStatus(doc, id, status, LOCAL_ORIGIN),
    [doc],
  );

  const unstripped = sceneList.filter(
    (s) => !s.omitted && !schedule.strips.some((st) => st.sceneId === s.id),
  );
  const lastDate = schedule.days.at(-1)?.date;

  const renderItems = (items: BoardItem[]) =>
    items.map((item) => (
      <StripRow
        key={item.id}
        item={item}
        scenes={scenes}
        castBilling={castBilling}
        canWrite={canWrite}
        dragging={drag.draggingId === item.id}
        drop={drag.target?.itemId === item.id ? (drag.target.below ? 'below' : 'above') : null}
        onDragStart={drag.start}
        onStatus={onStatus}
      />
    ));

  return (
    <div className="schedule">
      {dialogs.element}
      <div className="toolbar">
        <div className="segmented" role="group" aria-label="View">
          <button
            type="button"
            className="btn"
            aria-pressed={view === 'board'}
            onClick={() => setView('board')}
          >
            Stripboard
          </button>
          <button
            type="button"
            className="btn"
            aria-pressed={view === 'dood'}
            onClick={() => setView('dood')}
          >
            Day out of days
          </button>
        </div>
        <span className="muted">
          {schedule.days.length} days · {formatEighths(totals.scheduledEighths)} pages scheduled ·{' '}
          {formatEighths(totals.boneyardEighths)} in the boneyard
        </span>
        {canWrite && (
          <>
            <button
              type="button"
              className="btn"
              onClick={() =>
                attempt(() =>
                  addDay(
                    doc,
                    {
                      date: lastDate ? addDays(lastDate, 1) : localDate(),
                      crewCall: '07:00',
                      shootingCall: '08:00',
                      sunset: '19:30',
                      notes: '',
                    },
                    LOCAL_ORIGIN,
                  ),
                )
              }
            >
              + Day
            </button>
            {unstripped.length > 0 && (
              <button
                type="button"
                className="btn"
                title="Make a strip in the boneyard for every scene of the breakdown that has none"
                onClick={() =>
                  attempt(() => {
                    for (const s of unstripped) addStrip(doc, { sceneId: s.id, dayId: null }, LOCAL_ORIGIN);
                  })
                }
              >
                + Strips for {unstripped.length} scenes
              </button>
            )}
          </>
        )}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {view === 'dood' ? (
        <DoodTable schedule={schedule} scenes={sceneList} cast={castList} />
      ) : (
        <div className="schedule-layout">
          <div className="stripboard" aria-label="Stripboard">
            {schedule.days.map((day) => {
              const pages = dayNumber.get(day.id);
              return (
                <section key={day.id} className="day" data-drop-container={day.id} data-testid="day">
                  {renderItems(selectDayItems(schedule, day.id))}
                  <div className="day-break">
                    <strong>
                      End of Day {pages?.dayNumber} — {formatDate(day.date)}
                    </strong>
                    <span>
                      {pages?.pages ?? '0'} pages · crew call {day.crewCall}
                    </span>
                    {canWrite && (
                      <button
                        type="button"
                        className="btn small"
                        onClick={async () => {
                          const text = await dialogs.ask({
                            title: `Banner at the end of Day ${pages?.dayNumber ?? ''}`,
                            label: 'Banner text',
                            placeholder: 'COMPANY MOVE',
                          });
                          if (text) attempt(() => addBanner(doc, { text, dayId: day.id }, LOCAL_ORIGIN));
                        }}
                      >
                        + Banner
                      </button>
                    )}
                  </div>
                </section>
              );
            })}
            <section className="day boneyard" data-drop-container={BONEYARD} aria-label="Boneyard">
              <h2>Boneyard</h2>
              {renderItems(selectDayItems(schedule, null))}
              {selectDayItems(schedule, null).length === 0 && <p className="muted">No unscheduled strips.</p>}
            </section>
          </div>
          <DayPanel schedule={schedule} scenes={sceneList} />
        </div>
      )}
    </div>
  );
}

function formatDate(date: string): string {
  const d = new Date(`${date}T12:00:00`);
  return Number.isNaN(d.getTime())
    ? date
    : d.toLocaleDateString([], { weekday: 'short', day: 'numeric', month: 'short' });
}
