/**
 * Renders pdfmake document definitions (from shared/pdf) to PDF bytes in Node, with the Roboto font that
 * ships inside pdfmake's virtual file system: nothing is read from disk or the network while rendering
 * (both access policies refuse), so a document cannot pull in a file or a URL named in its data.
 */
import { createRequire } from 'node:module';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

interface PdfMakeNode {
  virtualfs: { writeFileSync(name: string, content: Buffer): void };
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(callback: (url: string) => boolean): void;
  setLocalAccessPolicy(callback: (path: string) => boolean): void;
  createPdf(doc: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
}

const require = createRequire(import.meta.url);
let instance: PdfMakeNode | null = null;

function pdfmake(): PdfMakeNode {
  if (instance) return instance;
  const made = require('pdfmake') as PdfMakeNode;
  const vfs = require('pdfmake/build/vfs_fonts.js') as Record<string, string>;
  for (const [name, base64] of Object.entries(vfs))
    made.virtualfs.writeFileSync(name, Buffer.from(base64, 'base64'));
  made.setFonts({
    Roboto: {
      normal: 'Roboto-Regular.ttf',
      bold: 'Roboto-Medium.ttf',
      italics: 'Roboto-Italic.ttf',
      bolditalics: 'Roboto-MediumItalic.ttf',
    },
  });
  made.setUrlAccessPolicy(() => false);
  made.setLocalAccessPolicy(() => false);
  instance = made;
  return made;
}

export function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  return pdfmake().createPdf(doc).getBuffer();
}
