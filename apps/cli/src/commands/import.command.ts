import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { decodePolicyDocument, DocumentInputError } from '@tracker/documents';
import { importerFor, openDataSource } from './db';

/** `npm run cli -- import FILE…`: each file in its own transaction; the same text twice gives one document. */
export async function importCommand(args: string[]): Promise<number> {
  const files = args.filter((a) => !a.startsWith('--'));
  if (files.length === 0) {
    process.stderr.write('usage: npm run cli -- import FILE [FILE ...]\n');
    return 2;
  }
  const ds = await openDataSource();
  let failed = 0;
  try {
    const importer = importerFor(ds);
    for (const file of files) {
      const fileName = path.basename(file);
      try {
        const { text } = await decodePolicyDocument(await readFile(file), fileName);
        const result = await importer.import({ fileName, text }, null);
        process.stdout.write(
          `${fileName}: ${result.created ? 'imported' : 'already imported'} as ${result.documentId} ` +
            `(${result.tasks} tasks, ${result.assignments} assignments)\n`,
        );
      } catch (error) {
        failed++;
        const reason =
          error instanceof DocumentInputError || error instanceof Error
            ? error.message
            : String(error);
        process.stderr.write(`${fileName}: not imported: ${reason}\n`);
      }
    }
  } finally {
    await ds.destroy();
  }
  return failed ? 1 : 0;
}
