// Writes the PDF fixtures of libs/documents from their text twins with pdfkit (a devDependency) and
// Debian's WenQuanYi Micro Hei font (fonts-wqy-microhei):
// - corpus/2012-guangzhou-talent-gathering-opinions.pdf: the text, paragraphs wrapped by pdfkit;
// - corpus/2023-anshan-lishan-key-work-division.pdf: the same for a list whose units stand on lines of their own;
// - scanned-image-only.pdf: a page with drawing and no text layer, as a scan without OCR.
// Run from the repository root: node scripts/make-pdf-fixtures.js
const fs = require('node:fs');
const PDFDocument = require('pdfkit');

const FIX = 'libs/documents/src/__fixtures__';
const FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

function write(path, draw) {
  // Fixed dates so the file is the same on every run.
  const doc = new PDFDocument({
    size: 'A4',
    margin: 72,
    info: { CreationDate: new Date(Date.UTC(2024, 0, 1)) },
  });
  doc.pipe(fs.createWriteStream(path));
  draw(doc);
  doc.end();
}

// A corpus text laid out as printed: indented body paragraphs wrapped by pdfkit, heading lines not indented.
function textPdf(name) {
  write(`${FIX}/corpus/${name}.pdf`, (doc) => {
    doc.font(FONT, 'WenQuanYiMicroHei').fontSize(12);
    const lines = fs.readFileSync(`${FIX}/corpus/${name}.txt`, 'utf8').split('\n');
    for (const line of lines) {
      const text = line.trim();
      if (!text) continue;
      doc.text(text, { indent: line.startsWith('　') ? 24 : 0, paragraphGap: 4 });
    }
  });
}

textPdf('2012-guangzhou-talent-gathering-opinions');
textPdf('2023-anshan-lishan-key-work-division');

write(`${FIX}/scanned-image-only.pdf`, (doc) => {
  for (let y = 100; y < 700; y += 18) doc.rect(72, y, 300 + ((y * 7) % 150), 8).fill('#333333');
});
