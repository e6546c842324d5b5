/**
 * Exact money arithmetic on integer minor units. Every rounding in the calc modules goes through
 * `divRound`, which rounds half away from zero (2.5 -> 3, -2.5 -> -3), computed on BigInt so no product of
 * rate x quantity x multiplier ever passes through a float.
 */

/** round(numerator / denominator), half away from zero. Denominator must be positive. */
export function divRound(numerator: bigint, denominator: bigint): number {
  if (denominator <= 0n) throw new RangeError(`divRound: denominator ${denominator} must be positive`);
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  let q = abs / denominator;
  if ((abs % denominator) * 2n >= denominator) q += 1n;
  const result = Number(negative ? -q : q);
  if (!Number.isSafeInteger(result)) throw new RangeError(`money value ${result} is outside the safe range`);
  return result;
}

/** A decimal with at most two places as an exact count of hundredths (2.5 -> 250n). */
export function hundredths(value: number): bigint {
  return BigInt(Math.round(value * 100));
}

/** `value` x `bp` / 10000, rounded half away from zero: a percentage in basis points of a money amount. */
export function percentOf(value: number, bp: number): number {
  return divRound(BigInt(value) * BigInt(bp), 10_000n);
}

/** `part / whole` in basis points, rounded half away from zero; null when the whole is zero. */
export function ratioBp(part: number, whole: number): number | null {
  if (whole === 0) return null;
  const sign = whole < 0 ? -1n : 1n;
  return divRound(BigInt(part) * 10_000n * sign, BigInt(whole) * sign);
}

export function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** `123456` in USD -> `$1,234.56`; for display only (CSV writes the integer). */
export function formatMoney(minor: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(minor / 100);
}
