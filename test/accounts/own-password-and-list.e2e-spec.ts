import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { givenUnit, givenUser, loginAs, TEST_PASSWORD } from '../support/builders';
import { createStack, TestStack } from '../support/harness';

describe('changing one’s own password (POST /api/me/password)', () => {
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  const http = () => request(api.getHttpServer());

  beforeAll(async () => {
    stack = await createStack();
    api = await stack.startApi({ LOGIN_RATE_LIMIT: '100' });
    ds = api.get(DataSource);
    const unit = await givenUnit(ds, '自治区科技厅');
    await givenUser(ds, 'kjt', ['agency'], unit.id);
    for (const [name, role] of [
      ['office', 'office'],
      ['leader', 'leader'],
      ['admin', 'admin'],
    ] as const)
      await givenUser(ds, name, [role]);
  });
  afterAll(() => stack.close());

  it.each(['kjt', 'office', 'leader', 'admin'])(
    'lets %s change it: the old one stops working, other sessions end, this one stays, audited',
    async (name) => {
      const here = await loginAs(api, name);
      const elsewhere = await loginAs(api, name);
      const next = `a-fresh-passphrase-for-${name}`;
      await http()
        .post('/api/me/password')
        .set(here.auth)
        .send({ currentPassword: TEST_PASSWORD, newPassword: next })
        .expect(204);

      await http()
        .post('/api/auth/login')
        .send({ username: name, password: TEST_PASSWORD })
        .expect(401);
      await loginAs(api, name, next);
      await http().get('/api/me').set(here.auth).expect(200);
      await http().get('/api/me').set(elsewhere.auth).expect(401);
      await http()
        .post('/api/auth/refresh')
        .send({ refreshToken: elsewhere.refreshToken })
        .expect(401);
      await http().post('/api/auth/refresh').send({ refreshToken: here.refreshToken }).expect(200);

      const entries = await ds.query(
        `SELECT a.action, a.after FROM audit_log a JOIN users u ON u.id = a.target_id::uuid WHERE u.username = $1 AND a.action = 'account.password_change'`,
        [name],
      );
      expect(entries).toHaveLength(1);
      expect(entries[0].after).toEqual({ otherSessionsEnded: 1 });
      expect(JSON.stringify(entries[0])).not.toContain(next);
    },
  );

  it('refuses a wrong current password with 400 naming currentPassword, and a weak new one naming newPassword', async () => {
    await givenUser(ds, 'careful', ['office']);
    const s = await loginAs(api, 'careful');
    const wrong = await http()
      .post('/api/me/password')
      .set(s.auth)
      .send({ currentPassword: 'not it', newPassword: 'a-fresh-passphrase' })
      .expect(400);
    expect(wrong.body).toMatchObject({
      error: 'CURRENT_PASSWORD_WRONG',
      message: '当前密码不正确',
      fields: { currentPassword: expect.any(Array) },
    });
    const weak = await http()
      .post('/api/me/password')
      .set(s.auth)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'password1' })
      .expect(400);
    expect(weak.body).toMatchObject({
      error: 'PASSWORD_TOO_WEAK',
      fields: { newPassword: expect.any(Array) },
    });
    const short = await http()
      .post('/api/me/password')
      .set(s.auth)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'short' })
      .expect(400);
    expect(short.body).toMatchObject({
      error: 'VALIDATION_FAILED',
      fields: { newPassword: expect.any(Array) },
    });
    const missing = await http()
      .post('/api/me/password')
      .set(s.auth)
      .send({ newPassword: 'a-fresh-passphrase' })
      .expect(400);
    expect(Object.keys(missing.body.fields)).toEqual(['currentPassword']);
    await loginAs(api, 'careful');
  });

  it('needs a signed-in account', async () => {
    const res = await http()
      .post('/api/me/password')
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'a-fresh-passphrase' })
      .expect(401);
    expect(res.body.error).toBe('UNAUTHENTICATED');
  });
});

describe('the admin’s account list (GET /api/users)', () => {
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  let admin: { Authorization: string };
  let unitA: string;
  const http = () => request(api.getHttpServer());
  const list = (qs: string) =>
    http()
      .get(`/api/users${qs}`)
      .set(admin)
      .expect(200)
      .then((r) => r.body);

  beforeAll(async () => {
    stack = await createStack();
    api = await stack.startApi();
    ds = api.get(DataSource);
    unitA = (await givenUnit(ds, '自治区商务厅')).id;
    const unitB = (await givenUnit(ds, '自治区财政厅')).id;
    await givenUser(ds, 'admin', ['admin']);
    await givenUser(ds, 'office', ['office']);
    await givenUser(ds, 'leader', ['leader']);
    for (let i = 0; i < 5; i++) await givenUser(ds, `gx-swt-${i}`, ['agency'], unitA);
    await givenUser(ds, 'gx-czt', ['agency'], unitB, { isDisabled: true });
    admin = (await loginAs(api, 'admin')).auth;
  });
  afterAll(() => stack.close());

  it('pages through the accounts, staff first', async () => {
    const first = await list('?limit=3');
    expect(first).toMatchObject({ total: 9, limit: 3, offset: 0 });
    expect(first.items.map((a: { username: string }) => a.username)).toEqual([
      'admin',
      'leader',
      'office',
    ]);
    const second = await list('?limit=3&offset=3');
    expect(second.items.map((a: { username: string }) => a.username)).toEqual([
      'gx-czt',
      'gx-swt-0',
      'gx-swt-1',
    ]);
  });

  it('filters by role, unit, status and text (username or unit name)', async () => {
    expect((await list('?role=leader')).items.map((a: { username: string }) => a.username)).toEqual(
      ['leader'],
    );
    expect((await list(`?unitId=${unitA}`)).total).toBe(5);
    expect(
      (await list('?isDisabled=true')).items.map((a: { username: string }) => a.username),
    ).toEqual(['gx-czt']);
    expect(
      (await list(`?q=${encodeURIComponent('财政')}`)).items.map(
        (a: { username: string }) => a.username,
      ),
    ).toEqual(['gx-czt']);
    expect((await list('?q=SWT-3')).items.map((a: { username: string }) => a.username)).toEqual([
      'gx-swt-3',
    ]);
    expect((await list('?q=%25')).total).toBe(0);
  });

  it('names a bad filter in a 400', async () => {
    const res = await http().get('/api/users?role=boss&limit=1000&unitId=x').set(admin).expect(400);
    expect(Object.keys(res.body.fields).sort()).toEqual(['limit', 'role', 'unitId']);
  });

  it('is for admins only', async () => {
    for (const name of ['office', 'leader', 'gx-swt-0']) {
      const s = await loginAs(api, name);
      await http().get('/api/users').set(s.auth).expect(403);
    }
    await http().get('/api/users').expect(401);
  });
});
