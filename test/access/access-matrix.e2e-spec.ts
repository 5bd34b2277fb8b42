import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createStack, TestStack } from '../support/harness';
import { givenWorld, ROLE_NAMES, Who, World } from '../support/world';

type Expect = Record<Who, number>;
interface Route {
  name: string;
  method: 'get' | 'post' | 'put';
  path: (w: World) => string;
  body?: (w: World) => object;
  expect: Expect;
}

const X = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// Every route, for each kind of account, on its own data and on another unit's. Roles are tried
// in ROLE_NAMES order (anon, admin, leader, office, agencyA, agencyB), so denials come before the
// one success that changes state.
const ROUTES: Route[] = [
  {
    name: 'GET /me',
    method: 'get',
    path: () => '/api/me',
    expect: { anon: 401, admin: 200, leader: 200, office: 200, agencyA: 200, agencyB: 200 },
  },
  {
    name: 'GET /me/tasks',
    method: 'get',
    path: () => '/api/me/tasks',
    expect: { anon: 401, admin: 403, leader: 403, office: 403, agencyA: 200, agencyB: 200 },
  },
  {
    name: 'GET /tasks',
    method: 'get',
    path: () => '/api/tasks',
    expect: { anon: 401, admin: 403, leader: 200, office: 200, agencyA: 200, agencyB: 200 },
  },
  {
    name: 'GET /tasks/:id (A leads, B supports)',
    method: 'get',
    path: (w) => `/api/tasks/${w.tasks.t1.id}`,
    expect: { anon: 401, admin: 403, leader: 200, office: 200, agencyA: 200, agencyB: 200 },
  },
  {
    name: "GET /tasks/:id (A's former name supports)",
    method: 'get',
    path: (w) => `/api/tasks/${w.tasks.t2.id}`,
    expect: { anon: 401, admin: 403, leader: 200, office: 200, agencyA: 200, agencyB: 200 },
  },
  {
    name: "GET /tasks/:id (C's task)",
    method: 'get',
    path: (w) => `/api/tasks/${w.tasks.t3.id}`,
    expect: { anon: 401, admin: 403, leader: 200, office: 200, agencyA: 404, agencyB: 404 },
  },
  {
    name: "GET /tasks/:id/breakdown (C's task)",
    method: 'get',
    path: (w) => `/api/tasks/${w.tasks.t3.id}/breakdown`,
    expect: { anon: 401, admin: 403, leader: 200, office: 200, agencyA: 404, agencyB: 404 },
  },
  {
    name: 'PUT /tasks/:id/breakdown (A leads; no collective, so 400 for the office)',
    method: 'put',
    path: (w) => `/api/tasks/${w.tasks.t1.id}/breakdown`,
    body: () => ({ shares: [] }),
    expect: { anon: 401, admin: 403, leader: 403, office: 400, agencyA: 403, agencyB: 403 },
  },
  {
    name: 'POST /tasks/:id/breakdown/import (A leads)',
    method: 'post',
    path: (w) => `/api/tasks/${w.tasks.t1.id}/breakdown/import`,
    body: () => ({ text: '地区\t目标1\n南宁\t1' }),
    expect: { anon: 401, admin: 403, leader: 403, office: 400, agencyA: 403, agencyB: 403 },
  },
  {
    name: "GET /tasks/:id/versions (C's task)",
    method: 'get',
    path: (w) => `/api/tasks/${w.tasks.t3.id}/versions`,
    expect: { anon: 401, admin: 403, leader: 200, office: 200, agencyA: 404, agencyB: 404 },
  },
  {
    name: 'GET /tasks/:id/versions (A leads, B supports)',
    method: 'get',
    path: (w) => `/api/tasks/${w.tasks.t1.id}/versions`,
    expect: { anon: 401, admin: 403, leader: 200, office: 200, agencyA: 200, agencyB: 200 },
  },
  {
    name: "POST /tasks/:id/amendments (C's task; only the office amends)",
    method: 'post',
    path: (w) => `/api/tasks/${w.tasks.t3.id}/amendments`,
    body: () => ({ heading: '调整后的任务名称', reason: '工作调整' }),
    expect: { anon: 401, admin: 403, leader: 403, office: 201, agencyA: 403, agencyB: 403 },
  },
  {
    name: 'POST /documents/:id/revisions (a text that revises nothing: 422 for the office)',
    method: 'post',
    path: (w) => `/api/documents/${w.doc.id}/revisions`,
    body: () => ({ fileName: 'x.txt', text: '没有编号的文字', reason: '修订' }),
    expect: { anon: 401, admin: 403, leader: 403, office: 422, agencyA: 403, agencyB: 403 },
  },
  {
    name: 'GET /documents/:id/midterm-review (中期评估)',
    method: 'get',
    path: (w) => `/api/documents/${w.doc.id}/midterm-review`,
    expect: { anon: 401, admin: 403, leader: 200, office: 200, agencyA: 403, agencyB: 403 },
  },
  {
    name: 'GET /documents/:id/midterm-review/workbook (中期评估 .xlsx)',
    method: 'get',
    path: (w) => `/api/documents/${w.doc.id}/midterm-review/workbook`,
    expect: { anon: 401, admin: 403, leader: 200, office: 200, agencyA: 403, agencyB: 403 },
  },
  {
    name: 'GET /tasks/:id (missing)',
    method: 'get',
    path: () => '/api/tasks/00000000-0000-4000-8000-000000000000',
    expect: { anon: 401, admin: 403, leader: 404, office: 404, agencyA: 404, agencyB: 404 },
  },
  {
    name: 'GET /units',
    method: 'get',
    path: () => '/api/units',
    expect: { anon: 401, admin: 200, leader: 200, office: 200, agencyA: 200, agencyB: 200 },
  },
  {
    name: 'GET /units/:id (B)',
    method: 'get',
    path: (w) => `/api/units/${w.units.B.id}`,
    expect: { anon: 401, admin: 200, leader: 200, office: 200, agencyA: 404, agencyB: 200 },
  },
  {
    name: "GET /units/:id (A's former name)",
    method: 'get',
    path: (w) => `/api/units/${w.units.A0.id}`,
    expect: { anon: 401, admin: 200, leader: 200, office: 200, agencyA: 200, agencyB: 404 },
  },
  {
    name: 'GET /ledger/documents/:id',
    method: 'get',
    path: (w) => `/api/ledger/documents/${w.doc.id}`,
    expect: { anon: 401, admin: 403, leader: 200, office: 200, agencyA: 200, agencyB: 200 },
  },
  {
    name: 'GET /ledger/documents/:id (no task of theirs)',
    method: 'get',
    path: (w) => `/api/ledger/documents/${w.doc2.id}`,
    expect: { anon: 401, admin: 403, leader: 200, office: 200, agencyA: 404, agencyB: 404 },
  },
  {
    name: 'GET /ledger/units/:id (B)',
    method: 'get',
    path: (w) => `/api/ledger/units/${w.units.B.id}`,
    expect: { anon: 401, admin: 403, leader: 200, office: 200, agencyA: 404, agencyB: 200 },
  },
  {
    name: 'GET /assignments/declined',
    method: 'get',
    path: () => '/api/assignments/declined',
    expect: { anon: 401, admin: 403, leader: 403, office: 200, agencyA: 403, agencyB: 403 },
  },
  {
    name: "POST /assignments/:id/acknowledge (B's)",
    method: 'post',
    path: (w) => `/api/assignments/${w.asg.t1B.id}/acknowledge`,
    expect: { anon: 401, admin: 403, leader: 403, office: 403, agencyA: 404, agencyB: 200 },
  },
  {
    name: "POST /assignments/:id/acknowledge (A's former name)",
    method: 'post',
    path: (w) => `/api/assignments/${w.asg.t2A0.id}/acknowledge`,
    expect: { anon: 401, admin: 403, leader: 403, office: 403, agencyA: 200, agencyB: 404 },
  },
  {
    name: "POST /assignments/:id/decline (B's)",
    method: 'post',
    path: (w) => `/api/assignments/${w.asg.t2B.id}/decline`,
    body: () => ({ reason: '不属于本单位职责' }),
    expect: { anon: 401, admin: 403, leader: 403, office: 403, agencyA: 404, agencyB: 200 },
  },
  {
    name: 'POST /assignments/:id/reassign (declined by B)',
    method: 'post',
    path: (w) => `/api/assignments/${w.asg.t2B.id}/reassign`,
    body: (w) => ({ unitIds: [w.units.C.id] }),
    expect: { anon: 401, admin: 403, leader: 403, agencyA: 403, agencyB: 403, office: 200 },
  },
  {
    name: 'GET /documents',
    method: 'get',
    path: () => '/api/documents',
    expect: { anon: 401, admin: 200, leader: 200, office: 200, agencyA: 200, agencyB: 200 },
  },
  {
    name: 'POST /documents/preview',
    method: 'post',
    path: () => '/api/documents/preview',
    body: () => ({
      fileName: 'plan.txt',
      text: '一、主要任务\n（一）推进工作。（自治区工业和信息化厅牵头）\n',
    }),
    expect: { anon: 401, admin: 403, leader: 403, office: 200, agencyA: 403, agencyB: 403 },
  },
  {
    name: 'GET /documents/:id/supervision-profile',
    method: 'get',
    path: (w) => `/api/documents/${w.doc.id}/supervision-profile`,
    expect: { anon: 401, admin: 403, leader: 200, office: 200, agencyA: 403, agencyB: 403 },
  },
  {
    name: 'GET /cycles',
    method: 'get',
    path: () => '/api/cycles',
    expect: { anon: 401, admin: 403, leader: 200, office: 200, agencyA: 403, agencyB: 403 },
  },
  {
    name: 'GET /escalations',
    method: 'get',
    path: () => '/api/escalations',
    expect: { anon: 401, admin: 403, leader: 200, office: 200, agencyA: 403, agencyB: 403 },
  },
  {
    name: 'GET /escalations/overdue',
    method: 'get',
    path: () => '/api/escalations/overdue',
    expect: { anon: 401, admin: 403, leader: 200, office: 200, agencyA: 403, agencyB: 403 },
  },
  {
    name: 'GET /extensions',
    method: 'get',
    path: () => '/api/extensions',
    expect: { anon: 401, admin: 403, leader: 200, office: 200, agencyA: 200, agencyB: 200 },
  },
  {
    name: 'GET /deliveries/failed',
    method: 'get',
    path: () => '/api/deliveries/failed',
    expect: { anon: 401, admin: 403, leader: 403, office: 200, agencyA: 403, agencyB: 403 },
  },
  {
    name: 'GET /me/notices',
    method: 'get',
    path: () => '/api/me/notices',
    expect: { anon: 401, admin: 200, leader: 200, office: 200, agencyA: 200, agencyB: 200 },
  },
  {
    name: 'GET /admin/queues (dashboard)',
    method: 'get',
    path: () => '/api/admin/queues/api/queues',
    expect: { anon: 401, admin: 200, leader: 403, office: 403, agencyA: 403, agencyB: 403 },
  },
  {
    name: 'GET /users',
    method: 'get',
    path: () => '/api/users',
    expect: { anon: 401, admin: 200, leader: 403, office: 403, agencyA: 403, agencyB: 403 },
  },
  {
    name: 'GET /maintenance/heartbeats/:token',
    method: 'get',
    path: () => '/api/maintenance/heartbeats/00000000-0000-4000-8000-000000000000',
    expect: { anon: 401, admin: 404, leader: 403, office: 403, agencyA: 403, agencyB: 403 },
  },
  {
    name: 'POST /maintenance/heartbeats',
    method: 'post',
    path: () => '/api/maintenance/heartbeats',
    expect: { anon: 401, admin: 202, leader: 403, office: 403, agencyA: 403, agencyB: 403 },
  },
];

