import { describe, expect, it } from 'vitest';
import { formatSpread, pairedRatios, percentile, spread, summarizeLatencies } from './bench/stats';
import { verdict } from './bench/report';
import { findMarkers, marker } from './bench/shots';

describe('bench statistics', () => {
  it('takes nearest-rank percentiles of unsorted samples', () => {
    const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(samples, 50)).toBe(5);
    expect(percentile(samples, 90)).toBe(9);
    expect(percentile(samples, 99)).toBe(10);
    expect(percentile(samples, 0)).toBe(1);
    expect(percentile([], 50)).toBeNaN();
    expect(summarizeLatencies([3, 1, 2])).toEqual({ count: 3, p50: 2, p95: 3, p99: 3, max: 3 });
  });

  it('gives the median with its range, leaving out runs without a figure', () => {
    expect(spread([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3, n: 3 });
    expect(spread([4, 1, Number.NaN, 2, 3])).toEqual({ median: 2.5, min: 1, max: 4, n: 4 });
    expect(spread([]).n).toBe(0);
  });

  it('divides run by run, not median by median', () => {
    // Medians alone would give 20 / 20 = 1; the pairs say ours took half as long as its partner each time.
    const ratios = pairedRatios([5, 20, 30], [10, 40, 60]);
    expect(ratios).toEqual({ median: 0.5, min: 0.5, max: 0.5, n: 3 });
    expect(pairedRatios([1, 2], [0, Number.NaN]).n).toBe(0);
    expect(formatSpread(pairedRatios([1, 3, 2], [2, 2, 2]), 2)).toBe('1.00 (0.50–1.50)');
    expect(formatSpread(spread([]), 1)).toBe('–');
  });

  it('judges ratio targets on the median and absolute ones on the worst run', () => {
    const p99 = { key: 'p99', label: 'p99', decimals: 1, target: { max: 0.7, variant: '500 clients' } };
    expect(verdict(p99, '500 clients', spread([0.6, 0.9, 0.5]), [])).toBe('met');
    expect(verdict(p99, '500 clients', spread([0.8, 0.9, 0.5]), [])).toBe('missed');
    expect(verdict(p99, '10 clients', spread([0.8]), [])).toBe('n/a');
    const lost = { key: 'lost', label: 'lost', decimals: 0, absolute: { max: 0 } };
    expect(verdict(lost, 'any', spread([]), [0, 0, 0])).toBe('met');
    expect(verdict(lost, 'any', spread([]), [0, 1, 0])).toBe('missed');
    const ceiling = { key: 'd', label: 'd', decimals: 0, target: { min: 2.5 } };
    expect(verdict(ceiling, 'x', spread([2.4, 2.6, 2.7]), [])).toBe('met');
  });

  it('finds every marker in a frame, including merged ones', () => {
    const frame = Buffer.from(`\u0000xx${marker(3, 17, 1234.5)}yy${marker(4, 1, 99)}`, 'latin1');
    expect(findMarkers(frame)).toEqual([
      { writer: 3, seq: 17, sentAt: 1234.5 },
      { writer: 4, seq: 1, sentAt: 99 },
    ]);
  });
});
