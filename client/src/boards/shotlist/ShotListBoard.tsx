import { useVirtualizer } from '@tanstack/react-virtual';
import { usePointerDrag, type DropTarget } from '../../ui/use-pointer-drag';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { readCast, readScenes, type Scene } from '../../../../shared/model/breakdown';
import * as Y from 'yjs';
import {
  SHOT_STATUSES,
  addShot,
  readShotEntity,
  moveShot,
  shotlistRoots,
  type ShotOrdering,
  type ShotStatus,
} from '../../../../shared/model/shotlist';
import { useOthersFocus } from '../../sync/awareness';
import { LOCAL_ORIGIN } from '../../sync/board-session';
import { useBoardContext } from '../../sync/use-board-session';
import { jsonEqual, useDoc, useY } from '../../sync/use-y';
import { useCompanion } from '../companion';
import { castLookup } from './cast';
import { buildItems, dropAfter, indexEqual, readIndex, sortIndex, totalsOf } from './rows';
import { localDate, readDayScenes, todaysDay } from './schedule-link';
import { ShootCard } from './ShootCard';
import { ShotRow, STATUS_LABELS } from './ShotRow';
import type { StoryboardAccess } from './Storyboard';
import { usePrinting } from '../../print/use-printing';
import { DamagedItems } from '../DamagedItems';
import { matchesSearch, searchTerms, shotSubject } from '../../../../shared/calc/search';
import { readVocabularies, vocabularyRoots } from '../../../../shared/model/vocabularies';
import { SearchBox } from '../../ui/SearchBox';
import { UndoSnackbar } from '../../ui/UndoSnackbar';
import { deleteShotWithUndo, type DeletedShot } from './delete-shot';
import { VocabularyDialog } from './VocabularyDialog';

const ROW_HEIGHT = 52;
const CARD_HEIGHT = 96;
const HEADER_HEIGHT = 48;
const NO_SCENES: Scene[] = [];
const FRAME_RATES_LIST = 'shotlist-frame-rates';

interface SearchEntry {
  id: string;
  sceneId: string;
  code: string;
  description: string;
  castIds: string[];
}

/** What search reads of every shot; only subscribed while something is searched (descriptions change often). */
function readSearchEntries(shots: Y.Map<Y.Map<unknown>> | null): SearchEntry[] {
  if (!shots) return [];
  const out: SearchEntry[] = [];
  for (const [id, e] of shots) {
    if (!(e instanceof Y.Map)) continue;
    const { sceneId, code, description, castIds } = readShotEntity(id, e);
    out.push({ id, sceneId, code, description, castIds });
  }
  return out;
}

