import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { givenUnit, givenUser, loginAs } from '../support/builders';
import { createStack, TestStack } from '../support/harness';

describe('account administration (/api/users)', () => {
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  let admin: { Authorization: string };
  let adminId: string;
  let unitId: string;
  const http = () => request(api.getHttpServer());

  beforeAll(async () => {
    stack = await createStack();
    api = await stack.startApi();
    ds = api.get(DataSource);
    unitId = (await givenUnit(ds, '自治区商务厅')).id;
    adminId = (await givenUser(ds, 'admin1', ['admin'])).id;
    await givenUser(ds, 'office1', ['office']);
    admin = (await loginAs(api, 'admin1')).auth;
  });
  afterAll(() => stack.close());

  it('creates an agency account that can sign in, and audits it without the password', async () => {
    const res = await http()
      .post('/api/users')
      .set(admin)
      .send({
        username: 'gx-swt-li',
        displayName: '李四',
        email: 'li@example.gov.cn',
        roles: ['agency'],
        unitId,
        password: 'Guangxi-2020-report',
      })
      .expect(201);
    expect(res.body).toMatchObject({
      username: 'gx-swt-li',
      roles: ['agency'],
      unit: { id: unitId, name: '自治区商务厅' },
    });
    await loginAs(api, 'gx-swt-li', 'Guangxi-2020-report');
    const [entry] = await ds.query(
      `SELECT action, after FROM audit_log WHERE action = 'account.create' AND target_id = $1`,
      [res.body.id],
    );
    expect(entry.after).toMatchObject({ username: 'gx-swt-li', unitId });
    expect(JSON.stringify(entry.after)).not.toContain('Guangxi-2020-report');
  });

  it.each([
    [
      'a taken username',
      { username: 'office1', roles: ['office'], password: 'a-long-unique-passphrase' },
      409,
      'USERNAME_TAKEN',
    ],
    [
      'a common password',
      { username: 'new-one', roles: ['office'], password: 'password1' },
      400,
      'PASSWORD_TOO_WEAK',
    ],
    [
      'an agency without a unit',
      { username: 'new-two', roles: ['agency'], password: 'a-long-unique-passphrase' },
      400,
      'ACCOUNT_UNIT_REQUIRED',
    ],
  ])('refuses %s', async (_label, body, status, error) => {
    const res = await http()
      .post('/api/users')
      .set(admin)
      .send({ displayName: 'x', ...body })
      .expect(status);
    expect(res.body.error).toBe(error);
  });

  it('names bad fields and unknown fields in a 400', async () => {
    const res = await http()
      .post('/api/users')
      .set(admin)
      .send({
        username: 'Bad Name',
        displayName: '',
        roles: ['king'],
        password: 'short',
        isAdmin: true,
      })
      .expect(400);
    expect(Object.keys(res.body.fields)).toEqual(
      expect.arrayContaining(['username', 'displayName', 'roles', 'password', 'isAdmin']),
    );
  });

  it('disabling an account ends its sessions at once; a role change too', async () => {
    const user = await givenUser(ds, 'to-disable', ['office']);
    const session = await loginAs(api, 'to-disable');
    await http().get('/api/me').set(session.auth).expect(200);
    await http().patch(`/api/users/${user.id}`).set(admin).send({ isDisabled: true }).expect(200);
    await http().get('/api/me').set(session.auth).expect(401);
    await http().post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);

    const other = await givenUser(ds, 'to-demote', ['office']);
    const s2 = await loginAs(api, 'to-demote');
    const res = await http()
      .patch(`/api/users/${other.id}`)
      .set(admin)
      .send({ roles: ['leader'] })
      .expect(200);
    expect(res.body.roles).toEqual(['leader']);
    await http().get('/api/me').set(s2.auth).expect(401);
    const [entry] = await ds.query(
      `SELECT before, after FROM audit_log WHERE action = 'account.update' AND target_id = $1`,
      [other.id],
    );
    expect(entry.before.roles).toEqual(['office']);
    expect(entry.after).toMatchObject({ roles: ['leader'], sessionsRevoked: true });
  });

  it('resets a password: the old one and the old sessions stop working', async () => {
    const user = await givenUser(ds, 'forgetful', ['leader']);
    const session = await loginAs(api, 'forgetful');
    await http()
      .post(`/api/users/${user.id}/password`)
      .set(admin)
      .send({ password: 'a-brand-new-passphrase' })
      .expect(204);
    await http().get('/api/me').set(session.auth).expect(401);
    await http()
      .post('/api/auth/login')
      .send({ username: 'forgetful', password: 'correct horse battery staple' })
      .expect(401);
    await loginAs(api, 'forgetful', 'a-brand-new-passphrase');
  });

  it('keeps an admin from locking themselves out', async () => {
    const res = await http()
      .patch(`/api/users/${adminId}`)
      .set(admin)
      .send({ isDisabled: true })
      .expect(409);
    expect(res.body.error).toBe('ACCOUNT_SELF_LOCKOUT');
  });

  it('is for admins only', async () => {
    const office = (await loginAs(api, 'office1')).auth;
    await http()
      .post('/api/users')
      .set(office)
      .send({
        username: 'x1',
        displayName: 'x',
        roles: ['office'],
        password: 'a-long-unique-passphrase',
      })
      .expect(403);
    await http()
      .patch(`/api/users/${adminId}`)
      .set(office)
      .send({ roles: ['office'] })
      .expect(403);
    await http()
      .post(`/api/users/${adminId}/password`)
      .set(office)
      .send({ password: 'a-long-unique-passphrase' })
      .expect(403);
    await http()
      .patch(`/api/users/00000000-0000-4000-8000-000000000000`)
      .set(admin)
      .send({ isDisabled: true })
      .expect(404);
  });
});
