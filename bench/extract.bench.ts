// Extraction cost: the five seed documents once, then 500 documents (the five repeated 100x) in one
// process. Cost should grow linearly: the per-file average stays put and the total ratio is ~100.
// Run: node -r ./scripts/register.js bench/extract.bench.ts
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { decodePolicyBuffer, extractPolicyDocument } from '@tracker/documents';

const SEEDS = path.resolve(__dirname, '../seeds');
const REPEAT = 100;

function load(): { name: string; text: string; bytes: number }[] {
  return readdirSync(SEEDS)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((name) => {
      const buf = readFileSync(path.join(SEEDS, name));
      return { name, text: decodePolicyBuffer(buf, name).text, bytes: buf.length };
    });
}

function timeMs(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function extractAll(docs: { name: string; text: string }[], times: number): number {
  let tasks = 0;
  for (let i = 0; i < times; i++) {
    for (const d of docs) tasks += extractPolicyDocument(d.text, { fileName: d.name }).tasks.length;
  }
  return tasks;
}

function main(): void {
  const docs = load();
  const kib = docs.reduce((n, d) => n + d.bytes, 0) / 1024;
  extractAll(docs, 20); // warm-up: JIT and regex compilation, so both runs measure steady state

  let tasksOnce = 0;
  const samples = Array.from({ length: 11 }, () =>
    timeMs(() => (tasksOnce = extractAll(docs, 1))),
  ).sort((a, b) => a - b);
  const once = samples[Math.floor(samples.length / 2)];
  let tasksMany = 0;
  const many = timeMs(() => (tasksMany = extractAll(docs, REPEAT)));

  const perFileOnce = once / docs.length;
  const perFileMany = many / (docs.length * REPEAT);
  const line = (label: string, files: number, total: number, perFile: number, tasks: number) =>
    `${label.padEnd(30)} ${String(files).padStart(4)} files  ${total.toFixed(1).padStart(9)} ms  ${perFile.toFixed(2).padStart(7)} ms/file  ${tasks} tasks`;

  process.stdout.write(`seed documents: ${docs.length} files, ${kib.toFixed(0)} KiB\n`);
  process.stdout.write(
    `${line('five documents (median of 11)', docs.length, once, perFileOnce, tasksOnce)}\n`,
  );
  process.stdout.write(
    `${line(`five documents x${REPEAT}`, docs.length * REPEAT, many, perFileMany, tasksMany)}\n`,
  );
  process.stdout.write(
    `total time ratio 500/5: ${(many / once).toFixed(1)} (linear = ${REPEAT}); per-file ratio: ${(perFileMany / perFileOnce).toFixed(2)} (linear = 1.00)\n`,
  );
}

main();
