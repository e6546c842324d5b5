import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Coalescer } from '../../server/setchannel/coalescer';

describe('Coalescer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('[S3] runs once for every change inside the window, per key', async () => {
    const runs: string[] = [];
    const c = new Coalescer(50, async (key) => void runs.push(key));
    for (let i = 0; i < 10; i++) c.schedule('p1');
    c.schedule('p2');
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(50);
    expect(runs.sort()).toEqual(['p1', 'p2']);
    await vi.advanceTimersByTimeAsync(500);
    expect(runs).toHaveLength(2);
  });

  it('[S3] never overlaps runs of one key, and runs once more for changes made during a run', async () => {
    let release: () => void = () => {};
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const c = new Coalescer(10, async () => {
      runs += 1;
      active += 1;
      maxActive = Math.max(maxActive, active);
      await new Promise<void>((resolve) => (release = resolve));
      active -= 1;
    });
    c.schedule('p');
    await vi.advanceTimersByTimeAsync(10);
    expect(runs).toBe(1);
    c.schedule('p');
    c.schedule('p');
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toBe(1);
    release();
    await vi.advanceTimersByTimeAsync(10);
    expect(runs).toBe(2);
    release();
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toBe(2);
    expect(maxActive).toBe(1);
  });

  it('[S3][S9] keeps going after a failed run, and close waits for a run in progress then stops', async () => {
    let release: () => void = () => {};
    const calls: string[] = [];
    const c = new Coalescer(10, async (key) => {
      calls.push(key);
      if (key === 'bad') throw new Error('boom');
      await new Promise<void>((resolve) => (release = resolve));
    });
    c.schedule('bad');
    await vi.advanceTimersByTimeAsync(10);
    c.schedule('bad');
    await vi.advanceTimersByTimeAsync(10);
    expect(calls).toEqual(['bad', 'bad']);
    c.schedule('p');
    await vi.advanceTimersByTimeAsync(10);
    let closed = false;
    const closing = c.close().then(() => (closed = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(closed).toBe(false);
    release();
    await closing;
    c.schedule('p');
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toEqual(['bad', 'bad', 'p']);
  });
});
