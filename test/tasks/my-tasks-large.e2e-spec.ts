import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { givenDocument } from '../support/builders';
import { createStack, TestStack } from '../support/harness';
import { givenWorld, World } from '../support/world';

interface Held {
  assignment_id: string;
  role: string;
  ordinal: number;
  deadline_on: string | null;
  document_id: string;
  issued_on: string | null;
  doc_rank_by_title: number;
}

// A unit with thousands of assignments: its pages walk the tasks in order instead of sorting the
// whole set, and deep pages sort the whole set. Either way the order is the one asked for.
describe('my tasks for a unit with thousands of assignments', () => {
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  let w: World;
  let held: Held[];
  const get = (path: string, who: keyof World['headers']) =>
    request(api.getHttpServer()).get(path).set(w.headers[who]);

  beforeAll(async () => {
    stack = await createStack('2020-07-01T10:00:00+08:00');
    api = await stack.startApi({ JWT_ACCESS_TTL: '1d' });
    ds = api.get(DataSource);
    w = await givenWorld(api);
    // Two more documents (one without an issue date) of 1,300 tasks each, all led by unit A, with
    // deadlines repeating so the deadline order needs its tie-breaks; a few of them declined.
    for (const [title, issuedOn] of [
      ['大批量文件甲', '2018-05-01'],
      ['大批量文件乙', null],
    ] as const) {
      const doc = await givenDocument(ds, { title, issuedOn });
      await ds.query(
        `INSERT INTO tasks (document_id, path, path_key, ordinal, heading, is_task, units_source, deadline_on)
         SELECT $1, ARRAY['一', g::text], '一/' || g, g, '批量任务' || g, true, 'own',
                CASE WHEN g % 7 = 0 THEN NULL ELSE DATE '2020-06-01' + (g % 40) END
           FROM generate_series(1, 1300) g`,
        [doc.id],
      );
      await ds.query(
        `INSERT INTO assignments (task_id, unit_id, role, state, decline_reason)
         SELECT t.id, $2, CASE WHEN t.ordinal % 5 = 0 THEN 'support' ELSE 'lead' END,
                CASE WHEN t.ordinal % 97 = 0 THEN 'declined' ELSE 'pending' END,
                CASE WHEN t.ordinal % 97 = 0 THEN '不属于本单位职责' END
           FROM tasks t WHERE t.document_id = $1`,
        [doc.id, w.units.A.id],
      );
      await ds.query(
        `INSERT INTO assignments (task_id, unit_id, role) SELECT id, $2, 'lead' FROM tasks WHERE document_id = $1 AND ordinal % 5 = 0`,
        [doc.id, w.units.C.id],
      );
    }
    await ds.query(`ANALYZE assignments; ANALYZE tasks`);
    held = await ds.query(
      `SELECT a.id AS assignment_id, a.role, t.ordinal, to_char(t.deadline_on, 'YYYY-MM-DD') AS deadline_on, d.id AS document_id,
              to_char(d.issued_on, 'YYYY-MM-DD') AS issued_on, dr.rank AS doc_rank_by_title
         FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN policy_documents d ON d.id = t.document_id
         JOIN (SELECT id, row_number() OVER (ORDER BY title, id)::int AS rank FROM policy_documents) dr ON dr.id = d.id
        WHERE a.unit_id IN ($1, $2) AND a.state IN ('pending', 'acknowledged', 'declined')`,
      [w.units.A.id, w.units.A0.id],
    );
  });
  afterAll(() => stack.close());

  const cmp = (a: string | number | null, b: string | number | null, desc = false): number => {
    if (a === b) return 0;
    if (a === null) return 1; // NULLS LAST in both directions
    if (b === null) return -1;
    return (a < b ? -1 : 1) * (desc ? -1 : 1);
  };
  const tail = (a: Held, b: Held): number =>
    cmp(a.role, b.role) || cmp(a.assignment_id, b.assignment_id);
  const orders: Record<string, (a: Held, b: Held) => number> = {
    'number,asc': (a, b) =>
      cmp(a.issued_on, b.issued_on) ||
      cmp(a.document_id, b.document_id) ||
      cmp(a.ordinal, b.ordinal) ||
      tail(a, b),
    'number,desc': (a, b) =>
      cmp(a.issued_on, b.issued_on, true) ||
      cmp(a.document_id, b.document_id, true) ||
      cmp(a.ordinal, b.ordinal, true) ||
      tail(a, b),
    'deadline,asc': (a, b) =>
      cmp(a.deadline_on, b.deadline_on) ||
      cmp(a.issued_on, b.issued_on) ||
      cmp(a.document_id, b.document_id) ||
      cmp(a.ordinal, b.ordinal) ||
      tail(a, b),
    'document,asc': (a, b) =>
      cmp(a.doc_rank_by_title, b.doc_rank_by_title) || cmp(a.ordinal, b.ordinal) || tail(a, b),
    'document,desc': (a, b) =>
      cmp(a.doc_rank_by_title, b.doc_rank_by_title, true) ||
      cmp(a.ordinal, b.ordinal) ||
      tail(a, b),
  };

  it.each(Object.keys(orders))(
    'pages in %s order, near the start and deep, with the total',
    async (key) => {
      const [sort, order] = key.split(',');
      const expected = [...held].sort(orders[key]).map((h) => h.assignment_id);
      expect(expected.length).toBeGreaterThan(2_000);
      for (const page of [1, 2, 15]) {
        const res = await get(
          `/api/me/tasks?sort=${sort}&order=${order}&pageSize=100&page=${page}`,
          'agencyA',
        ).expect(200);
        expect(res.body.total).toBe(expected.length);
        expect(res.body.items.map((i: { assignment: { id: string } }) => i.assignment.id)).toEqual(
          expected.slice((page - 1) * 100, page * 100),
        );
      }
    },
  );

  it('filters a large unit by role and counts only what matches', async () => {
    const res = await get('/api/me/tasks?role=support&pageSize=100', 'agencyA').expect(200);
    expect(res.body.total).toBe(held.filter((h) => h.role === 'support').length);
    expect(
      res.body.items.every(
        (i: { assignment: { role: string } }) => i.assignment.role === 'support',
      ),
    ).toBe(true);
    const bulk = res.body.items.find((i: { task: { heading: string } }) =>
      i.task.heading.startsWith('批量任务'),
    );
    expect(bulk.task.leadUnits).toEqual([{ id: w.units.C.id, name: w.units.C.name }]);
    expect(bulk.task.supportUnits).toEqual([{ id: w.units.A.id, name: w.units.A.name }]);
  });

  it("keeps another unit's list to its own tasks", async () => {
    const res = await get('/api/me/tasks?pageSize=100', 'agencyB').expect(200);
    expect(res.body.total).toBe(2);
    expect(res.body.items.map((i: { task: { id: string } }) => i.task.id).sort()).toEqual(
      [w.tasks.t1.id, w.tasks.t2.id].sort(),
    );
  });

  it('gzips a large answer for a client that accepts it, and leaves small ones and other clients alone', async () => {
    const large = await get('/api/me/tasks?pageSize=100', 'agencyA')
      .set('Accept-Encoding', 'gzip')
      .expect(200);
    expect(large.headers['content-encoding']).toBe('gzip');
    expect(large.headers['content-type']).toMatch(/^application\/json/);
    expect(large.headers.vary).toMatch(/Accept-Encoding/);
    expect(large.body.items).toHaveLength(100);
    const plain = await get('/api/me/tasks?pageSize=100', 'agencyA')
      .set('Accept-Encoding', 'identity')
      .expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.items.map((i: { assignment: { id: string } }) => i.assignment.id)).toEqual(
      large.body.items.map((i: { assignment: { id: string } }) => i.assignment.id),
    );
    const small = await get('/api/me/tasks', 'agencyB').set('Accept-Encoding', 'gzip').expect(200);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body.total).toBe(2);
  });

  it("answers a burst of one signed-in reader's requests with 200, none throttled", async () => {
    const statuses = await Promise.all(
      Array.from(
        { length: 150 },
        async () => (await get('/api/me/tasks?pageSize=5', 'agencyA')).status,
      ),
    );
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
  });
});
