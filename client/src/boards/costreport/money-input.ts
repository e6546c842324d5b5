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
