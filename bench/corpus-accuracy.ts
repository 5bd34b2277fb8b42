// Per-document accuracy of the extractor on the corpus of public documents in
// libs/documents/src/__fixtures__/corpus: the expectations (expected/*.json) were written by reading
// each document, and this compares the extractor's output to them.
// Run: npm run --silent bench:corpus
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { extractPolicyDocument } from '@tracker/documents';

const CORPUS = path.resolve(__dirname, '../libs/documents/src/__fixtures__/corpus');

interface ExpectedTask {
  path: string[];
  leadUnits: string[];
  supportingUnits: string[];
  deadline: string | null;
}

const sameSet = (a: string[], b: string[]) =>
  a.length === b.length && [...a].sort().join('|') === [...b].sort().join('|');
const pct = (n: number, d: number) =>
  d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`;

function main(): void {
  const names = readdirSync(path.join(CORPUS, 'expected'))
    .filter((f) => f.endsWith('.json'))
    .sort();
  const total = { expected: 0, extracted: 0, found: 0, lead: 0, support: 0, deadline: 0 };
  const rows: string[] = [];
  const misses: string[] = [];
  for (const name of names) {
    const spec = JSON.parse(readFileSync(path.join(CORPUS, 'expected', name), 'utf8')) as {
      file: string;
      tasks: ExpectedTask[];
    };
    let tasks: ReturnType<typeof extractPolicyDocument>['tasks'] = [];
    try {
      tasks = extractPolicyDocument(readFileSync(path.join(CORPUS, spec.file), 'utf8'), {
        fileName: spec.file,
      }).tasks;
    } catch (err) {
      // A document the extractor refuses finds none of its tasks.
      misses.push(`${spec.file}: refused (${(err as Error).message})`);
    }
    const doc = { tasks };
    const byPath = new Map(doc.tasks.map((t) => [t.path.join('/'), t]));
    const s = {
      expected: spec.tasks.length,
      extracted: doc.tasks.length,
      found: 0,
      lead: 0,
      support: 0,
      deadline: 0,
    };
    for (const want of spec.tasks) {
      const key = want.path.join('/');
      const got = byPath.get(key);
      if (!got) {
        misses.push(`${spec.file} ${key}: not found`);
        continue;
      }
      s.found++;
      if (sameSet(got.leadUnits, want.leadUnits)) s.lead++;
      else
        misses.push(
          `${spec.file} ${key}: lead ${JSON.stringify(got.leadUnits)} ≠ ${JSON.stringify(want.leadUnits)}`,
        );
      if (sameSet(got.supportingUnits, want.supportingUnits)) s.support++;
      else
        misses.push(
          `${spec.file} ${key}: support ${JSON.stringify(got.supportingUnits)} ≠ ${JSON.stringify(want.supportingUnits)}`,
        );
      if (got.deadline === want.deadline) s.deadline++;
      else misses.push(`${spec.file} ${key}: deadline ${got.deadline} ≠ ${want.deadline}`);
    }
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += s[k];
    rows.push(row(spec.file, s));
  }
  const header = `${'document'.padEnd(48)} tasks  found   prec.   lead    support deadline`;
  console.log([header, ...rows, row('ALL', total)].join('\n'));
  if (process.argv.includes('--misses') && misses.length) console.log(`\n${misses.join('\n')}`);
}

function row(
  label: string,
  s: {
    expected: number;
    extracted: number;
    found: number;
    lead: number;
    support: number;
    deadline: number;
  },
): string {
  return `${label.padEnd(48)} ${String(s.expected).padStart(5)} ${pct(s.found, s.expected)} ${pct(s.found, s.extracted)} ${pct(s.lead, s.expected)} ${pct(s.support, s.expected)} ${pct(s.deadline, s.expected)}`;
}

main();
