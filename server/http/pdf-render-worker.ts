/**
 * The PDF worker thread: builds a document from its plain job (shared/pdf) and renders it with pdfmake, off
 * the main thread, so a long document never stalls the sync traffic of everyone on this instance.
 */
import { parentPort } from 'node:worker_threads';
import { buildDocument, PdfOptionError, type PdfJob } from '../../shared/pdf';
import { renderPdf } from './pdf-render';

export interface RenderRequest {
  id: number;
  job: PdfJob;
}

export type RenderResponse =
  | { id: number; ok: true; pdf: Uint8Array }
  | { id: number; ok: false; message: string; parameter: string | null };

parentPort?.on('message', (request: RenderRequest) => {
  void (async () => {
    try {
      // a copy in its own ArrayBuffer: a small Buffer can sit in Node's shared pool, which must not move
      const pdf = new Uint8Array(await renderPdf(buildDocument(request.job)));
      parentPort!.postMessage({ id: request.id, ok: true, pdf } satisfies RenderResponse, [
        pdf.buffer as ArrayBuffer,
      ]);
    } catch (error) {
      parentPort!.postMessage({
        id: request.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
        parameter: error instanceof PdfOptionError ? error.parameter : null,
      } satisfies RenderResponse);
    }
  })();
});
