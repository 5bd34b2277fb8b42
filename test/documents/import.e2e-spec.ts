import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { INestApplication } from '@nestjs/common';
import { DocumentsImportService } from '@tracker/services';
import { DataSource } from 'typeorm';
import { createStack, TestStack } from '../support/harness';

const SEEDS = path.resolve(__dirname, '../../seeds');
const seed = (file: string): string => readFileSync(path.join(SEEDS, file), 'utf8');
const BREAKTHROUGH = '2020-guangxi-manufacturing-breakthrough-year-plan.txt';

async function counts(ds: DataSource): Promise<Record<string, number>> {
  const [row] = await ds.query(
    `SELECT (SELECT count(*) FROM policy_documents)::int AS documents,
            (SELECT count(*) FROM tasks)::int AS items,
            (SELECT count(*) FROM assignments)::int AS assignments,
            (SELECT count(*) FROM units)::int AS units,
            (SELECT count(*) FROM audit_log WHERE action = 'document.import')::int AS audits`,
  );
  return row;
}

describe('DocumentsImportService', () => {
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  let importer: DocumentsImportService;

  beforeAll(async () => {
    stack = await createStack();
    api = await stack.startApi();
    ds = api.get(DataSource);
    importer = api.get(DocumentsImportService);
  });
  afterAll(() => stack.close());

  it('imports a document with its tree, tasks and assignments, and the same text again changes nothing', async () => {
    const text = seed(BREAKTHROUGH);
    const first = await importer.import({ fileName: BREAKTHROUGH, text }, null);
    expect(first.created).toBe(true);
    expect(first.tasks).toBeGreaterThan(10);
    expect(first.assignments).toBeGreaterThan(first.tasks);
    const after = await counts(ds);
    expect(after.documents).toBe(1);
    expect(after.audits).toBe(1);

    // Windows line endings and trailing spaces are the same document.
    const again = await importer.import(
      { fileName: 'copy.txt', text: text.replace(/\n/g, ' \r\n') },
      null,
    );
    expect(again).toEqual({ ...first, created: false });
    expect(await counts(ds)).toEqual(after);

    // Every task's lead assignment is there, and leads come before supporters.
    const [{ without }] = await ds.query(
      `SELECT count(*)::int AS without FROM tasks t
        WHERE t.is_task AND t.units_source <> 'none'
          AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.task_id = t.id AND a.role = 'lead')`,
    );
    expect(without).toBe(0);
  });

  it('leaves nothing behind when the import fails part-way', async () => {
    const before = await counts(ds);
    // Fail the 5th assignment insert of the transaction, deep inside the import.
    await ds.query(`CREATE SEQUENCE fail_counter`);
    await ds.query(
      `CREATE FUNCTION fail_fifth() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN IF nextval('fail_counter') = 5 THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$`,
    );
    await ds.query(
      `CREATE TRIGGER fail_fifth BEFORE INSERT ON assignments FOR EACH ROW EXECUTE FUNCTION fail_fifth()`,
    );
    try {
      const file = '2016-guangxi-made-in-china-2025-opinions.txt';
      await expect(importer.import({ fileName: file, text: seed(file) }, null)).rejects.toThrow(
        /injected failure/,
      );
      expect(await counts(ds)).toEqual(before);
    } finally {
      await ds.query(`DROP TRIGGER fail_fifth ON assignments`);
      await ds.query(`DROP FUNCTION fail_fifth()`);
      await ds.query(`DROP SEQUENCE fail_counter`);
    }
  });

  it('imports the same text concurrently as one document', async () => {
    const file = 'guangxi-manufacturing-internet-integration-plan.txt';
    const text = seed(file);
    const results = await Promise.all([
      importer.import({ fileName: file, text }, null),
      importer.import({ fileName: file, text }, null),
    ]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(results[0].documentId).toBe(results[1].documentId);
  });

  it('previews without writing, and flags units the registry does not know', async () => {
    const before = await counts(ds);
    const file = '2017-guangdong-pearl-river-west-pilot-plan.txt';
    const preview = await importer.preview({ fileName: file, text: seed(file) });
    expect(preview.alreadyImported).toBeNull();
    expect(preview.analysis.document.tasks.length).toBeGreaterThan(10);
    expect(preview.assignments.length).toBeGreaterThan(0);
    expect(await counts(ds)).toEqual(before);
  });
});
