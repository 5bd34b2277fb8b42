import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DocumentsImportService } from '@tracker/services';
import { givenUser as givenLoginUser, loginAs } from '../support/builders';
import { drainQueues } from '../support/drain';
import { createStack, TestStack } from '../support/harness';
import { givenMailUser } from '../support/mail-fixtures';
import { SmtpSink } from '../support/smtp-sink';
import {
  givenAssignment,
  givenDocument,
  givenTask,
  givenUnit,
} from '../support/supervision-fixtures';

const at = (s: string): Date => new Date(`${s}+08:00`);

describe('acknowledging many tasks at once, and seeded plans of years ago', () => {
  const sink = new SmtpSink();
  let stack: TestStack;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let ds: DataSource;
  const auth: Record<string, { Authorization: string }> = {};
  const http = () => request(api.getHttpServer());
  const drain = async (): Promise<void> => {
    await drainQueues({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() });
    await sink.settle();
  };
  const a: Record<string, string> = {};

  beforeAll(async () => {
    await sink.start();
    stack = await createStack('2020-07-01T09:00:00+08:00');
    api = await stack.startApi();
    worker = await stack.startWorker({ ...sink.env(), MAIL_RETRY_DELAY_MS: '200' });
    ds = api.get(DataSource);
    const unitA = await givenUnit(ds, '签收甲厅');
    const unitB = await givenUnit(ds, '签收乙厅');
    const lead = await givenUnit(ds, '牵头丁厅');
    await givenLoginUser(ds, 'office1', ['office']);
    await givenLoginUser(ds, 'agency-a', ['agency'], unitA);
    await givenLoginUser(ds, 'agency-b', ['agency'], unitB);
    for (const u of ['office1', 'agency-a', 'agency-b']) auth[u] = (await loginAs(api, u)).auth;
    const doc = await givenDocument(ds);
    for (const k of ['a1', 'a2', 'a3']) {
      const t = await givenTask(ds, doc);
      await givenAssignment(ds, t, lead, 'lead', at('2020-07-01T09:00:00'));
      a[k] = await givenAssignment(ds, t, unitA, 'support', at('2020-07-01T09:00:00'));
    }
    a.b1 = await givenAssignment(
      ds,
      await givenTask(ds, doc),
      unitB,
      'support',
      at('2020-07-01T09:00:00'),
    );
  });
  afterAll(async () => {
    await stack.close();
    await sink.stop();
  });

  const states = async (): Promise<Record<string, string>> => {
    const rows: { id: string; state: string }[] = await ds.query(
      `SELECT id, state FROM assignments WHERE id = ANY($1::uuid[])`,
      [Object.values(a)],
    );
    return Object.fromEntries(
      Object.entries(a).map(([k, id]) => [k, rows.find((r) => r.id === id)?.state ?? '?']),
    );
  };

  it("refuses another unit's assignment with 404 and changes nothing", async () => {
    const res = await http()
      .post('/api/me/assignments/acknowledge')
      .set(auth['agency-a'])
      .send({ assignmentIds: [a.a1, a.b1] })
      .expect(404);
    expect(res.body.error).toBe('ASSIGNMENT_NOT_FOUND');
    expect(await states()).toEqual({ a1: 'pending', a2: 'pending', a3: 'pending', b1: 'pending' });
    await http().post('/api/me/assignments/acknowledge').set(auth.office1).send({}).expect(403);
    const bad = await http()
      .post('/api/me/assignments/acknowledge')
      .set(auth['agency-a'])
      .send({ except: ['x'] })
      .expect(400);
    expect(Object.keys(bad.body.fields)).toEqual(['except']);
  });

  it("acknowledges all of the unit's pending assignments in one go but the ones it will decline, audited", async () => {
    const res = await http()
      .post('/api/me/assignments/acknowledge')
      .set(auth['agency-a'])
      .send({ except: [a.a3] })
      .expect(200);
    expect(res.body.acknowledged.sort()).toEqual([a.a1, a.a2].sort());
    expect(res.body.leftPending).toEqual([a.a3]);
    expect(await states()).toEqual({
      a1: 'acknowledged',
      a2: 'acknowledged',
      a3: 'pending',
      b1: 'pending',
    });
    await http()
      .post(`/api/assignments/${a.a3}/decline`)
      .set(auth['agency-a'])
      .send({ reason: '不属于本单位职责' })
      .expect(200);
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'assignment.acknowledge' AND target_id = ANY($1::text[])`,
      [[a.a1, a.a2]],
    );
    expect(n).toBe(2);
    const again = await http()
      .post('/api/me/assignments/acknowledge')
      .set(auth['agency-a'])
      .send({})
      .expect(200);
    expect(again.body).toEqual({ acknowledged: [], alreadyAcknowledged: [], leftPending: [] });
    const declined = await http()
      .post('/api/me/assignments/acknowledge')
      .set(auth['agency-a'])
      .send({ assignmentIds: [a.a3] })
      .expect(409);
    expect(declined.body.error).toBe('ASSIGNMENT_STATE_CONFLICT');
  });

  it('records a seeded plan of years ago as pre-existing: no acknowledgement request, no mail', async () => {
    const SEED = '2016-guangxi-made-in-china-2025-opinions.txt';
    const text = readFileSync(path.resolve(__dirname, '../../seeds', SEED), 'utf8');
    const imported = await worker
      .get(DocumentsImportService)
      .import({ fileName: SEED, text, preexisting: true }, null);
    const supports: { unit_id: string; is_preexisting: boolean }[] = await ds.query(
      `SELECT a.unit_id, a.is_preexisting FROM assignments a JOIN tasks t ON t.id = a.task_id WHERE t.document_id = $1 AND a.role = 'support'`,
      [imported.documentId],
    );
    expect(supports.length).toBeGreaterThan(0);
    expect(supports.every((s) => s.is_preexisting)).toBe(true);
    const member = await givenMailUser(ds, {
      roles: ['agency'],
      unitId: supports[0].unit_id,
      name: 'seed-member',
    });
    sink.clear();
    await drain();
    stack.clock.set(at('2020-07-09T09:00:00'));
    await drain();
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM notices n JOIN tasks t ON t.id = n.task_id WHERE t.document_id = $1 AND n.kind LIKE 'ack_%'`,
      [imported.documentId],
    );
    expect(n).toBe(0);
    expect(sink.to(member.email)).toEqual([]);
  });
});
