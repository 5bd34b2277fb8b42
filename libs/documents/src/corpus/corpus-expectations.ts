import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analysePolicyDocument } from '../policy-document.extractor';

// Shared by the corpus specs: each public document in __fixtures__/corpus has its expectations in
// expected/NAME.json, written by reading the document (never from the extractor's output).
export const CORPUS_DIR = path.join(__dirname, '..', '__fixtures__', 'corpus');

export interface ExpectedCorpusTask {
  path: string[];
  leadUnits: string[];
  supportingUnits: string[];
  deadline: string | null;
  /** `own` unless the document states the units on an enclosing item (`inherited`) or names none (`none`). */
  unitsSource?: 'own' | 'inherited' | 'none';
}

export interface CorpusExpectation {
  file: string;
  source: string;
  level: string;
  tasks: ExpectedCorpusTask[];
}

export function readExpectation(name: string): CorpusExpectation {
  return JSON.parse(
    readFileSync(path.join(CORPUS_DIR, 'expected', `${name}.json`), 'utf8'),
  ) as CorpusExpectation;
}

/** Every task of the document: its path in order, and exact lead units, supporting units and deadline. */
export function describeCorpusDocument(name: string): void {
  const expected = readExpectation(name);
  const analysis = analysePolicyDocument(
    readFileSync(path.join(CORPUS_DIR, expected.file), 'utf8'),
    { fileName: expected.file },
  );
  const tasks = new Map(analysis.document.tasks.map((t) => [t.path.join('/'), t]));
  describe(`${expected.file} (${expected.level})`, () => {
    it(`finds exactly its ${expected.tasks.length} tasks, in order`, () => {
      expect(analysis.document.tasks.map((t) => t.path.join('/'))).toEqual(
        expected.tasks.map((t) => t.path.join('/')),
      );
    });
    it.each(expected.tasks.map((t) => [t.path.join('/'), t] as const))(
      '%s: units and deadline',
      (key, want) => {
        expect(tasks.get(key)).toMatchObject({
          leadUnits: want.leadUnits,
          supportingUnits: want.supportingUnits,
          unitsSource: want.unitsSource ?? 'own',
          deadline: want.deadline,
        });
      },
    );
  });
}
