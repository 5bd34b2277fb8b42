import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { extractPolicyDocument } from '../policy-document.extractor';
import { decodePolicyBuffer, decodePolicyDocument } from './policy-buffer.decoder';

// PDF fixtures made by scripts/make-pdf-fixtures.js: the corpus text laid out by pdfkit (wrapped
// lines, indented paragraphs) and a page with no text at all, as a scan without OCR.
const FIX = path.join(__dirname, '..', '__fixtures__');
const read = (file: string) => readFileSync(path.join(FIX, file));

describe('PDF documents', () => {
  it("rejoins wrapped lines into paragraphs and gives the text file's tasks", async () => {
    const decoded = await decodePolicyDocument(
      read('corpus/2012-guangzhou-talent-gathering-opinions.pdf'),
      'gz.pdf',
    );
    expect(decoded.format).toBe('pdf');
    const pdf = extractPolicyDocument(decoded.text, { fileName: 'gz.pdf' });
    const text = extractPolicyDocument(
      read('corpus/2012-guangzhou-talent-gathering-opinions.txt').toString('utf8'),
      { fileName: 'gz.txt' },
    );
    expect(pdf.tasks).toHaveLength(44);
    expect(
      pdf.tasks.map(({ path: p, leadUnits, supportingUnits, deadline }) => ({
        p,
        leadUnits,
        supportingUnits,
        deadline,
      })),
    ).toEqual(
      text.tasks.map(({ path: p, leadUnits, supportingUnits, deadline }) => ({
        p,
        leadUnits,
        supportingUnits,
        deadline,
      })),
    );
    expect(pdf.tasks.map((t) => t.heading)).toEqual(text.tasks.map((t) => t.heading));
  });

  it('gives a corpus list whose units stand on lines of their own the same tasks as its text', async () => {
    const decoded = await decodePolicyDocument(
      read('corpus/2023-anshan-lishan-key-work-division.pdf'),
      'ls.pdf',
    );
    expect(decoded.format).toBe('pdf');
    const pdf = extractPolicyDocument(decoded.text, { fileName: 'ls.pdf' });
    const text = extractPolicyDocument(
      read('corpus/2023-anshan-lishan-key-work-division.txt').toString('utf8'),
      { fileName: 'ls.txt' },
    );
    expect(pdf.tasks).toHaveLength(6);
    expect(pdf.tasks).toEqual(text.tasks);
    expect(pdf.title).toBe(text.title);
    expect(pdf.tasks[4]).toMatchObject({
      path: ['一', '5'],
      leadUnits: ['区财政局'],
      supportingUnits: ['立山经济开发区', '各街道', '税务局'],
    });
  });

  it('refuses a scanned PDF (no text layer) with the reason', async () => {
    await expect(
      decodePolicyDocument(read('scanned-image-only.pdf'), 'scan.pdf'),
    ).rejects.toMatchObject({
      code: 'NO_TEXT_LAYER',
      message: expect.stringContaining('scan.pdf: PDF has no text layer (a scanned image)'),
    });
  });

  it('refuses a damaged PDF, and a PDF given to the text-only decoder', async () => {
    const broken = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
    await expect(decodePolicyDocument(broken, 'bad.pdf')).rejects.toMatchObject({
      code: expect.stringMatching(/UNDECODABLE|NO_TEXT_LAYER/),
    });
    expect(() => decodePolicyBuffer(read('scanned-image-only.pdf'), 'scan.pdf')).toThrow(
      'scan.pdf: file is a PDF document, not a text file',
    );
  });

  it('refuses a damaged Word 97-2003 (.doc) file with the reason', async () => {
    const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600)]);
    await expect(decodePolicyDocument(ole, 'old.doc')).rejects.toMatchObject({
      code: 'UNDECODABLE',
      message: 'old.doc: file is an Office 97-2003 file but not a readable Word (.doc) document',
    });
  });

  it('reads text and Word files as the text-only decoder does', async () => {
    await expect(
      decodePolicyDocument(Buffer.from('一、任务\n（一）甲。（省财政厅负责）'), 'a.txt'),
    ).resolves.toMatchObject({ format: 'text' });
    await expect(
      decodePolicyDocument(read('annex-table-tabs.docx'), 'a.docx'),
    ).resolves.toMatchObject({ format: 'docx' });
  });
});
