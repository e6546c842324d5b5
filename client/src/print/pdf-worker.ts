/**
 * Makes PDFs off the main thread: the shared builders (shared/pdf) and pdfmake with its Roboto font, all in
 * this worker's own file, which the page loads only when someone asks for a PDF (and the service worker
 * keeps for offline). A 1,000-shot list takes seconds to lay out; the board stays responsive meanwhile.
 */
import * as pdfMakeModule from 'pdfmake/build/pdfmake';
import * as vfsModule from 'pdfmake/build/vfs_fonts';
import { buildDocument, PdfOptionError, type PdfJob } from '../../../shared/pdf';

export interface PdfRequest {
  id: number;
  job: PdfJob;
}

export type PdfResponse =
  | { id: number; ok: true; bytes: ArrayBuffer; ms: number }
  | { id: number; ok: false; message: string; parameter: string | null };

type PdfMake = typeof pdfMakeModule;
// CommonJS modules: their export is the default of the namespace when bundled
const pdfMake = ((pdfMakeModule as unknown as { default?: PdfMake }).default ?? pdfMakeModule) as PdfMake;
const vfs = ((vfsModule as unknown as { default?: Record<string, string> }).default ?? vfsModule) as Record<
  string,
  string
>;
pdfMake.addVirtualFileSystem(vfs);

interface WorkerScope {
  onmessage: ((event: MessageEvent<PdfRequest>) => void) | null;
  postMessage(message: PdfResponse, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { id, job } = event.data;
  const started = performance.now();
  void (async () => {
    try {
      const buffer = await pdfMake.createPdf(buildDocument(job)).getBuffer();
      const bytes = buffer.buffer.slice(
        buffer.byteOffset,
        buffer.byteOffset + buffer.byteLength,
      ) as ArrayBuffer;
      scope.postMessage({ id, ok: true, bytes, ms: performance.now() - started }, [bytes]);
    } catch (error) {
      scope.postMessage({
        id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
        parameter: error instanceof PdfOptionError ? error.parameter : null,
      });
    }
  })();
};
