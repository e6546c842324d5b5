import { useCallback, useMemo, useRef, useState } from 'react';
import {
  readCast,
  readElements,
  readLocations,
  readScenes,
  type Location,
  type Scene,
} from '../../../../shared/model/breakdown';
import { elementSummary } from '../../../../shared/model/elements';
import {
  addBanner,
  addDay,
  addStrip,
  deleteBanner,
  deleteDay,
  EMPTY_SCHEDULE,
  insertDay,
  moveItem,
  readSchedule,
  revertSplit,
  selectDayItems,
  setDayStarted,
  setScheduleSettings,
  setStripStatus,
  splitStrip,
  updateBanner,
  type BoardItem,
  type ShootingDay,
  type StripStatus,
} from '../../../../shared/model/schedule';
import { nextWorkingDay, workingDayOnOrAfter } from '../../../../shared/calc/clock';
import type { SunsetWarning } from '../../../../shared/calc/day-status';
import { formatEighths } from '../../../../shared/calc/eighths';
import { pageTotals, sceneIndex, stripEighths } from '../../../../shared/calc/schedule-totals';
import { LOCAL_ORIGIN } from '../../sync/board-session';
import { useBoardContext } from '../../sync/use-board-session';
import { jsonEqual, useDoc } from '../../sync/use-y';
import { useDialogs } from '../../ui/dialogs';
import { usePointerDrag, type DropTarget } from '../../ui/use-pointer-drag';
import { useCompanion } from '../companion';
import { BannerDialog, SettingsDialog, StripMenu, type StripMenuChoice } from './BoardDialogs';
import { DayDialog, type DayAction } from './DayDialog';
import { boardClock, dayTitle, deviceTimeZone, formatDate, useInstant } from './day-views';
import { DayPanel } from './DayPanel';
import { DoodTable } from './DoodTable';
import { SplitDialog, type SplitChoice } from './SplitDialog';
import { StripRow } from './StripRow';
import { DamagedItems } from '../DamagedItems';

const NO_SCENES: Scene[] = [];
const NO_LOCATIONS: Location[] = [];
const BONEYARD = 'boneyard';

