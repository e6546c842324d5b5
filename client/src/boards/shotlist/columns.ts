/**
 * The shot list's columns: their order, widths and which of them this device shows. A tablet in landscape
 * cannot show all sixteen at a readable width, so the person picks; the choice is this device's (a laptop
 * and a phone on the same production want different columns), kept in localStorage.
 *
 * Rows and the header are one CSS grid each with the same track list (`--shot-columns`); a hidden column is
 * left out of the track list and its cells are `display: none` (styles.css, `.shotlist[data-hide~=…]`), so
 * the row component renders every cell and needs to know nothing about the choice.
 */
import { useCallback, useState } from 'react';

export interface ShotColumn {
  /** Stable id, stored and used in `data-hide`. */
  key: string;
  /** The cell class in ShotRow (one class may be two cells: the two minute columns). */
  cell: string;
  /** Header texts, one per cell. */
  heads: readonly string[];
  /** The name in the Columns menu. */
  name: string;
  /** A CSS grid track per cell. */
  tracks: readonly string[];
  /** The tracks' smallest widths in px, summed: the row's width when space is short. */
  min: number;
}

const col = (key: string, name: string, heads: string[], tracks: string[], min: number): ShotColumn => ({
  key,
  cell: `c-${key}`,
  heads,
  name,
  tracks,
  min,
});

/** Always shown and pinned at the left: which shot a row is. */
export const CODE_COLUMN = col('code', 'Shot', ['Shot'], ['64px'], 64);

/** The columns a person may hide, in the order they appear after the shot code. */
export const OPTIONAL_COLUMNS: readonly ShotColumn[] = [
  // the storyboard next to the code: the director sees frames without scrolling sideways
  col('frames', 'Storyboard frames', ['Frames'], ['80px'], 80),
  col('size', 'Size', ['Size'], ['96px'], 96),
  col('angle', 'Angle', ['Angle'], ['104px'], 104),
  col('move', 'Movement', ['Move'], ['108px'], 108),
  col('lens', 'Lens', ['Lens'], ['72px'], 72),
  col('cam', 'Camera', ['Cam'], ['52px'], 52),
  col('fps', 'Frame rate', ['fps'], ['64px'], 64),
  col('sound', 'Sound', ['Sound'], ['76px'], 76),
  col('desc', 'Description', ['Description'], ['minmax(220px, 2fr)'], 220),
  col('cast', 'Cast', ['Cast'], ['80px'], 80),
  col('setup', 'Setup', ['Setup'], ['84px'], 84),
  col('min', 'Minutes (set, shoot)', ['Set min', 'Shoot min'], ['64px', '64px'], 128),
  col('status', 'Status', ['Status'], ['104px'], 104),
  col('notes', 'Notes', ['Notes'], ['minmax(160px, 1fr)'], 160),
];

const HANDLE = 44;
/**
 * Dup, Cut (or Restore) and Delete: one fixed width for every row, as the header's, since a track sized by each row's
 * own buttons would shift every column of a row whose button reads "Restore" rather than "Cut".
 */
const ACTIONS = 204;
const GAP = 4;
const PADDING = 12;

const STORAGE_KEY = 'setboard.shotlist.hidden-columns.v1';

/** The grid of the header and of every row for these hidden columns; readers' rows have no actions. */
export function columnLayout(
  hidden: ReadonlySet<string>,
  canWrite: boolean,
): {
  shown: ShotColumn[];
  template: string;
  minWidth: number;
} {
  const shown = [CODE_COLUMN, ...OPTIONAL_COLUMNS.filter((c) => !hidden.has(c.key))];
  const actions = canWrite ? ACTIONS : 0;
  const tracks = [`${HANDLE}px`, ...shown.flatMap((c) => c.tracks), `${actions}px`];
  const minWidth =
    HANDLE + shown.reduce((sum, c) => sum + c.min, 0) + actions + GAP * (tracks.length - 1) + PADDING;
  return { shown, template: tracks.join(' '), minWidth };
}

function readHidden(): Set<string> {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    const known = new Set(OPTIONAL_COLUMNS.map((c) => c.key));
    return new Set(Array.isArray(stored) ? stored.filter((k): k is string => known.has(k as string)) : []);
  } catch {
    // storage switched off or a value another version wrote: every column shows
    return new Set();
  }
}

/** The hidden columns of this device, and a toggle that remembers the choice. */
export function useHiddenColumns(): [ReadonlySet<string>, (key: string) => void] {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(readHidden);
  const toggle = useCallback((key: string) => {
    setHidden((before) => {
      const next = new Set(before);
      if (!next.delete(key)) next.add(key);
      try {
        localStorage.setItem(STORAGE_KEY, JSON.stringify([...next]));
      } catch {
        // private mode without storage: the choice lasts until the page is closed
      }
      return next;
    });
  }, []);
  return [hidden, toggle];
}
