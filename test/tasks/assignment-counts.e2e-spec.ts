import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { givenDocument } from '../support/builders';
import { createStack, TestStack } from '../support/harness';
import { givenWorld, World } from '../support/world';

// "My tasks" reads a unit's total from unit_assignment_counts, which triggers on assignments keep.
// Whatever changes assignments (bulk inserts, state and unit changes, deletes, a document's
// cascade, concurrent writers, TRUNCATE), the kept counts equal a count of the rows.
describe('the kept per-unit assignment counts', () => {
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  let w: World;

  const kept = async () =>
    (
      (await ds.query(
        `SELECT unit_id, role, state, n FROM unit_assignment_counts WHERE n <> 0 ORDER BY 1, 2, 3`,
      )) as { unit_id: string; role: string; state: string; n: number }[]
    ).map((r) => `${r.unit_id} ${r.role} ${r.state} ${r.n}`);
  const counted = async () =>
    (
      (await ds.query(
        `SELECT unit_id, role, state, count(*)::int AS n FROM assignments GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      )) as { unit_id: string; role: string; state: string; n: number }[]
    ).map((r) => `${r.unit_id} ${r.role} ${r.state} ${r.n}`);
  const expectInStep = async () => {
    const truth = await counted();
    expect(await kept()).toEqual(truth);
    return truth;
  };
  const bulkDocument = async (title: string, tasks: number) => {
    const doc = await givenDocument(ds, { title, issuedOn: '2019-01-01' });
    await ds.query(
      `INSERT INTO tasks (document_id, path, path_key, ordinal, heading, is_task, units_source)
       SELECT $1, ARRAY['一', g::text], '一/' || g, g, '任务' || g, true, 'own' FROM generate_series(1, $2::int) g`,
      [doc.id, tasks],
    );
    await ds.query(
      `INSERT INTO assignments (task_id, unit_id, role)
       SELECT t.id, $2, CASE WHEN t.ordinal % 4 = 0 THEN 'support' ELSE 'lead' END FROM tasks t WHERE t.document_id = $1`,
      [doc.id, w.units.A.id],
    );
    return doc.id;
  };

  beforeAll(async () => {
    stack = await createStack('2020-07-01T10:00:00+08:00');
    api = await stack.startApi({ JWT_ACCESS_TTL: '1d' });
    ds = api.get(DataSource);
    w = await givenWorld(api);
  });
  afterAll(() => stack.close());

  it('match the rows after the world is built, and the API total is the kept one', async () => {
    const truth = await expectInStep();
    expect(truth.length).toBeGreaterThan(0);
    const res = await request(api.getHttpServer())
      .get('/api/me/tasks')
      .set(w.headers.agencyA)
      .expect(200);
    const [{ n }] = (await ds.query(
      `SELECT count(*)::int AS n FROM assignments WHERE unit_id IN ($1, $2) AND state IN ('pending', 'acknowledged', 'declined')`,
      [w.units.A.id, w.units.A0.id],
    )) as { n: number }[];
    expect(res.body.total).toBe(n);
  });

  it('follow bulk inserts, state and unit changes, deletes and a document removed with its tasks', async () => {
    const docId = await bulkDocument('计数文件甲', 400);
    await expectInStep();
    await ds.query(
      `UPDATE assignments SET state = 'acknowledged', acknowledged_at = now()
        WHERE task_id IN (SELECT id FROM tasks WHERE document_id = $1 AND ordinal % 3 = 0)`,
      [docId],
    );
    // A change that touches no counted column leaves the counts alone.
    await ds.query(
      `UPDATE assignments SET acknowledged_at = now() WHERE task_id IN (SELECT id FROM tasks WHERE document_id = $1)`,
      [docId],
    );
    await ds.query(
      `UPDATE assignments SET unit_id = $2 WHERE task_id IN (SELECT id FROM tasks WHERE document_id = $1 AND ordinal % 5 = 0)`,
      [docId, w.units.B.id],
    );
    await ds.query(
      `DELETE FROM assignments WHERE task_id IN (SELECT id FROM tasks WHERE document_id = $1 AND ordinal % 7 = 0)`,
      [docId],
    );
    await expectInStep();
    await ds.query(`DELETE FROM tasks WHERE document_id = $1`, [docId]);
    await expectInStep();
    // The API's total for unit A follows too, with and without a filter it can answer from them.
    for (const [q, extra] of [
      ['', ''],
      ['?role=lead', ` AND role = 'lead'`],
      ['?ackState=acknowledged', ` AND state = 'acknowledged'`],
    ]) {
      const res = await request(api.getHttpServer())
        .get(`/api/me/tasks${q}`)
        .set(w.headers.agencyA)
        .expect(200);
      const [{ n }] = (await ds.query(
        `SELECT count(*)::int AS n FROM assignments
          WHERE unit_id IN ($1, $2) AND state IN ('pending', 'acknowledged', 'declined')${extra}`,
        [w.units.A.id, w.units.A0.id],
      )) as { n: number }[];
      expect(res.body.total).toBe(n);
    }
  });

  it('stay exact under concurrent writers on the same unit', async () => {
    const docs = await Promise.all(
      ['计数文件乙', '计数文件丙', '计数文件丁'].map((t) =>
        givenDocument(ds, { title: t, issuedOn: '2019-02-01' }),
      ),
    );
    await Promise.all(
      docs.map((doc) =>
        ds.transaction(async (em) => {
          await em.query(
            `INSERT INTO tasks (document_id, path, path_key, ordinal, heading, is_task, units_source)
             SELECT $1, ARRAY['一', g::text], '一/' || g, g, '任务' || g, true, 'own' FROM generate_series(1, 300) g`,
            [doc.id],
          );
          for (const unit of [w.units.A.id, w.units.B.id]) {
            await em.query(
              `INSERT INTO assignments (task_id, unit_id, role) SELECT id, $2, 'support' FROM tasks WHERE document_id = $1 AND ordinal % 2 = $3`,
              [doc.id, unit, unit === w.units.A.id ? 0 : 1],
            );
          }
        }),
      ),
    );
    await expectInStep();
  });

  it('are emptied with the table by TRUNCATE', async () => {
    await ds.query(`TRUNCATE assignments CASCADE`);
    expect(await kept()).toEqual([]);
    await bulkDocument('计数文件戊', 50);
    expect((await expectInStep()).length).toBeGreaterThan(0);
  });
});
