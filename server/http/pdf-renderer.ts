/**
 * Renders PDF jobs in one worker thread, one job at a time in arrival order: pdfmake lays a document out
 * synchronously (a 1,000-shot list takes seconds), and on the main thread that would stall every socket.
 * The worker starts on the first PDF and is replaced if it dies; it does not keep the process alive.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PdfOptionError, type PdfJob } from '../../shared/pdf';
import type { RenderRequest, RenderResponse } from './pdf-render-worker';

export interface PdfRenderer {
  render(job: PdfJob): Promise<Buffer>;
  close(): Promise<void>;
}

export function createPdfRenderer(): PdfRenderer {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve(pdf: Buffer): void; reject(error: Error): void }>();

  function failAll(error: Error): void {
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  }

  /** Built (dist/server, scripts/build-server.ts): the worker was bundled beside this module. */
  function builtWorker(): Worker {
    return new Worker(new URL('./pdf-render-worker.js', import.meta.url));
  }

  /** From the sources (tsx): the worker loads its module through tsx's API, as the server does. */
  function sourceWorker(): Worker {
    const entry = new URL('./pdf-render-worker.ts', import.meta.url).href;
    const tsxPackage = createRequire(fileURLToPath(import.meta.url)).resolve('tsx/package.json');
    const tsxApi = pathToFileURL(path.join(path.dirname(tsxPackage), 'dist/esm/api/index.mjs')).href;
    return new Worker(
      `import(${JSON.stringify(tsxApi)}).then(({ tsImport }) => tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}))`,
      { eval: true },
    );
  }

  function start(): Worker {
    const started = import.meta.url.endsWith('.js') ? builtWorker() : sourceWorker();
    started.unref();
    started.on('message', (response: RenderResponse) => {
      const waiter = pending.get(response.id);
      if (!waiter) return;
      pending.delete(response.id);
      if (response.ok)
        waiter.resolve(Buffer.from(response.pdf.buffer, response.pdf.byteOffset, response.pdf.byteLength));
      else if (response.parameter !== null)
        waiter.reject(new PdfOptionError(response.parameter, response.message.replace(/^[^:]+: /, '')));
      else waiter.reject(new Error(`PDF rendering failed: ${response.message}`));
    });
    started.on('error', (error) => {
      if (worker === started) worker = null;
      failAll(new Error(`the PDF worker failed: ${error.message}`));
    });
    started.on('exit', (code) => {
      if (worker === started) worker = null;
      if (pending.size > 0) failAll(new Error(`the PDF worker exited with code ${code}`));
    });
    return started;
  }

  return {
    render(job) {
      worker ??= start();
      const id = nextId++;
      const target = worker;
      return new Promise<Buffer>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        target.postMessage({ id, job } satisfies RenderRequest);
      });
    },
    async close() {
      const current = worker;
      worker = null;
      failAll(new Error('the server is stopping'));
      await current?.terminate();
    },
  };
}
