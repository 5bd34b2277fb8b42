import * as path from 'node:path';

// The text layer of a PDF, as lines and paragraphs the extractor reads. pdfjs-dist gives positioned
// pieces of text per page; pieces on one baseline make a line (a wide gap between two pieces is a
// table's column break, written as a tab), and a line joins the paragraph above it unless it is
// indented, starts with a numbering label, or the line above ended well short of the right margin
// (a few characters short is line breaking that keeps a closing quote or bracket off a line's start).

interface TextPiece {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

interface PdfLine {
  text: string;
  left: number;
  right: number;
  size: number;
}

type PdfJs = {
  getDocument(src: Record<string, unknown>): { promise: Promise<PdfDocumentProxy> };
};
type PdfDocumentProxy = {
  numPages: number;
  getPage(n: number): Promise<{ getTextContent(): Promise<{ items: unknown[] }> }>;
  destroy(): Promise<void>;
};

let pdfjs: PdfJs | null = null;
function loadPdfJs(): PdfJs {
  // The CommonJS legacy build runs in Node without a worker thread or a DOM.
  // Loading it prints notes on canvas polyfills to the console (stdout): keep them off.
  if (!pdfjs) {
    const saved = { log: console.log, warn: console.warn };
    console.log = console.warn = () => undefined;
    try {
      pdfjs = require('pdfjs-dist/legacy/build/pdf.js') as PdfJs;
    } finally {
      Object.assign(console, saved);
    }
  }
  return pdfjs;
}

const LABEL_START =
  /^([一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,3}[.．、]|专栏|第[一二三四五六七八九十]+[章部篇]|附件)/;

function linesOfPage(pieces: TextPiece[]): PdfLine[] {
  const sorted = pieces.filter((p) => p.str.length > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: TextPiece[][] = [];
  for (const p of sorted) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(row[0].y - p.y) <= Math.max(2, row[0].height * 0.3)) row.push(p);
    else rows.push([p]);
  }
  return rows.map((row) => {
    row.sort((a, b) => a.x - b.x);
    const size = Math.max(...row.map((p) => p.height)) || 10;
    let text = '';
    let end = row[0].x;
    for (const p of row) {
      const gap = p.x - end;
      if (text && gap > size * 1.5) text += '\t';
      text += p.str;
      end = p.x + p.width;
    }
    return { text: text.replace(/[ \u00a0]+$/, ''), left: row[0].x, right: end, size };
  });
}

/** Lines of all pages joined into paragraphs (see the note at the top). */
export function paragraphsOf(lines: PdfLine[]): string[] {
  const body = lines.filter((l) => l.text.trim() !== '' && !l.text.includes('\t'));
  const margin = body.length ? Math.min(...body.map((l) => l.left)) : 0;
  const rightEdge = body.length ? Math.max(...body.map((l) => l.right)) : 0;
  const out: string[] = [];
  let previous: PdfLine | null = null;
  for (const line of lines) {
    const text = line.text.trim();
    if (!text) continue;
    const indented = line.left > margin + line.size * 0.8;
    const aboveFull =
      !!previous &&
      !previous.text.includes('\t') &&
      previous.right >= rightEdge - previous.size * 4;
    const joins =
      !!previous && aboveFull && !indented && !line.text.includes('\t') && !LABEL_START.test(text);
    if (joins) out[out.length - 1] += text;
    else out.push(indented ? `　　${text}` : text);
    previous = line;
  }
  return out;
}

/** The PDF's text (paragraphs on their own lines); '' when it has no text layer. */
export async function pdfToText(buf: Buffer): Promise<string> {
  const lib = loadPdfJs();
  const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
  const doc = await lib.getDocument({
    data: new Uint8Array(buf),
    cMapUrl: `${path.join(root, 'cmaps')}/`,
    cMapPacked: true,
    standardFontDataUrl: `${path.join(root, 'standard_fonts')}/`,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  try {
    const lines: PdfLine[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      const pieces = (
        content.items as { str?: string; transform?: number[]; width?: number; height?: number }[]
      )
        .filter((i) => typeof i.str === 'string' && Array.isArray(i.transform))
        .map((i) => ({
          str: i.str as string,
          x: i.transform![4],
          y: i.transform![5],
          width: i.width ?? 0,
          height: i.height ?? Math.abs(i.transform![3]),
        }));
      lines.push(...linesOfPage(pieces));
    }
    return paragraphsOf(lines).join('\n');
  } finally {
    await doc.destroy();
  }
}
