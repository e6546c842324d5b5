import { describe, expect, it } from 'vitest';
import { formatEighths, parseEighths } from '../../shared/calc/eighths';
import { divRound, percentOf, ratioBp } from '../../shared/calc/money';
import { fromMinutes, toMinutes, daysBetween } from '../../shared/calc/clock';
import { hourlyRate, lineHours, lineTotal } from '../../shared/calc/budget';

describe('eighths', () => {
  it.each([
    [1, '1/8'],
    [4, '4/8'],
    [8, '1'],
    [11, '1 3/8'],
    [35, '4 3/8'],
    [0, '0'],
  ])('formats %i as %s and parses it back', (n, text) => {
    expect(formatEighths(n)).toBe(text);
    expect(parseEighths(text)).toBe(n);
  });

  it('parses a hyphenated page count and rejects fractions of 8/8 or more', () => {
    expect(parseEighths('2-5/8')).toBe(21);
    expect(parseEighths('1 8/8')).toBeNull();
    expect(parseEighths('0/8')).toBeNull();
    expect(parseEighths('1.5')).toBeNull();
  });

  it('refuses negative or fractional counts', () => {
    expect(() => formatEighths(-1)).toThrow(RangeError);
    expect(() => formatEighths(1.5)).toThrow(RangeError);
  });
});

describe('money rounding: half away from zero', () => {
  it('rounds halves away from zero in both directions', () => {
    expect(divRound(5n, 2n)).toBe(3);
    expect(divRound(-5n, 2n)).toBe(-3);
    expect(divRound(7n, 3n)).toBe(2);
    expect(divRound(-7n, 3n)).toBe(-2);
    expect(divRound(149n, 100n)).toBe(1);
    expect(divRound(150n, 100n)).toBe(2);
  });

  it('takes percentages in basis points exactly', () => {
    expect(percentOf(12_345, 1_000)).toBe(1_235); // 1234.5 -> 1235
    expect(percentOf(-12_345, 1_000)).toBe(-1_235);
    expect(ratioBp(1, 3)).toBe(3_333);
    expect(ratioBp(2, 3)).toBe(6_667);
    expect(ratioBp(5, 0)).toBeNull();
  });
});

describe('clock', () => {
  it('reads hours past midnight as the same shooting day', () => {
    expect(toMinutes('26:30')).toBe(26 * 60 + 30);
    expect(fromMinutes(1_590)).toBe('26:30');
    expect(daysBetween('2025-03-30', '2025-04-02')).toBe(3);
  });
});

describe('budget line arithmetic', () => {
  it('multiplies amount x multiplier x rate and adds the fringe on the rounded base', () => {
    // 5 days x 2 people x 450.00 = 4500.00; fringe 18.5% = 832.50
    expect(lineTotal({ amount: 5, multiplier: 2, rate: 45_000, fringeBp: 1_850 })).toEqual({
      base: 450_000,
      fringe: 83_250,
      total: 533_250,
    });
  });

  it('rounds a fractional product half away from zero once, at the base', () => {
    // 2.5 x 1.5 x 333 = 1248.75 -> 1249; fringe 10% of 1249 = 124.9 -> 125
    expect(lineTotal({ amount: 2.5, multiplier: 1.5, rate: 333, fringeBp: 1_000 })).toEqual({
      base: 1_249,
      fringe: 125,
      total: 1_374,
    });
    // 0.5 x 1 x 1 = 0.5 -> 1
    expect(lineTotal({ amount: 0.5, multiplier: 1, rate: 1, fringeBp: 0 }).total).toBe(1);
  });

  it('converts units to hours: day = 12 h, week = 60 h, flat and allow are not time', () => {
    expect(lineHours({ amount: 3, units: 'day', multiplier: 2 })).toBe(72);
    expect(lineHours({ amount: 1.5, units: 'week', multiplier: 1 })).toBe(90);
    expect(lineHours({ amount: 1, units: 'flat', multiplier: 1 })).toBeNull();
    expect(hourlyRate(60_000, 'day')).toBe(5_000);
    expect(hourlyRate(100_000, 'week')).toBe(1_667); // 1666.67 -> 1667
    expect(hourlyRate(100, 'allow')).toBeNull();
  });
});
