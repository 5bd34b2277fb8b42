import * as iconv from 'iconv-lite';
import { DocumentInputError } from './document-input.error';
import { docxToText } from './docx.reader';
import { pdfToText } from './pdf.reader';
import { isZip } from './zip.reader';

/** Policy documents are tens of kilobytes; anything past this is not one. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

export type PolicyEncoding = 'utf-8' | 'gb18030';

/** What the file was: plain text, or a Word or PDF file whose text was read out of it. */
export type PolicyFormat = 'text' | 'docx' | 'doc' | 'pdf';

export interface DecodedPolicyText {
  text: string;
  encoding: PolicyEncoding;
  format: PolicyFormat;
}

/** A .docx (a ZIP archive with word/document.xml) as text; other archives are refused. */
function decodeDocx(buf: Buffer, fileName: string): DecodedPolicyText {
  let text: string;
  try {
    text = docxToText(buf);
  } catch {
    throw new DocumentInputError(
      'UNDECODABLE',
      fileName,
      'file is a ZIP archive but not a readable Word (.docx) document',
    );
  }
  if (text.trim().length === 0)
    throw new DocumentInputError('EMPTY', fileName, 'Word document holds no text');
  return { text, encoding: 'utf-8', format: 'docx' };
}

const SAMPLE_BYTES = 64 * 1024;
// Share of CJK characters among non-space characters expected of Chinese prose.
const MIN_CJK_SHARE = 0.3;

function controlShare(text: string): number {
  const sample = text.slice(0, SAMPLE_BYTES);
  if (sample.length === 0) return 0;
  const controls = sample.match(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g)?.length ?? 0;
  return controls / sample.length;
}

function cjkShare(text: string): number {
  const visible = text.replace(/\s/g, '');
  if (visible.length === 0) return 0;
  const cjk = visible.match(/[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/g)?.length ?? 0;
  return cjk / visible.length;
}

/**
 * Decodes a document file: UTF-8 (BOM optional), or GB18030 when the bytes are not valid UTF-8
 * and decode to Chinese text. Refuses empty, oversized, binary and undecodable input with a
 * DocumentInputError naming the file.
 */
export function decodePolicyBuffer(buf: Buffer, fileName: string): DecodedPolicyText {
  if (buf.length > MAX_DOCUMENT_BYTES) {
    throw new DocumentInputError(
      'TOO_LARGE',
      fileName,
      `file is ${buf.length} bytes, over the ${MAX_DOCUMENT_BYTES}-byte limit for a policy document`,
    );
  }
  if (buf.length === 0) throw new DocumentInputError('EMPTY', fileName, 'file is empty');
  if (isZip(buf)) return decodeDocx(buf, fileName);
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    throw new DocumentInputError(
      'UNDECODABLE',
      fileName,
      'file is UTF-16 text; save it as UTF-8 or GB18030',
    );
  }
  if (isPdf(buf) || isOleDocument(buf)) {
    throw new DocumentInputError(
      'BINARY',
      fileName,
      `file is a ${isPdf(buf) ? 'PDF' : 'Word 97-2003 (.doc)'} document, not a text file`,
    );
  }
  if (buf.subarray(0, SAMPLE_BYTES).includes(0)) {
    throw new DocumentInputError(
      'BINARY',
      fileName,
      'file is binary (contains NUL bytes), not a text document',
    );
  }
  let text: string;
  let encoding: PolicyEncoding;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
    encoding = 'utf-8';
  } catch {
    text = iconv.decode(buf, 'gb18030');
    encoding = 'gb18030';
    if (text.includes('\ufffd') || cjkShare(text) < MIN_CJK_SHARE) {
      throw new DocumentInputError(
        'UNDECODABLE',
        fileName,
        'file is neither UTF-8 nor GB18030 Chinese text',
      );
    }
  }
  if (controlShare(text) > 0.01) {
    throw new DocumentInputError(
      'BINARY',
      fileName,
      'file is binary (control characters), not a text document',
    );
  }
  if (text.trim().length === 0)
    throw new DocumentInputError('EMPTY', fileName, 'file holds only white space');
  return { text, encoding, format: 'text' };
}

const isPdf = (buf: Buffer) => buf.subarray(0, 1024).includes('%PDF-');
// The OLE compound file of Word 97-2003 (.doc), as of other old Office files.
const isOleDocument = (buf: Buffer) =>
  buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0 && buf.readUInt32BE(4) === 0xa1b11ae1;

async function decodePdf(buf: Buffer, fileName: string): Promise<DecodedPolicyText> {
  let text: string;
  try {
    text = await pdfToText(buf);
  } catch {
    throw new DocumentInputError(
      'UNDECODABLE',
      fileName,
      'file is a PDF that cannot be read (damaged or encrypted)',
    );
  }
  if (text.replace(/\s/g, '').length === 0) {
    throw new DocumentInputError(
      'NO_TEXT_LAYER',
      fileName,
      'PDF has no text layer (a scanned image): recognise its text (OCR) or upload the Word or text file instead',
    );
  }
  return { text, encoding: 'utf-8', format: 'pdf' };
}

type WordExtractorClass = new () => { extract(source: Buffer): Promise<{ getBody(): string }> };

async function decodeDoc(buf: Buffer, fileName: string): Promise<DecodedPolicyText> {
  let text: string;
  try {
    const WordExtractor = require('word-extractor') as WordExtractorClass;
    text = (await new WordExtractor().extract(buf)).getBody();
  } catch {
    throw new DocumentInputError(
      'UNDECODABLE',
      fileName,
      'file is an Office 97-2003 file but not a readable Word (.doc) document',
    );
  }
  if (text.trim().length === 0)
    throw new DocumentInputError('EMPTY', fileName, 'Word document holds no text');
  return { text: text.replace(/\r\n?/g, '\n'), encoding: 'utf-8', format: 'doc' };
}

/**
 * Any document file: plain text (UTF-8 or GB18030), Word (.docx, .doc) or a PDF with a text
 * layer. A scanned PDF is refused (NO_TEXT_LAYER); other refusals as decodePolicyBuffer's.
 */
export async function decodePolicyDocument(
  buf: Buffer,
  fileName: string,
): Promise<DecodedPolicyText> {
  if (buf.length > MAX_DOCUMENT_BYTES || buf.length === 0) return decodePolicyBuffer(buf, fileName);
  if (isPdf(buf)) return decodePdf(buf, fileName);
  if (isOleDocument(buf)) return decodeDoc(buf, fileName);
  return decodePolicyBuffer(buf, fileName);
}
