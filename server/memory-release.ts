/**
 * Hands memory back to the machine after a wave of documents unloaded or went dormant (held as bytes). V8
 * collects garbage only when JavaScript allocates, so a server that held hundreds of boards through the
 * shooting day and goes quiet at wrap would keep their memory resident until the next call sheet. One full
 * collection once most live documents are gone returns it (docs/BENCHMARKS.md, "Many documents").
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import type { Logger } from './logger';

export interface MemoryReleaseOptions {
  /** Documents loaded right now (live or dormant). */
  documents(): number;
  /** Of those, documents held as live Y.Docs. */
  liveDocuments(): number;
  logger: Logger;
  /** @default 1_000 */
  intervalMs?: number;
  /** Full collections are at least this far apart (a flapping document count cannot cause a collection storm). @default 3_000 */
  minGapMs?: number;
  /** The collection to run; V8's own by default. */
  collect?: () => void;
}

/** Starts watching; returns a stop function. Does nothing where V8 refuses to expose its collector. */
export function startMemoryRelease(options: MemoryReleaseOptions): () => void {
  const collect = options.collect ?? exposedGc(options.logger);
  if (!collect) return () => {};
  const minGapMs = options.minGapMs ?? 3_000;
  const watches = [new Wave(options.liveDocuments), new Wave(options.documents)];
  let lastCollection = -Infinity;
  const timer = setInterval(() => {
    const waves = watches.map((watch) => watch.observe());
    if (!waves.some(Boolean) || Date.now() - lastCollection < minGapMs) return;
    const before = process.memoryUsage().rss;
    collect();
    lastCollection = Date.now();
    options.logger.debug(
      {
        documents: options.documents(),
        live: options.liveDocuments(),
        rssBeforeMB: before / 2 ** 20,
        rssAfterMB: process.memoryUsage().rss / 2 ** 20,
      },
      'Collected garbage after documents unloaded or went dormant',
    );
    for (const watch of watches) watch.reset();
  }, options.intervalMs ?? 1_000);
  timer.unref();
  return () => clearInterval(timer);
}

/** A count that fell to half its peak (by at least ten) and held still for one interval. */
class Wave {
  private peak: number;
  private previous: number;

  constructor(private readonly count: () => number) {
    this.peak = this.previous = count();
  }

  observe(): boolean {
    const now = this.count();
    this.peak = Math.max(this.peak, now);
    const settled = now === this.previous;
    this.previous = now;
    return settled && this.peak - now >= Math.max(10, this.peak / 2);
  }

  reset(): void {
    this.peak = this.count();
  }
}

/** V8's full collection, or null where it cannot be reached. */
export function exposedGc(logger: Logger): (() => void) | null {
  let gc: unknown = (globalThis as { gc?: unknown }).gc;
  try {
    if (typeof gc !== 'function') {
      // The flag must be set before a context is created for it to install `gc` there.
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc');
    }
    if (typeof gc === 'function') {
      const full = gc as () => void;
      return () => {
        full();
        // A second collection, once the first one's concurrent sweeping is done, compacts the old space and
        // unmaps its empty pages: measured on 1,000 dropped documents, 102 MB of old space became 47 MB
        // (RSS 210 -> 152 MB), where one collection alone kept the pages.
        setTimeout(full, 100).unref();
      };
    }
  } catch (error) {
    logger.debug(
      { err: error },
      'V8 garbage collector not available; memory is released on its own schedule',
    );
  }
  return null;
}
