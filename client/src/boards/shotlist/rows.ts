/**
 * The shot list's display rows, as pure functions: which shots show (filters), in which order, with a
 * header wherever the scene (script order) or the setup (shooting order) changes, and totals per group.
 */
import * as Y from 'yjs';
import { SHOT_STATUSES, type ShotOrdering, type ShotStatus } from '../../../../shared/model/shotlist';
import { compareOrdered } from '../../../../shared/model/order-keys';

/** What the board needs of every shot; descriptions and notes stay out so typing there is invisible here. */
export interface ShotIndexEntry {
  id: string;
  sceneId: string;
  status: ShotStatus;
  setup: string;
  scriptOrder: string;
  shootOrder: string;
  minutes: number;
}

export interface SceneInfo {
  id: string;
  number: string;
  intExt: string;
  time: string;
  set: string;
}

export interface GroupTotals {
  shots: number;
  done: number;
  minutes: number;
}

export type DisplayItem =
  | { kind: 'header'; key: string; sceneId: string | null; title: string; totals: GroupTotals }
  | { kind: 'shot'; key: string; id: string; sceneId: string };

export interface Filters {
  status: ShotStatus | 'all';
  sceneId: string | 'all';
  /** Scenes scheduled today, or null when the filter is off. */
  today: ReadonlySet<string> | null;
  /** The shots a search matched, or null while nothing is searched. */
  ids?: ReadonlySet<string> | null;
}

export function readIndex(shots: Y.Map<Y.Map<unknown>> | null): ShotIndexEntry[] {
  if (!shots) return [];
  const out: ShotIndexEntry[] = [];
  for (const [id, e] of shots) {
    // Anyone can write anything here: a value that is no shot is skipped (and counted by DamagedItems).
    if (!(e instanceof Y.Map)) continue;
    const num = (k: string) => {
      const value: unknown = e.get(k);
      return typeof value === 'number' && Number.isFinite(value) ? value : 0;
    };
    const str = (k: string, d = '') => (typeof e.get(k) === 'string' ? (e.get(k) as string) : d);
    const status = str('status', 'planned');
    out.push({
      id,
      sceneId: str('sceneId'),
      status: (SHOT_STATUSES as readonly string[]).includes(status) ? (status as ShotStatus) : 'planned',
      setup: str('setup'),
      scriptOrder: str('scriptOrder', '1'),
      shootOrder: str('shootOrder', '1'),
      minutes: num('setupMinutes') + num('shootMinutes'),
    });
  }
  return out;
}

export function indexEqual(a: ShotIndexEntry[], b: ShotIndexEntry[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (
      x.id !== y.id ||
      x.sceneId !== y.sceneId ||
      x.status !== y.status ||
      x.setup !== y.setup ||
      x.scriptOrder !== y.scriptOrder ||
      x.shootOrder !== y.shootOrder ||
      x.minutes !== y.minutes
    ) {
      return false;
    }
  }
  return true;
}

export function sortIndex(index: readonly ShotIndexEntry[], ordering: ShotOrdering): ShotIndexEntry[] {
  const field = ordering === 'script' ? 'scriptOrder' : 'shootOrder';
  return [...index].sort((a, b) => compareOrdered({ key: a[field], id: a.id }, { key: b[field], id: b.id }));
}

/** Cut shots count in the list but not in the minutes still to shoot. */
export function totalsOf(shots: readonly ShotIndexEntry[]): GroupTotals {
  let done = 0;
  let minutes = 0;
  let count = 0;
  for (const s of shots) {
    if (s.status === 'cut') continue;
    count++;
    if (s.status === 'done') done++;
    minutes += s.minutes;
  }
  return { shots: count, done, minutes };
}

export function sceneTitle(scene: SceneInfo | undefined): string {
  if (!scene) return 'Scene not in the breakdown';
  return `${scene.number}. ${scene.intExt} ${scene.set} — ${scene.time}`;
}

export function buildItems(
  index: readonly ShotIndexEntry[],
  ordering: ShotOrdering,
  scenes: ReadonlyMap<string, SceneInfo>,
  filters: Filters,
): DisplayItem[] {
  const visible = sortIndex(index, ordering).filter(
    (s) =>
      (filters.status === 'all' || s.status === filters.status) &&
      (filters.sceneId === 'all' || s.sceneId === filters.sceneId) &&
      (!filters.today || filters.today.has(s.sceneId)) &&
      (!filters.ids || filters.ids.has(s.id)),
  );
  const groupKey = (s: ShotIndexEntry) => (ordering === 'script' ? s.sceneId : s.setup);
  const items: DisplayItem[] = [];
  let run: ShotIndexEntry[] = [];
  const flush = () => {
    const first = run[0];
    if (!first) return;
    const title =
      ordering === 'script'
        ? sceneTitle(scenes.get(first.sceneId))
        : first.setup
          ? `Setup ${first.setup}`
          : 'No setup given';
    items.push({
      kind: 'header',
      key: `h-${items.length}-${groupKey(first)}`,
      sceneId: ordering === 'script' ? first.sceneId : null,
      title,
      totals: totalsOf(ordering === 'script' ? index.filter((s) => s.sceneId === first.sceneId) : run),
    });
    for (const s of run) items.push({ kind: 'shot', key: s.id, id: s.id, sceneId: s.sceneId });
    run = [];
  };
  for (const s of visible) {
    if (run.length > 0 && groupKey(run[0]!) !== groupKey(s)) flush();
    run.push(s);
  }
  flush();
  return items;
}

/**
 * Where a dragged shot lands: the id it goes right after in the ordering (null: first). In script order a
 * shot stays inside its scene's run, so dropping past the run clamps to its edge.
 */
export function dropAfter(
  ordered: readonly ShotIndexEntry[],
  draggedId: string,
  /** The shot the pointer is over and whether it is in that row's lower half. */
  over: { id: string; below: boolean },
  ordering: ShotOrdering,
): string | null {
  const others = ordered.filter((s) => s.id !== draggedId);
  const dragged = ordered.find((s) => s.id === draggedId);
  if (!dragged) return null;
  let at = others.findIndex((s) => s.id === over.id);
  if (at < 0) return null;
  if (over.below) at += 1;
  if (ordering === 'script') {
    const first = others.findIndex((s) => s.sceneId === dragged.sceneId);
    if (first >= 0) {
      let last = first;
      while (last + 1 < others.length && others[last + 1]!.sceneId === dragged.sceneId) last++;
      at = Math.min(Math.max(at, first), last + 1);
    }
  }
  return at === 0 ? null : others[at - 1]!.id;
}
