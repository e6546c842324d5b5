import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { createLogger } from '../../server/logger';
import { exposedGc, startMemoryRelease } from '../../server/memory-release';

describe('memory release after documents unload', () => {
  it('collects once when most live documents have gone and none left in the last interval', async () => {
    let documents = 0;
    const collect = vi.fn();
    const stop = startMemoryRelease({
      documents: () => documents,
      liveDocuments: () => documents,
      logger: createLogger('silent'),
      intervalMs: 5,
      minGapMs: 0,
      collect,
    });
    onTestFinished(stop);
    const ticks = async (n: number) => {
      for (let i = 0; i < n; i++) await new Promise((resolve) => setTimeout(resolve, 6));
    };
    documents = 40;
    await ticks(4);
    documents = 30; // a quarter left: not a wave
    await ticks(4);
    expect(collect).not.toHaveBeenCalled();
    documents = 5;
    await vi.waitFor(() => expect(collect).toHaveBeenCalledTimes(1), { timeout: 2_000 });
    await ticks(4);
    expect(collect).toHaveBeenCalledTimes(1); // the peak is now 5: no wave until documents come and go again
    documents = 8; // fewer than ten ever left since
    await ticks(2);
    documents = 0;
    await ticks(4);
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
