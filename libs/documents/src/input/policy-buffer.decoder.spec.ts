import * as iconv from 'iconv-lite';
import { analysePolicyDocument } from '../policy-document.extractor';
import { DocumentInputError } from './document-input.error';
import { decodePolicyBuffer, MAX_DOCUMENT_BYTES } from './policy-buffer.decoder';

const SAMPLE =
  '一、主要任务\n（一）加快制造业创新体系建设。（牵头单位：自治区工业和信息化委；配合单位：各市人民政府）\n';

function refusal(run: () => unknown): DocumentInputError {
  try {
    run();
  } catch (error: unknown) {
    if (error instanceof DocumentInputError) return error;
    throw error;
  }
  throw new Error('expected a DocumentInputError');
}

describe('decodePolicyBuffer', () => {
  it('reads UTF-8 and drops a byte-order mark', () => {
    const buf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE, 'utf8')]);
    expect(decodePolicyBuffer(buf, 'a.txt')).toEqual({
      text: SAMPLE,
      encoding: 'utf-8',
      format: 'text',
    });
  });

  it('detects and decodes GB18030 text', () => {
    const buf = iconv.encode(SAMPLE, 'gb18030');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(buf)).toThrow();
    expect(decodePolicyBuffer(buf, 'gbk.txt')).toEqual({
      text: SAMPLE,
      encoding: 'gb18030',
      format: 'text',
    });
  });

  it.each([
    ['an empty file', Buffer.alloc(0), 'EMPTY', 'empty.txt: file is empty'],
    [
      'white space only',
      Buffer.from('\n\u3000\u3000\r\n  \n', 'utf8'),
      'EMPTY',
      'blank.txt: file holds only white space',
    ],
    [
      'NUL bytes',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
      'BINARY',
      'image.png: file is binary',
    ],
    [
      'control characters',
      Buffer.from(`${'\u0001\u0002\u0003'.repeat(20)}一、任务`, 'utf8'),
      'BINARY',
      'ctrl.bin: file is binary',
    ],
    [
      'UTF-16 text',
      Buffer.from('\ufeff一、任务', 'utf16le'),
      'UNDECODABLE',
      'utf16.txt: file is UTF-16 text',
    ],
    [
      'Latin-1 text',
      Buffer.from('Café au lait, déjà vu, naïve façade', 'latin1'),
      'UNDECODABLE',
      'latin.txt: file is neither UTF-8 nor GB18030',
    ],
    [
      'an oversized file',
      Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x41),
      'TOO_LARGE',
      'big.txt: file is 5242881 bytes',
    ],
  ])('refuses %s with a reason naming the file', (_name, buf, code, message) => {
    const name = message.slice(0, message.indexOf(':'));
    const error = refusal(() => decodePolicyBuffer(buf, name));
    expect(error.code).toBe(code);
    expect(error.fileName).toBe(name);
    expect(error.message.startsWith(message)).toBe(true);
  });
});

describe('analysePolicyDocument input checks', () => {
  it('refuses text without numbered items, naming the file', () => {
    const error = refusal(() =>
      analysePolicyDocument('这是一封信。\n没有任何编号的条目。', { fileName: 'letter.txt' }),
    );
    expect(error.code).toBe('NO_NUMBERED_ITEMS');
    expect(error.message).toMatch(/^letter\.txt: no numbered items/);
  });

  it('extracts a GB18030 file once decoded', () => {
    const { text } = decodePolicyBuffer(iconv.encode(SAMPLE, 'gb18030'), 'gbk.txt');
    const doc = analysePolicyDocument(text, { fileName: 'gbk.txt' }).document;
    expect(doc.tasks).toMatchObject([
      {
        path: ['一', '（一）'],
        leadUnits: ['自治区工业和信息化委'],
        supportingUnits: ['各市人民政府'],
      },
    ]);
  });
});
