import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers';

const probe = path.join(import.meta.dirname, 'fixtures/memory-probe.ts');
const MB = 1024 * 1024;

interface Figures {
  count: number;
  loadedDocuments: number;
  loadMs: number;
  baseline: { rss: number; heapUsed: number };
  loaded: { rss: number; heapUsed: number };
  unloaded: { rss: number; heapUsed: number };
}

describe('document life cycle memory', () => {
  it(
    'returns the heap to its baseline after 1,000 documents load and unload',
    { timeout: 120_000 },
    async () => {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--expose-gc', '--import', 'tsx', probe, tempDir(), '1000'],
        { cwd: path.resolve(import.meta.dirname, '../..'), timeout: 90_000 },
      );
      const figures = JSON.parse(stdout.trim().split('\n').at(-1)!) as Figures;
      const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
      console.log(
        `1,000 documents: loaded in ${figures.loadMs} ms; ` +
          `RSS ${mb(figures.baseline.rss)} -> ${mb(figures.loaded.rss)} -> ${mb(figures.unloaded.rss)}; ` +
          `heap ${mb(figures.baseline.heapUsed)} -> ${mb(figures.loaded.heapUsed)} -> ${mb(figures.unloaded.heapUsed)}`,
      );
      expect(figures.loadedDocuments).toBe(1000);
      const grew = figures.loaded.heapUsed - figures.baseline.heapUsed;
      expect(grew).toBeGreaterThan(5 * MB); // the documents really were in memory
      // Back near the baseline: less than a tenth of what loading added is left.
      expect(figures.unloaded.heapUsed - figures.baseline.heapUsed).toBeLessThan(grew / 10);
    },
  );
});