export default function ShotListBoard() {
  const { session, canWrite, notify, productionId, token, permissions } = useBoardContext();
  const storyboard = useMemo<StoryboardAccess>(
    () => ({
      productionId,
      token,
      canView: permissions.moodboard !== 'none',
      canUpload: permissions.moodboard === 'write',
    }),
    [productionId, token, permissions.moodboard],
  );
  const breakdown = useCompanion('breakdown');
  const schedule = useCompanion('schedule');
  const index = useY(shotlistRoots(session.doc).shots, readIndex, { deep: true, equal: indexEqual });
  const sceneList = useDoc(breakdown?.doc, (d) => (d ? readScenes(d) : NO_SCENES), jsonEqual);
  const castList = useDoc(breakdown?.doc, (d) => (d ? readCast(d) : []), jsonEqual);
  const days = useDoc(schedule?.doc, readDayScenes, jsonEqual);
  const editors = useOthersFocus(session.provider);

  const [ordering, setOrdering] = useState<ShotOrdering>('script');
  // A phone shows cards (readable in one column); the wide editing grid is for tablets and laptops.
  const [mode, setMode] = useState<'edit' | 'shoot'>(() =>
    typeof window.matchMedia === 'function' && window.matchMedia('(max-width: 600px)').matches
      ? 'shoot'
      : 'edit',
  );
  const [status, setStatus] = useState<ShotStatus | 'all'>('all');
  const [sceneId, setSceneId] = useState<string>('all');
  const [todayOnly, setTodayOnly] = useState(false);
  const [query, setQuery] = useState('');
  const [editingLists, setEditingLists] = useState(false);
  const [deleted, setDeleted] = useState<{ code: string; way: DeletedShot } | null>(null);
  const vocabularies = useY(vocabularyRoots(session.doc).vocabularies, () => readVocabularies(session.doc), {
    deep: true,
    equal: jsonEqual,
  });
  const terms = useMemo(() => searchTerms(query), [query]);
  const searchEntries = useY(terms.length > 0 ? shotlistRoots(session.doc).shots : null, readSearchEntries, {
    deep: true,
    equal: jsonEqual,
  });

  const scenes = useMemo(() => new Map(sceneList.map((s) => [s.id, s])), [sceneList]);
  const cast = useMemo(() => castLookup(castList), [castList]);
  const today = useMemo(() => todaysDay(days, localDate()), [days]);
  const todaySet = useMemo(() => (todayOnly ? new Set(today?.sceneIds ?? []) : null), [todayOnly, today]);
  const castById = useMemo(() => new Map(castList.map((c) => [c.id, c])), [castList]);
  const found = useMemo(
    () =>
      terms.length === 0
        ? null
        : new Set(
            searchEntries
              .filter((s) => matchesSearch(shotSubject(s, scenes.get(s.sceneId), castById), terms))
              .map((s) => s.id),
          ),
    [terms, searchEntries, scenes, castById],
  );
  const items = useMemo(
    () => buildItems(index, ordering, scenes, { status, sceneId, today: todaySet, ids: found }),
    [index, ordering, scenes, status, sceneId, todaySet, found],
  );
  const shownShots = useMemo(() => items.filter((i) => i.kind === 'shot').length, [items]);
  // The way back from a delete lives as long as its snackbar.
  useEffect(() => () => deleted?.way.dispose(), [deleted]);
  const remove = useCallback(
    (id: string, code: string) => setDeleted({ code, way: deleteShotWithUndo(session, id) }),
    [session],
  );
  const ordered = useMemo(() => sortIndex(index, ordering), [index, ordering]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const rowHeight = mode === 'shoot' ? CARD_HEIGHT : ROW_HEIGHT;
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (items[i]?.kind === 'header' ? HEADER_HEIGHT : rowHeight),
    getItemKey: (i) => items[i]?.key ?? i,
    overscan: 8,
    initialRect: { width: 1024, height: 768 },
  });
  useEffect(() => virtualizer.measure(), [mode, virtualizer]);
  // paper has no scrolling: while printing, every row is rendered in the page's flow
  const printing = usePrinting();
  const rows = printing
    ? items.map((item, index) => ({ index, key: item.key, start: 0, size: 0 }))
    : virtualizer.getVirtualItems();

  const drag = usePointerDrag(
    useCallback(
      (id: string, target: DropTarget) => {
        if (!target.itemId) return;
        const after = dropAfter(ordered, id, { id: target.itemId, below: target.below }, ordering);
        moveShot(session.doc, id, ordering, after, LOCAL_ORIGIN);
      },
      [ordered, ordering, session],
    ),
  );

  const add = (targetScene: string) => {
    const scene = scenes.get(targetScene);
    if (!scene) return;
    addShot(session.doc, { sceneId: targetScene, sceneNumber: scene.number }, LOCAL_ORIGIN);
  };
  const addScene = sceneId !== 'all' ? sceneId : (sceneList.find((s) => !s.omitted)?.id ?? null);

  return (
    <div className="shotlist">
      <DamagedItems board="shotlist" />
      <div className="toolbar" role="toolbar" aria-label="Shot list view">
        <div className="segmented" role="group" aria-label="Order">
          {(['script', 'shoot'] as const).map((o) => (
            <button
              key={o}
              type="button"
              className="btn"
              aria-pressed={ordering === o}
              onClick={() => setOrdering(o)}
            >
              {o === 'script' ? 'Script order' : 'Shooting order'}
            </button>
          ))}
        </div>
        <select
          className="btn"
          aria-label="Filter by status"
          value={status}
          onChange={(e) => setStatus(e.target.value as ShotStatus | 'all')}
        >
          <option value="all">All statuses</option>
          {SHOT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        <select
          className="btn"
          aria-label="Filter by scene"
          value={sceneId}
          onChange={(e) => setSceneId(e.target.value)}
        >
          <option value="all">All scenes</option>
          {sceneList.map((s) => (
            <option key={s.id} value={s.id}>
              Sc. {s.number} {s.set}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="btn"
          aria-pressed={todayOnly}
          onClick={() => setTodayOnly((t) => !t)}
          disabled={!today}
        >
          {today ? `Today (${today.label})` : 'Today'}
        </button>
        <SearchBox
          query={query}
          onChange={setQuery}
          placeholder="Scene, set, description, cast"
          count={found ? { shown: shownShots, total: index.length, noun: 'shots' } : null}
        />
        {canWrite && mode === 'edit' && (
          <button type="button" className="btn" onClick={() => setEditingLists(true)}>
            Edit lists
          </button>
        )}
        <button
          type="button"
          className="btn shoot-toggle"
          aria-pressed={mode === 'shoot'}
          onClick={() => setMode((m) => (m === 'shoot' ? 'edit' : 'shoot'))}
        >
          {mode === 'shoot' ? 'Leave shoot mode' : 'Shoot mode'}
        </button>
        {canWrite && mode === 'edit' && (
          <button
            type="button"
            className="btn primary"
            disabled={!addScene}
            onClick={() => addScene && add(addScene)}
            title={addScene ? 'Add a shot' : 'Add scenes in the breakdown first'}
          >
            + Shot
          </button>
        )}
      </div>
      <datalist id={FRAME_RATES_LIST}>
        {vocabularies.frameRate.map((rate) => (
          <option key={rate} value={rate} />
        ))}
      </datalist>
      {editingLists && <VocabularyDialog doc={session.doc} onClose={() => setEditingLists(false)} />}
      {deleted && (
        <UndoSnackbar
          message={`Shot ${deleted.code} deleted`}
          onUndo={() => {
            deleted.way.undo();
            setDeleted(null);
          }}
          onDismiss={() => setDeleted(null)}
        />
      )}
      <DayTotals days={days} index={index} />
      {mode === 'edit' && (
        <div className="shot-head" aria-hidden="true">
          <span className="drag-handle" />
          <span className="c-code">Shot</span>
          <span className="c-size">Size</span>
          <span className="c-angle">Angle</span>
          <span className="c-move">Move</span>
          <span className="c-lens">Lens</span>
          <span className="c-cam">Cam</span>
          <span className="c-fps">fps</span>
          <span className="c-sound">Sound</span>
          <span className="c-desc">Description</span>
          <span className="c-cast">Cast</span>
          <span className="c-setup">Setup</span>
          <span className="c-min">Set min</span>
          <span className="c-min">Shoot min</span>
          <span className="c-status">Status</span>
          <span className="c-notes">Notes</span>
          <span className="c-frames">Frames</span>
        </div>
      )}
      <div className="virtual-scroll" ref={scrollRef} data-testid="shot-scroll">
        {items.length === 0 && (
          <p className="empty">
            {index.length === 0
              ? 'No shots yet.'
              : found
                ? `No shots match "${query.trim()}".`
                : 'No shots match these filters.'}
            {index.length === 0 &&
              canWrite &&
              sceneList.length === 0 &&
              ' Add scenes in the breakdown, then add shots here.'}
          </p>
        )}
        <div style={printing ? undefined : { height: virtualizer.getTotalSize(), position: 'relative' }}>
          {rows.map((v) => {
            const item = items[v.index]!;
            return (
              <div
                key={v.key}
                data-index={v.index}
                data-item-id={item.kind === 'shot' ? item.id : undefined}
                className={`virtual-item ${item.kind === 'shot' && drag.target?.itemId === item.id ? (drag.target.below ? 'drop-below' : 'drop-above') : ''}`}
                style={
                  printing
                    ? undefined
                    : {
                        position: 'absolute',
                        top: 0,
                        left: 0,
                        right: 0,
                        height: v.size,
                        transform: `translateY(${v.start}px)`,
                      }
                }
              >
                {item.kind === 'header' ? (
                  <div className="group-header">
                    <strong>{item.title}</strong>
                    <span className="muted">
                      {item.totals.shots} shots · {item.totals.done} done ·{' '}
                      {formatMinutes(item.totals.minutes)}
                    </span>
                    {canWrite && item.sceneId && mode === 'edit' && (
                      <button type="button" className="btn small" onClick={() => add(item.sceneId!)}>
                        + Shot
                      </button>
                    )}
                  </div>
                ) : mode === 'shoot' ? (
                  <ShootCard id={item.id} session={session} canWrite={canWrite} notify={notify} />
                ) : (
                  <ShotRow
                    id={item.id}
                    session={session}
                    canWrite={canWrite}
                    editors={editors.get(item.id)}
                    cast={cast}
                    sceneNumber={scenes.get(item.sceneId)?.number ?? ''}
                    onDragStart={drag.start}
                    dragging={drag.draggingId === item.id}
                    storyboard={storyboard}
                    vocabularies={vocabularies}
                    frameRates={FRAME_RATES_LIST}
                    onDelete={remove}
                  />
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function DayTotals({
  days,
  index,
}: {
  days: ReturnType<typeof readDayScenes>;
  index: ReturnType<typeof readIndex>;
}) {
  if (days.length === 0) return null;
  return (
    <div className="day-totals" aria-label="Totals per shooting day">
      {days.map((d) => {
        const scenes = new Set(d.sceneIds);
        const t = totalsOf(index.filter((s) => scenes.has(s.sceneId)));
        return (
          <span key={d.dayId} className="day-total" title={d.date}>
            <strong>{d.label}</strong> {t.done}/{t.shots} shots · {formatMinutes(t.minutes)}
          </span>
        );
      })}
    </div>
  );
}

export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m` : `${m}m`;
}
