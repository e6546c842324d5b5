import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { createLogger } from '../../server/logger';
import { exposedGc, startMemoryRelease } from '../../server/memory-release';

describe('memory release after documents unload', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('collects once when most live documents have gone and none left in the last interval', () => {
    vi.useFakeTimers();
    let documents = 0;
    const collect = vi.fn();
    const stop = startMemoryRelease({
      documents: () => documents,
      liveDocuments: () => documents,
      logger: createLogger('silent'),
      intervalMs: 1_000,
      minGapMs: 0,
      collect,
    });
    onTestFinished(stop);
    const ticks = (n: number) => vi.advanceTimersByTime(n * 1_000);
    documents = 40;
    ticks(4);
    documents = 30; // a quarter left: not a wave
    ticks(4);
    expect(collect).not.toHaveBeenCalled();
    documents = 5;
    ticks(1); // the count moved during this interval: wait for it to hold still
    expect(collect).not.toHaveBeenCalled();
    ticks(1);
    expect(collect).toHaveBeenCalledTimes(1);
    ticks(4);
    expect(collect).toHaveBeenCalledTimes(1); // the peak is now 5: no wave until documents come and go again
    documents = 8; // fewer than ten ever left since
    ticks(2);
    documents = 0;
    ticks(4);
    expect(collect).toHaveBeenCalledTimes(1);
  });

  it("gets hold of V8's collector without the --expose-gc flag, and it frees garbage", () => {
    const gc = exposedGc(createLogger('silent'));
    expect(gc).toBeTypeOf('function');
    gc!();
    const before = process.memoryUsage().heapUsed;
    let garbage: number[][] | null = Array.from({ length: 200 }, () =>
      Array.from({ length: 20_000 }, (_, i) => i),
    );
    expect(process.memoryUsage().heapUsed - before).toBeGreaterThan(10 * 2 ** 20);
    garbage = null;
    gc!();
    expect(garbage).toBeNull();
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(5 * 2 ** 20);
  });
});
