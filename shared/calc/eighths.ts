/**
 * Page lengths in eighths of a page, written as the industry writes them: `1/8`, `4/8` (eighths are not
 * reduced to halves or quarters), `1`, `1 3/8`. Stored and summed as integer counts of eighths.
 */

export function formatEighths(eighths: number): string {
  if (!Number.isInteger(eighths) || eighths < 0)
    throw new RangeError(`eighths must be a whole number ≥ 0, got ${eighths}`);
  const pages = Math.floor(eighths / 8);
  const rest = eighths % 8;
  if (rest === 0) return String(pages);
  return pages === 0 ? `${rest}/8` : `${pages} ${rest}/8`;
}

/** Parses `1 3/8`, `3/8`, `2`, `1-3/8`; null for anything else (including 8/8 and more in the fraction). */
export function parseEighths(text: string): number | null {
  const m = /^\s*(?:(\d{1,4})(?:[\s-]+(\d)\/8)?|(\d)\/8)\s*$/.exec(text);
  if (!m) return null;
  if (m[3] !== undefined) {
    const n = Number(m[3]);
    return n >= 1 && n <= 7 ? n : null;
  }
  const pages = Number(m[1]);
  if (m[2] === undefined) return pages * 8;
  const rest = Number(m[2]);
  return rest >= 1 && rest <= 7 ? pages * 8 + rest : null;
}
