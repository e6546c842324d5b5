import { useVirtualizer } from '@tanstack/react-virtual';
import { usePointerDrag, type DropTarget } from '../../ui/use-pointer-drag';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type CSSProperties } from 'react';
import { readCast, readScenes, type Scene } from '../../../../shared/model/breakdown';
import * as Y from 'yjs';
import {
  addShot,
  readShotEntity,
  moveShot,
  shotlistRoots,
  type ShotOrdering,
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
import { ShotRow } from './ShotRow';
import { columnLayout, useHiddenColumns } from './columns';
import { ColumnsMenu } from './ColumnsMenu';
import { FiltersButton, FiltersPanel, NO_FILTERS, type ShotFilterValues } from './ShotFilters';
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
/** A first guess only: shoot-mode cards are measured, since a long description makes a taller card. */
const CARD_HEIGHT = 96;
const HEADER_HEIGHT = 48;
/** The column header row, sticky at the top of the list's own scroll box (styles.css `.shot-head`). */
const HEAD_HEIGHT = 32;
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
  const [filters, setFilters] = useState<ShotFilterValues>(NO_FILTERS);
  const { status, sceneId, todayOnly } = filters;
  const [filtersOpen, setFiltersOpen] = useState(false);
  const filtersId = useId();
  const [hidden, toggleColumn] = useHiddenColumns();
  const columns = useMemo(() => columnLayout(hidden, canWrite), [hidden, canWrite]);
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
  const shoot = mode === 'shoot';
  const rowHeight = shoot ? CARD_HEIGHT : ROW_HEIGHT;
  const scrollMargin = shoot ? 0 : HEAD_HEIGHT;
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (items[i]?.kind === 'header' ? HEADER_HEIGHT : rowHeight),
    getItemKey: (i) => items[i]?.key ?? i,
    overscan: 8,
    scrollMargin,
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

  const gridStyle = {
    '--shot-columns': columns.template,
    '--shot-row-min': `${columns.minWidth}px`,
  } as CSSProperties;

  return (
    <div className={`shotlist mode-${mode}`} data-hide={[...hidden].join(' ') || undefined} style={gridStyle}>
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
        <FiltersButton
          open={filtersOpen}
          onToggle={() => setFiltersOpen((o) => !o)}
          panelId={filtersId}
          values={filters}
        />
        <SearchBox
          query={query}
          onChange={setQuery}
          placeholder="Scene, set, description, cast"
          count={found ? { shown: shownShots, total: index.length, noun: 'shots' } : null}
        />
        {!shoot && <ColumnsMenu hidden={hidden} toggle={toggleColumn} />}
        {canWrite && !shoot && (
          <button type="button" className="btn" onClick={() => setEditingLists(true)}>
            Edit lists
          </button>
        )}
        <button
          type="button"
          className="btn shoot-toggle"
          aria-pressed={shoot}
          onClick={() => setMode((m) => (m === 'shoot' ? 'edit' : 'shoot'))}
        >
          {shoot ? 'Leave shoot mode' : 'Shoot mode'}
        </button>
        {canWrite && !shoot && (
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
      {filtersOpen && (
        <FiltersPanel
          id={filtersId}
          values={filters}
          onChange={setFilters}
          scenes={sceneList}
          today={today ?? null}
        >
          <DayTotals days={days} index={index} />
        </FiltersPanel>
      )}
      <div className="virtual-scroll" ref={scrollRef} data-testid="shot-scroll">
        {!shoot && (
          <div className="shot-head" aria-hidden="true" style={{ height: HEAD_HEIGHT }}>
            <span className="drag-handle" />
            {columns.shown.flatMap((c) =>
              c.heads.map((h) => (
                <span key={h} className={c.cell}>
                  {h}
                </span>
              )),
            )}
          </div>
        )}
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
        <div
          className="virtual-rows"
          style={printing ? undefined : { height: virtualizer.getTotalSize(), position: 'relative' }}
        >
          {rows.map((v) => {
            const item = items[v.index]!;
            return (
              <div
                key={v.key}
                data-index={v.index}
                data-item-id={item.kind === 'shot' ? item.id : undefined}
                // a card is as tall as its text: the list measures it rather than trusting the guess
                ref={shoot && !printing ? virtualizer.measureElement : undefined}
                className={`virtual-item ${item.kind === 'shot' && drag.target?.itemId === item.id ? (drag.target.below ? 'drop-below' : 'drop-above') : ''}`}
                style={
                  printing
                    ? undefined
                    : {
                        position: 'absolute',
                        top: 0,
                        left: 0,
                        right: 0,
                        height: shoot ? undefined : v.size,
                        transform: `translateY(${v.start - scrollMargin}px)`,
                      }
                }
              >
                {item.kind === 'header' ? (
                  <div className="group-header">
                    {/* pinned at the left while the row's columns scroll sideways */}
                    <div className="group-title">
                      <strong>{item.title}</strong>
                      <span className="muted">
                        {item.totals.shots} shots · {item.totals.done} done ·{' '}
                        {formatMinutes(item.totals.minutes)}
                      </span>
                      {canWrite && item.sceneId && !shoot && (
                        <button type="button" className="btn small" onClick={() => add(item.sceneId!)}>
                          + Shot
                        </button>
                      )}
                    </div>
                  </div>
                ) : shoot ? (
                  <ShootCard
                    id={item.id}
                    session={session}
                    canWrite={canWrite}
                    notify={notify}
                    storyboard={storyboard}
                  />
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
