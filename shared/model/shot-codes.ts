/**
 * Shot codes as slates carry them: the first setup of scene 12 is `12`, then `12A`, `12B` ... with I and O
 * skipped (they misread as 1 and 0 on a slate), and after `12Z` comes `12AA`, `12AB` ...
 */
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const N = LETTERS.length;

/** The suffix for the n-th shot after the first: 1 -> A, 24 -> Z, 25 -> AA (bijective base 24). */
export function shotSuffix(n: number): string {
  let out = '';
  let rest = n;
  while (rest > 0) {
    rest -= 1;
    out = LETTERS[rest % N]! + out;
    rest = Math.floor(rest / N);
  }
  return out;
}

/** Inverse of shotSuffix; null for text that is not a suffix (contains I, O or other characters). */
export function suffixIndex(suffix: string): number | null {
  let n = 0;
  for (const ch of suffix) {
    const d = LETTERS.indexOf(ch);
    if (d < 0) return null;
    n = n * N + d + 1;
  }
  return n;
}

/** The next code for a scene given the codes its shots already have. */
export function nextShotCode(sceneNumber: string, existingCodes: readonly string[]): string {
  let highest = -1;
  for (const code of existingCodes) {
    if (!code.startsWith(sceneNumber)) continue;
    const index = suffixIndex(code.slice(sceneNumber.length));
    if (index !== null && index > highest) highest = index;
  }
  return sceneNumber + shotSuffix(highest + 1);
}

export function isShotCode(code: string): boolean {
  return /^[A-Z]{0,2}\d{1,4}[A-Z]{0,6}$/.test(code);
}
