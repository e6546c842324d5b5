/** Money typed by a person ("1,234.56", "-80") to integer minor units, exactly: no float ever holds it. */
export function parseMoney(raw: string): number {
  const cleaned = raw.replace(/[\s,$€£]/g, '');
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!m) throw new Error(`"${raw}" is not an amount: type it like 1234.56`);
  const minor = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -minor : minor;
}

export function minorToInput(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A percentage typed by a person ("22.5", "22.5%") to integer basis points (2250), exactly. */
export function parsePercentBp(raw: string): number {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(raw.replace(/[\s%]/g, ''));
  if (!m) throw new Error(`"${raw}" is not a percentage: type it like 22.5`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export function bpToInput(bp: number): string {
  return bp % 100 === 0 ? String(bp / 100) : (bp / 100).toFixed(2).replace(/0$/, '');
}

/** Quantities with at most two decimals ("2.5" units, "1.25" people); the model validates the range. */
export function parseQuantity(raw: string, label: string): number {
  if (!/^\d+(?:\.\d{1,2})?$/.test(raw.trim())) throw new Error(`${label}: type a number like 2 or 2.5`);
  return Number(raw.trim());
}
