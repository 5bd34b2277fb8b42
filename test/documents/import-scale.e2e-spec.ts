import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { CLOCK } from '@tracker/domain';
import { jobId } from '@tracker/queue';
import {
  AuditService,
  DocumentsImportService,
  ImportResult,
  seedUnitRegistry,
  ServicesModule,
} from '@tracker/services';
import { ChildWorker, ClockFile, spawnWorker } from '../support/child-worker';
import { drainMail } from '../support/drain';
import { OutlineItem } from '@tracker/documents';
import { createStack, TestStack } from '../support/harness';
import { largeDocumentText, shapeFor } from '../support/large-document';
import { givenMailUser } from '../support/mail-fixtures';
import { REDIS } from '../support/test-env';

// Thousands of acknowledgement jobs on two shared cores, and a killed worker's stalled jobs (~15 s).
jest.setTimeout(300_000);

const TASKS = 2_000;

describe('importing a document of thousands of tasks', () => {
  let stack: TestStack;
  let clock: ClockFile;
  let services: INestApplicationContext;
  let ds: DataSource;
  let importer: DocumentsImportService;
  const workers: ChildWorker[] = [];
  const target = (): { queuePrefix: string; now: () => Date } => ({
    queuePrefix: stack.queuePrefix,
    now: () => clock.now(),
  });
  const startWorker = async (): Promise<ChildWorker> => {
    const w = spawnWorker({ ...stack.env, MAIL_RETRY_DELAY_MS: '100' }, clock);
    workers.push(w);
    await w.ready;
    return w;
  };
  const queue = (name: string): Queue =>
    new Queue(name, { prefix: stack.queuePrefix, connection: { ...REDIS } });

  /** Every unit supporting a task of the document has one member with an address; their addresses. */
  const givenSupportMembers = async (documentId: string): Promise<string[]> => {
    const units = (await ds.query(
      `SELECT DISTINCT a.unit_id AS id FROM assignments a JOIN tasks t ON t.id = a.task_id
        WHERE t.document_id = $1 AND a.role = 'support'
          AND NOT EXISTS (SELECT 1 FROM users u WHERE u.unit_id = a.unit_id)`,
      [documentId],
    )) as { id: string }[];
    for (const [i, u] of units.entries())
      await givenMailUser(ds, {
        roles: ['agency'],
        unitId: u.id,
        name: `scale-${documentId.slice(0, 6)}-${i}`,
      });
    const emails = (await ds.query(
      `SELECT DISTINCT u.email FROM users u JOIN assignments a ON a.unit_id = u.unit_id JOIN tasks t ON t.id = a.task_id
        WHERE t.document_id = $1 AND a.role = 'support'`,
      [documentId],
    )) as { email: string }[];
    return emails.map((e) => e.email);
  };

  /** Each supporting assignment's request key once, and each supporting unit's member one mail for the document. */
  const expectRequestedOnce = async (documentId: string, tag: string, emails: string[]) => {
    const [keys] = (await ds.query(
      `SELECT count(*)::int AS support,
              count(*) FILTER (WHERE (SELECT count(*) FROM notices n WHERE n.dedup_key = 'ack_request/' || a.id) = 1)::int AS once
         FROM assignments a JOIN tasks t ON t.id = a.task_id WHERE t.document_id = $1 AND a.role = 'support'`,
      [documentId],
    )) as { support: number; once: number }[];
    expect(keys.support).toBeGreaterThan(TASKS * 2);
    expect(keys.once).toBe(keys.support);
    await stack.smtp.settle();
    const perAddress = new Map<string, number>();
    for (const m of stack.smtp.messages.filter(
      (m) => m.subject.includes(tag) || m.text.includes(tag),
    ))
      for (const to of m.to) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
    expect(emails.length).toBeGreaterThan(10);
    for (const email of emails) expect([email, perAddress.get(email)]).toEqual([email, 1]);
  };

  beforeAll(async () => {
    stack = await createStack();
    clock = new ClockFile('2020-07-01T10:00:00+08:00');
    for (const [k, v] of Object.entries(stack.env)) process.env[k] = v;
    services = await Test.createTestingModule({ imports: [ServicesModule] })
      .overrideProvider(CLOCK)
      .useValue({ now: () => clock.now() })
      .compile();
    await services.init();
    stack.apps.push(services);
    ds = services.get(DataSource);
    importer = services.get(DocumentsImportService);
    await ds.transaction((em) => seedUnitRegistry(em));
  });
  afterAll(async () => {
    for (const w of workers.splice(0)) await w.kill('SIGKILL');
    await stack.close();
  });

  let imported: ImportResult;

  it('stores every task and assignment of the document exactly, in the order and tree of the text', async () => {
    const input = { fileName: 'scale.txt', text: largeDocumentText(shapeFor(TASKS), 'scale-a') };
    // What the preview resolves, per item: the units it will assign, lead first, each unit once.
    const preview = await importer.preview(input);
    const expected = new Map<string, { unitId: string; role: string }[]>();
    for (const a of preview.assignments) {
      const key = a.path.join('/');
      const list = expected.get(key) ?? [];
      for (const u of a.units)
        if (!list.some((x) => x.unitId === u.id)) list.push({ unitId: u.id, role: a.role });
      expected.set(key, list);
    }
    expect(preview.warnings.filter((w) => w.code === 'UNIT_NOT_IN_REGISTRY')).toEqual([]);
    const items: OutlineItem[] = [];
    const walk = (xs: OutlineItem[]): void => xs.forEach((x) => (items.push(x), walk(x.children)));
    walk(preview.analysis.outline);
    const taskCount = items.filter((i) => i.isTask).length;
    // The generated items, and the closing chapter's two clauses (tasks without units).
    expect(taskCount).toBe(TASKS + 2);

    imported = await importer.import(input, null);
    expect(imported.created).toBe(true);
    expect(imported.tasks).toBe(taskCount);
    const expectedAssignments = [...expected.values()].reduce((n, l) => n + l.length, 0);
    expect(imported.assignments).toBe(expectedAssignments);

    const [row] = (await ds.query(
      `SELECT (SELECT count(*)::int FROM tasks WHERE document_id = $1) AS items,
              (SELECT count(*)::int FROM tasks WHERE document_id = $1 AND is_task) AS tasks,
              (SELECT count(*)::int FROM assignments a JOIN tasks t ON t.id = a.task_id WHERE t.document_id = $1) AS assignments,
              (SELECT count(DISTINCT ordinal)::int FROM tasks WHERE document_id = $1) AS ordinals`,
      [imported.documentId],
    )) as { items: number; tasks: number; assignments: number; ordinals: number }[];
    // Chapters and sections are items too: every item of the tree once, each with its own ordinal.
    expect(row).toEqual({
      items: items.length,
      tasks: taskCount,
      assignments: expectedAssignments,
      ordinals: items.length,
    });

    // Every task's assignments are exactly the preview's, with their roles and lead-first order.
    const stored = (await ds.query(
      `SELECT t.path_key AS key, json_agg(json_build_object('unitId', a.unit_id, 'role', a.role) ORDER BY a.ordinal) AS list
         FROM tasks t JOIN assignments a ON a.task_id = t.id WHERE t.document_id = $1 GROUP BY t.path_key`,
      [imported.documentId],
    )) as { key: string; list: { unitId: string; role: string }[] }[];
    expect(new Map(stored.map((s) => [s.key, s.list]))).toEqual(expected);

    // Every item's heading, parent, deadline and targets as the extractor read them.
    const tree = (await ds.query(
      `SELECT t.path_key AS key, t.heading, p.path_key AS parent, t.deadline_on::text AS "deadlineOn", t.targets
         FROM tasks t LEFT JOIN tasks p ON p.id = t.parent_id WHERE t.document_id = $1`,
      [imported.documentId],
    )) as { key: string; targets: unknown[] }[];
    expect(new Map(tree.map((t) => [t.key, t]))).toEqual(
      new Map(
        items.map((i) => [
          i.path.join('/'),
          {
            key: i.path.join('/'),
            heading: i.heading,
            parent: i.path.length > 1 ? i.path.slice(0, -1).join('/') : null,
            deadlineOn: i.deadline,
            targets: i.targets.map((t) => ({
              text: t.text,
              value: t.value,
              unit: t.unit,
              by: t.by,
            })),
          },
        ]),
      ),
    );
    expect(tree.filter((t) => t.targets.length > 0).length).toBe(TASKS / 4);

    // A sample item: its text, parent, deadline, target and units as the text writes them.
    const [sample] = (await ds.query(
      `SELECT t.heading, t.deadline_on::text AS "deadlineOn", t.targets, p.path_key AS parent, t.ordinal > p.ordinal AS after,
              (SELECT array_agg(u.name ORDER BY a.ordinal) FROM assignments a JOIN units u ON u.id = a.unit_id WHERE a.task_id = t.id) AS units
         FROM tasks t JOIN tasks p ON p.id = t.parent_id WHERE t.document_id = $1 AND t.path_key = '三/（二）/1'`,
      [imported.documentId],
    )) as Record<string, unknown>[];
    // Item 1 of section 二 of chapter 三 is the 1,051st item (n = 1,050: a deadline, no target, a collective).
    expect(sample).toMatchObject({
      heading: expect.stringContaining('第1051项工作'),
      deadlineOn: '2020-12-31',
      targets: [],
      parent: '三/（二）',
      after: true,
    });
    const units = sample.units as string[];
    // Lead 科技厅; supporting 工业和信息化厅, 科技厅 (already the lead: once), 大数据发展局, the cities.
    expect(units.slice(0, 3)).toEqual([
      '自治区科技厅',
      '自治区工业和信息化厅',
      '自治区大数据发展局',
    ]);
    expect(units).toContain('南宁市人民政府');
  });

  it('queues the acknowledgement requests after the answer and creates each once, across a worker killed mid-work', async () => {
    const emails = await givenSupportMembers(imported.documentId);
    // The answer came back with nothing requested yet: one job waits to derive the requests.
    const [{ n }] = (await ds.query(
      `SELECT count(*)::int AS n FROM notices WHERE kind = 'ack_request'`,
    )) as { n: number }[];
    expect(n).toBe(0);
    const cycles = queue('cycles');
    const ladder = queue('ladder');
    try {
      const id = jobId('ack-ladders', { documentId: imported.documentId, cause: 'import' });
      expect(await cycles.getJobState(id)).toBe('waiting');

      const first = await startWorker();
      // Kill it while the acknowledgement jobs are being worked through.
      for (;;) {
        // A job past its request sleeps (delayed) until its reminder is due; others still wait.
        const c = await ladder.getJobCounts('delayed', 'waiting');
        if ((c.delayed ?? 0) > 0 && (c.waiting ?? 0) > 0) break;
        if (first.proc.exitCode !== null) throw new Error(first.output().slice(-2000));
        await new Promise((r) => setTimeout(r, 20));
      }
      await first.kill('SIGKILL');
      await startWorker();
      await drainMail(target(), ds, stack.smtp, 240_000);
    } finally {
      await cycles.close();
      await ladder.close();
    }
    await expectRequestedOnce(imported.documentId, 'scale-a', emails);
  });

  it('derives the requests from PostgreSQL when the process died between the commit and the enqueue', async () => {
    for (const w of workers.splice(0)) await w.kill('SIGTERM');
    stack.smtp.messages.length = 0;
    // The CLI's importer has no queue: the same commit with no job after it, as if the process
    // had died right after the commit.
    const lost = new DocumentsImportService(ds, services.get(AuditService), {
      now: () => clock.now(),
    });
    const result = await lost.import(
      { fileName: 'scale-b.txt', text: largeDocumentText(shapeFor(TASKS), 'scale-b') },
      null,
    );
    const emails = await givenSupportMembers(result.documentId);
    const [{ n }] = (await ds.query(
      `SELECT count(*)::int AS n FROM notices n JOIN tasks t ON t.id = n.task_id WHERE n.kind = 'ack_request' AND t.document_id = $1`,
      [result.documentId],
    )) as { n: number }[];
    expect(n).toBe(0);
    await startWorker();
    await drainMail(target(), ds, stack.smtp, 240_000);
    await expectRequestedOnce(result.documentId, 'scale-b', emails);
    // The first document's requests were not sent again by the re-derivation.
    expect(
      stack.smtp.messages.filter(
        (m) => m.subject.includes('scale-a') || m.text.includes('scale-a'),
      ),
    ).toEqual([]);
  });
});
