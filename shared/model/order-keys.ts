/**
 * Fractional order keys: a user ordering is stored as one string key per item, and moving an item rewrites
 * only that item's key to one that sorts between its new neighbours. Two tablets reordering at once each
 * write one key per moved item, so the merge can never duplicate or lose an item; at worst an item lands
 * where the last writer put it.
 *
 * Keys are strings over DIGITS (ordered as in ASCII, so plain `<` compares them) and never end with the
 * smallest digit, which keeps room below every key. Each generated key carries a short suffix from the
 * replica's client id, so two replicas dropping different items into the same gap get different keys.
 * Equal keys can still arise (data written by hand or imported), so every sort breaks ties by item id.
 */
import { ModelError } from './errors';

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE = DIGITS.length;

function digit(key: string, i: number): number {
  const d = DIGITS.indexOf(key[i]!);
  if (d < 0)
    throw new ModelError('order', `order key ${JSON.stringify(key)} has a character outside 0-9A-Za-z`);
  return d;
}

export function isOrderKey(key: unknown): key is string {
  return (
    typeof key === 'string' &&
    key.length > 0 &&
    key.length <= 200 &&
    /^[0-9A-Za-z]+$/.test(key) &&
    !key.endsWith(DIGITS[0]!)
  );
}

/** A key strictly between `a` and `b`; null means the open end. Throws if `a >= b`. */
export function keyBetween(a: string | null, b: string | null): string {
  if (a !== null && b !== null && a >= b) {
    throw new ModelError('order', `no key between ${JSON.stringify(a)} and ${JSON.stringify(b)}`);
  }
  let prefix = '';
  let underB = b === null; // once the prefix is below b at some position, later digits are free up to BASE
  for (let i = 0; ; i++) {
    const lo = a !== null && i < a.length ? digit(a, i) : 0;
    const hi = underB ? BASE : i < b!.length ? digit(b!, i) : 0;
    if (hi - lo >= 2) return prefix + DIGITS[pick(lo, hi, a, b)]!;
    prefix += DIGITS[lo]!;
    if (hi - lo === 1) underB = true;
    // When the prefix runs past the end of `a`, the remaining digits of `a` read as 0, so the loop
    // always ends: at the latest on the next position where `hi` is BASE.
    if (i > 400) throw new ModelError('order', `keys ${a} and ${b} are malformed`);
  }
}

/**
 * The digit to place between `lo` and `hi` (hi - lo >= 2). Between two neighbours, the midpoint leaves room on
 * both sides. At an open end (a new shot goes last, an urgent one first), halving the open range would add a
 * character every ~5 appends and a long list would outgrow its keys; stepping one digit adds a character only
 * every ~60, so ten thousand appends stay well under the length limit.
 */
function pick(lo: number, hi: number, a: string | null, b: string | null): number {
  if (a !== null && b === null) return lo + 1;
  if (a === null && b !== null) return hi - 1;
  return Math.floor((lo + hi) / 2);
}

/**
 * A key between `a` and `b` that is unique to this replica: the midpoint, then the client id in base 62.
 * The midpoint is never a prefix of `b`, so anything appended to it still sorts below `b`.
 */
export function replicaKeyBetween(a: string | null, b: string | null, clientId: number): string {
  return keyBetween(a, b) + suffix(clientId);
}

function suffix(clientId: number): string {
  let n = Math.abs(Math.trunc(clientId)) + 1;
  let out = '';
  while (n > 0) {
    out = DIGITS[n % BASE]! + out;
    n = Math.floor(n / BASE);
  }
  // a trailing smallest digit would leave no room below the key
  return out.endsWith(DIGITS[0]!) ? `${out}1` : out;
}

/** `count` evenly spread keys, for seeding an ordering in one go. */
export function initialKeys(count: number): string[] {
  const keys: string[] = [];
  let prev: string | null = null;
  // Two-digit keys spaced evenly leave room for many inserts between neighbours before keys grow.
  const width = count < BASE - 1 ? 1 : 2;
  const span = BASE ** width;
  for (let i = 1; i <= count; i++) {
    let n = Math.floor((i * span) / (count + 1));
    let key = '';
    for (let w = 0; w < width; w++) {
      key = DIGITS[n % BASE]! + key;
      n = Math.floor(n / BASE);
    }
    key = key.replace(/0+$/, '');
    if (key === '' || (prev !== null && key <= prev)) key = keyBetween(prev, null);
    keys.push(key);
    prev = key;
  }
  return keys;
}

/** Compare two ordered items: by key, then by id so equal keys still give one order on every replica. */
export function compareOrdered(a: { key: string; id: string }, b: { key: string; id: string }): number {
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The key that puts an item right after `afterId` (null: first) in `ordered` (already sorted, the moving
 * item excluded). Uses the neighbours' keys; if they are equal (a tie broken by id), the gap is widened by
 * going below the next distinct key, which keeps the item after `afterId` in every replica's sort.
 */
export function keyAfter(
  ordered: readonly { key: string; id: string }[],
  afterId: string | null,
  clientId: number,
): string {
  let index = -1;
  if (afterId !== null) {
    index = ordered.findIndex((item) => item.id === afterId);
    if (index < 0) throw new ModelError('after', `no item ${afterId} in this ordering`);
  }
  const prev = index >= 0 ? ordered[index]!.key : null;
  let next: string | null = null;
  for (let j = index + 1; j < ordered.length; j++) {
    if (ordered[j]!.key !== prev) {
      next = ordered[j]!.key;
      break;
    }
  }
  const key = replicaKeyBetween(prev, next, clientId);
  return key;
}

/** The item that sorts last by `compareOrdered`, found in one pass (no sort); null when there is none. */
export function lastOrdered<T extends { key: string; id: string }>(items: readonly T[]): T | null {
  let last: T | null = null;
  for (const item of items) if (last === null || compareOrdered(item, last) > 0) last = item;
  return last;
}

/**
 * Exactly `keyAfter(sorted(items), afterId, clientId)` without sorting: the neighbour after `afterId` in
 * the sort is the smallest key strictly above its key (equal keys after it are skipped the same way), so one
 * pass finds it. Adding N items one by one then costs O(N^2) key reads instead of O(N^2 log N) comparisons.
 */
export function keyAfterUnsorted(
  items: readonly { key: string; id: string }[],
  afterId: string | null,
  clientId: number,
): string {
  let prev: string | null = null;
  if (afterId !== null) {
    const after = items.find((item) => item.id === afterId);
    if (after === undefined) throw new ModelError('after', `no item ${afterId} in this ordering`);
    prev = after.key;
  }
  let next: string | null = null;
  for (const { key } of items) {
    if ((prev === null || key > prev) && (next === null || key < next)) next = key;
  }
  return replicaKeyBetween(prev, next, clientId);
}
