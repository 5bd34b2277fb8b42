import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { extractPolicyDocument } from '../policy-document.extractor';
import { decodePolicyBuffer } from './policy-buffer.decoder';

// Word fixtures made from text fixtures by scripts/make-word-fixtures.py: the docx must give the
// same tasks as its text twin (numbering drawn by Word, the task table a real Word table).
const FIX = path.join(__dirname, '..', '__fixtures__');
const fromText = (file: string) =>
  extractPolicyDocument(readFileSync(path.join(FIX, file), 'utf8'), { fileName: file });
const fromWord = (file: string) => {
  const decoded = decodePolicyBuffer(readFileSync(path.join(FIX, file)), file);
  expect(decoded).toMatchObject({ format: 'docx', encoding: 'utf-8' });
  return extractPolicyDocument(decoded.text, { fileName: file });
};

describe('Word (.docx) documents', () => {
  it("draws automatic numbering (一、 （一） 1.) and gives the text file's 44 tasks", () => {
    const word = fromWord('corpus/2012-guangzhou-talent-gathering-opinions.docx');
    const text = fromText('corpus/2012-guangzhou-talent-gathering-opinions.txt');
    expect(word.tasks).toHaveLength(44);
    expect(word.tasks).toEqual(text.tasks);
    expect(word.tasks[9]).toMatchObject({
      path: ['二', '（二）', '11'],
      leadUnits: ['市人力资源和社会保障局'],
    });
  });

  it('reads a task table written as a Word table like its tab-separated twin', () => {
    const word = fromWord('annex-table-tabs.docx');
    const text = fromText('annex-table-tabs.txt');
    expect(word.tasks.length).toBeGreaterThan(5);
    expect(word.tasks).toEqual(text.tasks);
    expect(word.tasks.find((t) => t.path.join('/') === '附件/6')).toMatchObject({
      leadUnits: ['省经济和信息化厅'],
      supportingUnits: ['省市场监管局'],
      deadline: '2022-12-31',
    });
  });

  it('reads a corpus task list whose table is a real Word table (five columns) like its text twin', () => {
    const word = fromWord('corpus/2025-huoshan-development-zone-key-work-list.docx');
    const text = fromText('corpus/2025-huoshan-development-zone-key-work-list.txt');
    expect(word.tasks).toHaveLength(3);
    expect(word.tasks).toEqual(text.tasks);
    expect(word.tasks.map((t) => [t.path, t.leadUnits, t.supportingUnits, t.deadline])).toEqual([
      [['1'], ['招商工作部'], ['安商工作部'], '2025-12-31'],
      [['2'], ['改革办'], [], '2025-12-31'],
      [['3'], ['规划建设局'], [], '2025-12-31'],
    ]);
  });

  it('refuses a ZIP archive that holds no Word document', () => {
    const zip = Buffer.from('504b0506000000000000000000000000000000000000', 'hex');
    const notWord = Buffer.concat([Buffer.from('504b0304', 'hex'), zip]);
    expect(() => decodePolicyBuffer(notWord, 'x.docx')).toThrow(
      'x.docx: file is a ZIP archive but not a readable Word (.docx) document',
    );
  });
});
