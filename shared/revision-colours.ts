/**
 * The colours of a call sheet's revisions, in the industry's order (the same as revised script pages):
 * the first issue is White, then Blue, Pink, Yellow, Green, Goldenrod, Buff, Salmon, Cherry; after Cherry the
 * cycle starts again as "Second Blue", "Second Pink", ... (White is never reused: it means the first issue).
 * The colour is printed in words on every page, because copies are photocopied black and white.
 */

/** Revision 1. */
export const FIRST_REVISION_COLOUR = 'White';

/** Revisions 2, 3, ... take these in turn, then the cycle repeats with an ordinal prefix. */
export const REVISION_COLOUR_CYCLE = [
  'Blue',
  'Pink',
  'Yellow',
  'Green',
  'Goldenrod',
  'Buff',
  'Salmon',
  'Cherry',
] as const;

const ORDINALS = ['Second', 'Third', 'Fourth', 'Fifth', 'Sixth', 'Seventh', 'Eighth', 'Ninth', 'Tenth'];

/** `1` -> White, `2` -> Blue, `9` -> Cherry, `10` -> Second Blue, `18` -> Third Blue. */
export function revisionColour(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`revision must be a whole number from 1; got ${n}`);
  if (n === 1) return FIRST_REVISION_COLOUR;
  const k = n - 2;
  const base = REVISION_COLOUR_CYCLE[k % REVISION_COLOUR_CYCLE.length]!;
  const round = Math.floor(k / REVISION_COLOUR_CYCLE.length);
  if (round === 0) return base;
  const ordinal = ORDINALS[round - 1] ?? `${round + 1}th`;
  return `${ordinal} ${base}`;
}

/** Screen swatches for the colours (the printed copy uses the word). */
export const REVISION_SWATCHES: Record<string, string> = {
  White: '#ffffff',
  Blue: '#9cc3ff',
  Pink: '#ffb3d1',
  Yellow: '#fff27a',
  Green: '#a6e3a1',
  Goldenrod: '#e6b422',
  Buff: '#f0dc82',
  Salmon: '#ff9e80',
  Cherry: '#de3163',
};

/** The swatch of `Second Blue` is Blue's. */
export function revisionSwatch(colour: string): string {
  const base = colour.split(' ').at(-1) ?? colour;
  return REVISION_SWATCHES[base] ?? '#ffffff';
}
