import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AssignmentsService, DocumentsImportService } from '@tracker/services';
import { drainQueues } from '../support/drain';
import { createStack, TestStack } from '../support/harness';
import { givenMailUser, untilRow } from '../support/mail-fixtures';
import { SmtpSink } from '../support/smtp-sink';
import { givenUnit, givenUser } from '../support/supervision-fixtures';

const SEED = '2020-guangxi-manufacturing-breakthrough-year-plan.txt';
const PUBLIC_URL = 'https://tracker.test';

describe('acknowledgement requests when assignments are created', () => {
  const sink = new SmtpSink();
  let stack: TestStack;
  let worker: INestApplicationContext;
  let ds: DataSource;
  let documentId: string;

  const drain = async (): Promise<void> => {
    await drainQueues({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() });
    await sink.settle();
  };
  const requests = (
    where: string,
    params: unknown[],
  ): Promise<{ assignment_id: string; unit_id: string }[]> =>
    ds.query(
      `SELECT assignment_id, unit_id FROM notices WHERE kind = 'ack_request' AND ${where}`,
      params,
    );

  beforeAll(async () => {
    await sink.start();
    stack = await createStack('2020-07-01T09:00:00+08:00');
    worker = await stack.startWorker({ ...sink.env(), MAIL_RETRY_DELAY_MS: '200', PUBLIC_URL });
    ds = worker.get(DataSource);
  });
  afterAll(async () => {
    await stack.close();
    await sink.stop();
  });

  it('asks every supporting unit of an imported document at once, with the acknowledge link', async () => {
    const text = readFileSync(path.resolve(__dirname, '../../seeds', SEED), 'utf8');
    const imported = await worker
      .get(DocumentsImportService)
      .import({ fileName: SEED, text }, null);
    documentId = imported.documentId;
    const supports: { id: string; unit_id: string }[] = await ds.query(
      `SELECT a.id, a.unit_id FROM assignments a JOIN tasks t ON t.id = a.task_id
        WHERE t.document_id = $1 AND a.role = 'support' AND a.state = 'pending' ORDER BY a.id`,
      [documentId],
    );
    expect(supports.length).toBeGreaterThan(0);
    const member = await givenMailUser(ds, {
      roles: ['agency'],
      unitId: supports[0].unit_id,
      name: 'support-member',
    });

    // No cycle opened and no reconcile ran since the worker started: the import enqueued the ladders.
    await drain();
    const raised = await requests(`assignment_id = ANY($1::uuid[])`, [supports.map((s) => s.id)]);
    expect(raised.map((r) => r.assignment_id).sort()).toEqual(supports.map((s) => s.id));
    // A mail whose first try met a busy SMTP connection is retried on a real (short) backoff:
    // wait until every email delivery to the member is sent before reading the inbox.
    await untilRow<{ total: number; unsent: number }>(
      ds,
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE sent_at IS NULL)::int AS unsent
         FROM notice_deliveries WHERE user_id = $1 AND channel = 'email'`,
      [member.id],
      (r) => r.total === 1 && r.unsent === 0,
    );
    // One mail for the unit's tasks of this import, however many, listing each.
    const mine = sink.to(member.email);
    expect(mine.length).toBe(1);
    const theirs: { path: string[] }[] = await ds.query(
      `SELECT t.path FROM assignments a JOIN tasks t ON t.id = a.task_id
        WHERE t.document_id = $1 AND a.role = 'support' AND a.unit_id = $2`,
      [documentId, supports[0].unit_id],
    );
    if (theirs.length > 1) {
      expect(mine[0].subject).toMatch(new RegExp(`^【签收】请签收.*${theirs.length}项任务`));
      for (const t of theirs) expect(mine[0].text).toContain(`任务${t.path.join('')}`);
    } else {
      expect(mine[0].subject).toMatch(/^【签收】请签收配合任务/);
      expect(mine[0].text).toContain(`${PUBLIC_URL}/api/action-links/acknowledge?assignment=`);
    }
  });

  it('sends each supporting unit of the import one request listing its tasks, not one per task', async () => {
    const perUnit: { unit_id: string; tasks: number; batches: number }[] = await ds.query(
      `SELECT a.unit_id, count(DISTINCT a.id)::int AS tasks,
              (SELECT count(*)::int FROM notices n WHERE n.dedup_key LIKE 'ack_request/batch/' || $2::text || '/' || a.unit_id || '/%') AS batches
         FROM assignments a JOIN tasks t ON t.id = a.task_id
        WHERE t.document_id = $1 AND a.role = 'support' GROUP BY a.unit_id`,
      [documentId, documentId],
    );
    expect(perUnit.some((u) => u.tasks > 1)).toBe(true);
    for (const u of perUnit) expect(u.batches).toBe(u.tasks > 1 ? 1 : 0);
    // The per-task requests of a batched unit reach nobody: the batch is the one message.
    const [{ reached }] = await ds.query(
      `SELECT count(*)::int AS reached FROM notices n JOIN notice_deliveries d ON d.notice_id = n.id
        WHERE n.kind = 'ack_request' AND n.assignment_id IS NOT NULL AND n.unit_id = ANY($1::uuid[])`,
      [perUnit.filter((u) => u.tasks > 1).map((u) => u.unit_id)],
    );
    expect(reached).toBe(0);
  });

  it('asks the unit the office reassigns a declined supporting task to', async () => {
    const [declining] = (await ds.query(
      `SELECT a.id, a.unit_id FROM assignments a JOIN tasks t ON t.id = a.task_id
        WHERE t.document_id = $1 AND a.role = 'support' AND a.state = 'pending' ORDER BY a.id LIMIT 1`,
      [documentId],
    )) as { id: string; unit_id: string }[];
    const agency = await givenUser(ds, { roles: ['agency'], unitId: declining.unit_id });
    const office = await givenUser(ds, { roles: ['office'] });
    const newUnit = await givenUnit(ds, '自治区新接手单位');
    const member = await givenMailUser(ds, {
      roles: ['agency'],
      unitId: newUnit,
      name: 'new-unit-member',
    });
    const assignments = worker.get(AssignmentsService);
    await assignments.decline(agency, declining.id, '职责不符');
    sink.clear();
    const { created } = await assignments.reassign(office, declining.id, [newUnit]);

    await drain();
    expect(await requests(`unit_id = $1`, [newUnit])).toEqual([
      { assignment_id: created[0].id, unit_id: newUnit },
    ]);
    expect(sink.to(member.email).map((m) => m.subject)).toEqual([
      expect.stringMatching(/^【签收】/),
    ]);
    expect(sink.to(member.email)[0].text).toContain(`assignment=${created[0].id}&token=`);
  });
});
