import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import {
  analysePolicyDocument,
  decodePolicyDocument,
  DocumentInputError,
  ExtractedDocument,
  MAX_DOCUMENT_BYTES,
  PolicyAnalysis,
} from '@tracker/documents';

const USAGE = 'usage: npm run --silent cli -- extract [--json] FILE [FILE ...]\n';

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  EMFILE: 'too many open files',
};

type Outcome = { ok: true; analysis: PolicyAnalysis } | { ok: false; message: string };

/** Reads, decodes and extracts one file; every refusal comes back as a message naming the file. */
async function extractFile(file: string, note: (line: string) => void): Promise<Outcome> {
  const base = path.basename(file);
  try {
    const info = await stat(file);
    if (info.isDirectory())
      return { ok: false, message: `${file}: is a directory, not a document` };
    if (info.size > MAX_DOCUMENT_BYTES) {
      return {
        ok: false,
        message: `${file}: file is ${info.size} bytes, over the ${MAX_DOCUMENT_BYTES}-byte limit for a policy document`,
      };
    }
    const decoded = await decodePolicyDocument(await readFile(file), file);
    if (decoded.encoding !== 'utf-8')
      note(`note: ${file}: decoded from ${decoded.encoding.toUpperCase()}`);
    if (decoded.format !== 'text')
      note(`note: ${file}: text read from a ${decoded.format.toUpperCase()} file`);
    const analysis = analysePolicyDocument(decoded.text, { fileName: base });
    for (const w of analysis.warnings.filter(
      (w) => w.code === 'UNIT_NOT_IN_REGISTRY' || w.code === 'NO_TASKS',
    )) {
      note(`note: ${w.message}`);
    }
    return { ok: true, analysis };
  } catch (error: unknown) {
    if (error instanceof DocumentInputError) {
      // Name the file as given on the command line (the extractor only knows its base name).
      return { ok: false, message: `${file}: ${error.reason}` };
    }
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code) return { ok: false, message: `${file}: cannot read: ${READ_ERRORS[code] ?? code}` };
    throw error;
  }
}

function summaryOf(doc: ExtractedDocument): string {
  const byChapter = new Map<string, number>();
  for (const t of doc.tasks) byChapter.set(t.path[0], (byChapter.get(t.path[0]) ?? 0) + 1);
  const withoutUnits = doc.tasks.filter((t) => t.unitsSource === 'none').length;
  const withDeadline = doc.tasks.filter((t) => t.deadlineText).length;
  const targets = doc.tasks.reduce((n, t) => n + t.targets.length, 0);
  return [
    `${doc.file}`,
    `  title:     ${doc.title ?? '-'}`,
    `  issuer:    ${doc.issuer ?? '-'}   number: ${doc.docNumber ?? '-'}   issued: ${doc.issuedOn ?? '-'}`,
    `  tasks:     ${doc.tasks.length} (${[...byChapter].map(([c, n]) => `${c}: ${n}`).join(', ')})`,
    `             ${withoutUnits} without units, ${withDeadline} with a time limit, ${targets} targets`,
    `  leading:   ${doc.supervision.leadingBody ?? '-'}   office: ${doc.supervision.office ?? '-'}   cadence: ${doc.supervision.cadence}`,
    '',
  ].join('\n');
}

/**
 * `extract [--json] FILE…`: prints one JSON object `{ "documents": [...] }` on stdout (nothing else;
 * notes go to stderr), or a short summary without --json. Exit 0 when every file was extracted;
 * exit 1 when a file was refused (its reason is on stderr; the JSON still holds the good files);
 * exit 2 on a usage error.
 */
export async function extractCommand(args: string[]): Promise<number> {
  const json = args.includes('--json');
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--json');
  const files = args.filter((a) => !a.startsWith('--'));
  if (unknown.length > 0 || files.length === 0) {
    process.stderr.write(
      unknown.length > 0 ? `extract: unknown option ${unknown.join(' ')}\n${USAGE}` : USAGE,
    );
    return 2;
  }
  const note = (line: string) => process.stderr.write(`${line}\n`);
  const documents: ExtractedDocument[] = [];
  let failed = 0;
  for (const file of files) {
    const outcome = await extractFile(file, note);
    if (outcome.ok) documents.push(outcome.analysis.document);
    else {
      failed++;
      process.stderr.write(`error: ${outcome.message}\n`);
    }
  }
  if (json) process.stdout.write(`${JSON.stringify({ documents }, null, 2)}\n`);
  else process.stdout.write(documents.map(summaryOf).join('\n'));
  return failed > 0 ? 1 : 0;
}
