import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  DIGITAL_PLAN_REVISED,
  DigitalWorld,
  givenDigitalPlan,
} from '../support/amendment-fixtures';
import { loginAs } from '../support/builders';
import { createStack, TestStack } from '../support/harness';

interface Difference {
  kind: string;
  path: string[];
  taskId: string | null;
  changes: { field: string; before: string | null; after: string | null }[];
}

describe('re-importing a revised text of an imported document', () => {
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  let w: DigitalWorld;
  let office: { Authorization: string };
  const http = () => request(api.getHttpServer());
  const revised = { fileName: 'digital-plan-rev.txt', text: DIGITAL_PLAN_REVISED };
  const documents = async (): Promise<number> =>
    ((await ds.query(`SELECT count(*)::int AS n FROM policy_documents`)) as { n: number }[])[0].n;

  beforeAll(async () => {
    stack = await createStack('2020-06-20T10:00:00+08:00');
    api = await stack.startApi();
    ds = api.get(DataSource);
    w = await givenDigitalPlan(api);
    office = (await loginAs(api, 'office')).auth;
  });
  afterAll(() => stack.close());

  it('the preview proposes the differences as amendments of the same document', async () => {
    const res = await http().post('/api/documents/preview').set(office).send(revised).expect(200);
    expect(res.body.alreadyImported).toBeNull();
    expect(res.body.revisionOf).toMatchObject({ documentId: w.documentId });
    const diffs = res.body.revisionOf.differences as Difference[];
    expect(diffs.map((d) => [d.kind, d.path.join('')])).toEqual([
      ['changed', '一（一）'],
      ['changed', '一（二）'],
      ['added', '一（三）'],
    ]);
    const first = Object.fromEntries(diffs[0].changes.map((c) => [c.field, [c.before, c.after]]));
    expect(first.supportUnitIds).toEqual(['自治区工业和信息化厅', '自治区财政厅']);
    expect(first.deadlineOn).toEqual(['2020-06-30', '2020-12-31']);
    expect(first.leadUnitIds).toBeUndefined();
    expect(diffs[0].taskId).toBe(w.taskId);
    const second = Object.fromEntries(diffs[1].changes.map((c) => [c.field, [c.before, c.after]]));
    expect(second.targets).toEqual(['实施数据共享项目20个', '实施数据共享项目30个']);
  });

  it('refuses to import it as a second document', async () => {
    const res = await http().post('/api/documents').set(office).send(revised).expect(409);
    expect(res.body).toMatchObject({ error: 'DOCUMENT_REVISION', documentId: w.documentId });
    expect(await documents()).toBe(1);
  });

  it('confirms only for the office and only with a reason', async () => {
    const url = `/api/documents/${w.documentId}/revisions`;
    await http()
      .post(url)
      .send({ ...revised, reason: '修订' })
      .expect(401);
    await http()
      .post(url)
      .set((await loginAs(api, 'bdb')).auth)
      .send({ ...revised, reason: '修订' })
      .expect(403);
    await http()
      .post(url)
      .set((await loginAs(api, 'leader')).auth)
      .send({ ...revised, reason: '修订' })
      .expect(403);
    const missing = await http().post(url).set(office).send(revised).expect(400);
    expect(Object.keys(missing.body.fields)).toEqual(['reason']);
    expect(await ds.query(`SELECT 1 FROM task_versions`)).toEqual([]);
  });

  it('applies the confirmed differences as amendments with versions, in the same document', async () => {
    const res = await http()
      .post(`/api/documents/${w.documentId}/revisions`)
      .set(office)
      .send({ ...revised, reason: '文件修订后重新印发' })
      .expect(201);
    expect(res.body).toMatchObject({ documentId: w.documentId, amended: 2, added: 1, removed: 0 });
    expect(await documents()).toBe(1);

    const versions = (await http().get(`/api/tasks/${w.taskId}/versions`).set(office).expect(200))
      .body as { version: number; source: string; reason: string | null; deadlineOn: string }[];
    expect(versions.map((v) => [v.version, v.source, v.reason, v.deadlineOn])).toEqual([
      [1, 'import', null, '2020-06-30'],
      [2, 'reimport', '文件修订后重新印发', '2020-12-31'],
    ]);
    const parts: { unit_id: string; role: string; state: string }[] = await ds.query(
      `SELECT unit_id, role, state FROM assignments WHERE task_id = $1 ORDER BY role, state`,
      [w.taskId],
    );
    expect(parts).toEqual(
      expect.arrayContaining([
        { unit_id: w.units.bdb, role: 'lead', state: 'pending' },
        { unit_id: w.units.gxt, role: 'support', state: 'reassigned' },
        { unit_id: w.units.czt, role: 'support', state: 'pending' },
      ]),
    );
    const added: { id: string; heading: string; parent_id: string | null }[] = await ds.query(
      `SELECT t.id, t.heading, t.parent_id FROM tasks t WHERE t.document_id = $1 AND t.path_key = '一/（三）'`,
      [w.documentId],
    );
    expect(added).toEqual([expect.objectContaining({ heading: '完善数据安全制度' })]);
    expect(added[0].parent_id).not.toBeNull();
    const addedLead: { unit_id: string }[] = await ds.query(
      `SELECT unit_id FROM assignments WHERE task_id = $1 AND role = 'lead'`,
      [added[0].id],
    );
    expect(addedLead).toEqual([{ unit_id: w.units.bdb }]);

    // The revised text is now the document's: importing it again is recognised as imported.
    const again = await http().post('/api/documents/preview').set(office).send(revised).expect(200);
    expect(again.body.alreadyImported).toMatchObject({ id: w.documentId });
    expect(again.body.revisionOf).toBeNull();
    await http().post('/api/documents').set(office).send(revised).expect(201);
    expect(await documents()).toBe(1);
  });
});