export default function ScheduleBoard() {
  const { session, canWrite, notify } = useBoardContext();
  const doc = session.doc;
  const breakdown = useCompanion('breakdown');
  const schedule = useDoc(doc, (d) => (d ? readSchedule(d) : EMPTY_SCHEDULE), jsonEqual);
  const sceneList = useDoc(breakdown?.doc, (d) => (d ? readScenes(d) : NO_SCENES), jsonEqual);
  const castList = useDoc(breakdown?.doc, (d) => (d ? readCast(d) : []), jsonEqual);
  const elementList = useDoc(breakdown?.doc, (d) => (d ? readElements(d) : []), jsonEqual);
  const locations = useDoc(breakdown?.doc, (d) => (d ? readLocations(d) : NO_LOCATIONS), jsonEqual);
  const [view, setView] = useState<'board' | 'dood'>('board');
  const [error, setError] = useState<string | null>(null);
  const dialogs = useDialogs();
  const instant = useInstant();

  const scenes = useMemo(() => sceneIndex(sceneList), [sceneList]);
  const castBilling = useMemo(() => new Map(castList.map((c) => [c.id, c.billing])), [castList]);
  const elementsOf = useMemo(
    () => new Map(sceneList.map((s) => [s.id, elementSummary(s, elementList)])),
    [sceneList, elementList],
  );
  const totals = useMemo(() => pageTotals(schedule, sceneList), [schedule, sceneList]);
  const pagesOf = useMemo(() => new Map(totals.days.map((d) => [d.dayId, d])), [totals]);
  const clock = useMemo(
    () => boardClock(schedule, scenes, sceneList, locations, instant),
    [schedule, scenes, sceneList, locations, instant],
  );
  const afterSunset = useMemo(() => {
    const flags = new Map<string, SunsetWarning>();
    for (const v of clock.views.values()) for (const w of v.status.sunsetWarnings) flags.set(w.stripId, w);
    return flags;
  }, [clock]);

  const attempt = (fn: () => void) => {
    try {
      fn();
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const dayName = useCallback(
    (dayId: string | null) => (dayId ? `${dayTitle(clock.views.get(dayId))}` : 'the boneyard'),
    [clock],
  );

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
          notify({
            kind: 'strip-moved',
            text: `Scene ${scene.number} moved to ${dayName(dayId)}`,
            board: 'schedule',
          });
        }
      },
      [doc, schedule, scenes, dayName, notify],
    ),
  );

  const onStatus = useCallback(
    (id: string, status: StripStatus) => setStripStatus(doc, id, status, LOCAL_ORIGIN),
    [doc],
  );

  const shootingDayOptions = (except: string | null) =>
    schedule.days
      .filter((d) => d.kind === 'shoot' && d.id !== except)
      .map((d) => ({ id: d.id, label: `${dayName(d.id)} · ${formatDate(d.date)}` }));

  const openSplit = async (item: BoardItem & { type: 'strip' }, moveRest: boolean) => {
    const scene = scenes.get(item.sceneId);
    const whole = stripEighths(item, scenes);
    if (whole < 2) {
      setError('A strip of 1/8 page cannot be split.');
      return;
    }
    const label = `Scene ${scene?.number ?? '?'}${item.part ? ` pt ${item.part}` : ''}`;
    await dialogs.show<SplitChoice>((done) => (
      <SplitDialog
        title={moveRest ? `${label}: move the rest to another day` : `Split ${label}`}
        sceneLabel={label}
        whole={whole}
        days={shootingDayOptions(item.dayId)}
        moveRest={moveRest}
        save={(c) => {
          splitStrip(
            doc,
            item.id,
            {
              sceneEighths: scene?.eighths ?? whole,
              firstEighths: c.firstEighths,
              ...(c.dayId === undefined ? {} : { to: { dayId: c.dayId } }),
            },
            LOCAL_ORIGIN,
          );
        }}
        onDone={() => done(null)}
      />
    ));
  };

  // strips are memoised rows: they get one stable callback that runs the latest handler
  const menuHandler = async (item: BoardItem) => {
    if (item.type === 'banner') {
      await dialogs.show<true>((done) => (
        <BannerDialog
          banner={item}
          save={(patch) => updateBanner(doc, item.id, patch, LOCAL_ORIGIN)}
          remove={() => {
            attempt(() => deleteBanner(doc, item.id, LOCAL_ORIGIN));
            done(true);
          }}
          onDone={() => done(true)}
        />
      ));
      return;
    }
    const scene = scenes.get(item.sceneId);
    const title = `Scene ${scene?.number ?? '?'}${item.part ? ` pt ${item.part}` : ''}`;
    const choice = await dialogs.show<StripMenuChoice>((done) => (
      <StripMenu
        title={title}
        isPart={item.part !== null}
        partial={item.status === 'partial'}
        onDone={done}
      />
    ));
    if (choice === 'revert')
      attempt(() => revertSplit(doc, item.id, { sceneEighths: scene?.eighths }, LOCAL_ORIGIN));
    else if (choice === 'split' || choice === 'move-rest') await openSplit(item, choice === 'move-rest');
  };
  const menuRef = useRef(menuHandler);
  menuRef.current = menuHandler;
  const onMenu = useCallback((item: BoardItem) => void menuRef.current(item), []);

  const onDayAction = async (day: ShootingDay, action: DayAction) => {
    if (action === 'delete') {
      const held = selectDayItems(schedule, day.id).filter((i) => i.type === 'strip').length;
      const yes = await dialogs.confirm({
        title: `Delete ${dayName(day.id)}?`,
        message:
          held > 0
            ? `${formatDate(day.date)} goes, and its ${held} strip${held === 1 ? '' : 's'} move to the boneyard.`
            : `${formatDate(day.date)} goes; it holds no strips.`,
        confirmLabel: 'Delete day',
        danger: true,
      });
      if (yes) attempt(() => deleteDay(doc, day.id, LOCAL_ORIGIN));
      return;
    }
    attempt(() => {
      if (action === 'insert-before' || action === 'insert-after')
        insertDay(
          doc,
          { dayId: day.id, position: action === 'insert-before' ? 'before' : 'after' },
          LOCAL_ORIGIN,
        );
      else setDayStarted(doc, day.id, action === 'start', LOCAL_ORIGIN);
    });
  };

  const editDay = async (day: ShootingDay) => {
    const v = clock.views.get(day.id);
    if (!v) return;
    const action = await dialogs.show<DayAction>((done) => (
      <DayDialog doc={doc} view={v} origin={LOCAL_ORIGIN} onAction={done} onDone={() => done(null)} />
    ));
    if (action) await onDayAction(day, action);
  };

  /** The next working day after the last day, with the last shooting day's calls. */
  const proposeDay = () => {
    const last = schedule.days.at(-1);
    const calls = schedule.days.filter((d) => d.kind === 'shoot').at(-1);
    const { daysOff } = schedule.settings;
    return {
      date: last ? nextWorkingDay(last.date, daysOff) : workingDayOnOrAfter(clock.now.date, daysOff),
      crewCall: calls?.crewCall ?? '07:00',
      shootingCall: calls?.shootingCall ?? '08:00',
    };
  };

  const unstripped = sceneList.filter(
    (s) => !s.omitted && !schedule.strips.some((st) => st.sceneId === s.id),
  );

  const renderItems = (items: BoardItem[]) =>
    items.map((item) => (
      <StripRow
        key={item.id}
        item={item}
        scenes={scenes}
        castBilling={castBilling}
        elements={elementsOf}
        canWrite={canWrite}
        dragging={drag.draggingId === item.id}
        drop={drag.target?.itemId === item.id ? (drag.target.below ? 'below' : 'above') : null}
        onDragStart={drag.start}
        onStatus={onStatus}
        onMenu={onMenu}
        afterSunset={afterSunset.get(item.id) ?? null}
      />
    ));

  const proposal = proposeDay();
  return (
    <div className="schedule">
      <DamagedItems board="schedule" />
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
          {totals.days.filter((d) => d.dayNumber > 0).length} days · {formatEighths(totals.scheduledEighths)}{' '}
          pages scheduled · {formatEighths(totals.boneyardEighths)} in the boneyard
        </span>
        {canWrite && (
          <>
            <button
              type="button"
              className="btn"
              title={`Adds ${formatDate(proposal.date)} (the next working day), crew call ${proposal.crewCall}`}
              onClick={() => attempt(() => addDay(doc, { ...proposal, notes: '' }, LOCAL_ORIGIN))}
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
            <button
              type="button"
              className="btn"
              onClick={() =>
                void dialogs.show<true>((done) => (
                  <SettingsDialog
                    timeZone={schedule.settings.timeZone}
                    deviceZone={deviceTimeZone()}
                    daysOff={schedule.settings.daysOff}
                    save={(s) => setScheduleSettings(doc, s, LOCAL_ORIGIN)}
                    onDone={() => done(true)}
                  />
                ))
              }
            >
              Schedule settings
            </button>
          </>
        )}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {view === 'dood' ? (
        <DoodTable schedule={schedule} scenes={sceneList} cast={castList} elements={elementList} />
      ) : (
        <div className="schedule-layout">
          <div className="stripboard" aria-label="Stripboard">
            {schedule.days.map((day) => {
              const v = clock.views.get(day.id);
              const editButton = canWrite && (
                <button type="button" className="btn" onClick={() => void editDay(day)}>
                  Edit day
                </button>
              );
              if (day.kind !== 'shoot') {
                return (
                  <section
                    key={day.id}
                    className={`day day-${day.kind}`}
                    data-testid="day"
                    data-day-kind={day.kind}
                  >
                    {renderItems(selectDayItems(schedule, day.id))}
                    <div className="day-break day-break-off">
                      <strong>
                        {dayTitle(v).toUpperCase()} — {formatDate(day.date)}
                      </strong>
                      {day.notes && <span>{day.notes}</span>}
                      {editButton}
                    </div>
                  </section>
                );
              }
              const pages = pagesOf.get(day.id);
              return (
                <section
                  key={day.id}
                  className="day"
                  data-drop-container={day.id}
                  data-testid="day"
                  data-day-kind="shoot"
                  data-date={day.date}
                >
                  {renderItems(selectDayItems(schedule, day.id))}
                  <div className="day-break">
                    <strong>
                      End of Day {pages?.dayNumber} of {pages?.ofDays} — {formatDate(day.date)}
                    </strong>
                    <span data-testid="day-calls">
                      {pages?.pages ?? '0'} pages · crew call {day.crewCall} · shooting call{' '}
                      {day.shootingCall}
                      {day.started && ' · started'}
                    </span>
                    {canWrite && (
                      <span className="day-break-actions">
                        <button
                          type="button"
                          className="btn"
                          onClick={async () => {
                            const text = await dialogs.ask({
                              title: `Banner at the end of ${dayName(day.id)}`,
                              label: 'Banner text',
                              placeholder: 'COMPANY MOVE',
                            });
                            if (text)
                              attempt(() =>
                                addBanner(
                                  doc,
                                  { text, minutes: /company move/i.test(text) ? 30 : 0, dayId: day.id },
                                  LOCAL_ORIGIN,
                                ),
                              );
                          }}
                        >
                          + Banner
                        </button>
                        {editButton}
                      </span>
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
          <DayPanel schedule={schedule} scenes={sceneList} clock={clock} dialogs={dialogs} />
        </div>
      )}
    </div>
  );
}
