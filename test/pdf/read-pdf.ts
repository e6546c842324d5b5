/** Reads a PDF back with a real text extractor (pdfjs-dist, legacy build for Node): each page's text lines. */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfPages {
  pages: string[][];
  /** Every line of every page. */
  text: string;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfPages> {
  const pdf = await getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  const pages: string[][] = [];
  try {
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      // items on one baseline form a line; pdfmake writes a line as one or more runs
      const lines: string[] = [];
      let current = '';
      let lastY: number | null = null;
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const y = item.transform[5] as number;
        if (lastY !== null && Math.abs(y - lastY) > 1) {
          lines.push(current);
          current = '';
        }
        current += item.str;
        lastY = y;
        if (item.hasEOL) {
          lines.push(current);
          current = '';
          lastY = null;
        }
      }
      if (current) lines.push(current);
      pages.push(lines.map((l) => l.trim()).filter(Boolean));
    }
  } finally {
    await pdf.destroy();
  }
  return { pages, text: pages.map((p) => p.join('\n')).join('\n') };
}