describe('access-control matrix: every route × every kind of account × own and other data', () => {
  let stack: TestStack;
  let api: INestApplication;
  let w: World;

  beforeAll(async () => {
    stack = await createStack();
    api = await stack.startApi();
    w = await givenWorld(api);
  });
  afterAll(() => stack.close());

  it.each(ROUTES.map((r) => [r.name, r] as const))('%s', async (_name, route) => {
    const order = route.name.startsWith('POST /assignments/:id/reassign')
      ? (['anon', 'admin', 'leader', 'agencyA', 'agencyB', 'office'] as const)
      : ROLE_NAMES;
    const got: Partial<Expect> = {};
    for (const who of order) {
      const req = request(api.getHttpServer())[route.method](route.path(w)).set(w.headers[who]);
      const res = await (route.body ? req.send(route.body(w)) : req);
      got[who] = res.status;
      if (res.status === 403) expect(res.body.error).toBe('FORBIDDEN');
      if (res.status === 401) expect(res.body.error).toBe('UNAUTHENTICATED');
      if (res.status === 404 && route.path(w).startsWith('/api/tasks/'))
        expect(res.body.error).toBe('TASK_NOT_FOUND');
      if (res.status === 200 && route.path(w).startsWith('/api/ledger/'))
        expect(res.headers['content-type']).toContain(X);
    }
    expect(got).toEqual(route.expect);
  });

  it('lists only what each account may see', async () => {
    const ids = async (who: Who, path: string): Promise<string[]> => {
      const res = await request(api.getHttpServer()).get(path).set(w.headers[who]).expect(200);
      return (res.body.items as { id?: string; task?: { id: string } }[])
        .map((i) => i.id ?? i.task!.id)
        .sort();
    };
    const { t1, t2, t3, t4 } = w.tasks;
    expect(await ids('office', '/api/tasks?pageSize=100')).toEqual(
      [t1.id, t2.id, t3.id, t4.id].sort(),
    );
    expect(await ids('leader', '/api/tasks?pageSize=100')).toEqual(
      [t1.id, t2.id, t3.id, t4.id].sort(),
    );
    // B declined t2 and the office reassigned it to C: t2 is no longer B's.
    expect(await ids('agencyB', '/api/tasks')).toEqual([t1.id]);
    expect(await ids('agencyA', '/api/tasks')).toEqual([t1.id, t2.id].sort());
    expect(await ids('agencyA', '/api/me/tasks')).toEqual([t1.id, t2.id].sort());
    await request(api.getHttpServer())
      .get(`/api/tasks/${t2.id}`)
      .set(w.headers.agencyB)
      .expect(404);

    const units = await request(api.getHttpServer())
      .get('/api/units')
      .set(w.headers.agencyA)
      .expect(200);
    expect(units.body.map((u: { name: string }) => u.name)).toEqual(['自治区工业和信息化厅']);
  });

  it('refuses a bad id with a 400 naming the field', async () => {
    const res = await request(api.getHttpServer())
      .get('/api/tasks/not-a-uuid')
      .set(w.headers.agencyA)
      .expect(400);
    expect(res.body).toMatchObject({
      error: 'VALIDATION_FAILED',
      fields: { id: ['must be a UUID'] },
    });
  });
});
