import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { givenUnit, givenUser, loginAs } from '../support/builders';
import { createStack, TestStack } from '../support/harness';

describe('an admin cannot grant itself task roles', () => {
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  let admin: { Authorization: string };
  let adminId: string;
  let otherId: string;
  let unitId: string;
  const http = () => request(api.getHttpServer());

  beforeAll(async () => {
    stack = await createStack();
    api = await stack.startApi();
    ds = api.get(DataSource);
    unitId = (await givenUnit(ds, '自治区商务厅')).id;
    adminId = (await givenUser(ds, 'admin1', ['admin'])).id;
    otherId = (await givenUser(ds, 'clerk1', ['leader'])).id;
    admin = (await loginAs(api, 'admin1')).auth;
  });
  afterAll(() => stack.close());

  it.each([[['admin', 'office']], [['admin', 'leader']], [['admin', 'agency']]])(
    'refuses %j on its own account with 403 ROLE_SELF_GRANT',
    async (roles) => {
      const res = await http()
        .patch(`/api/users/${adminId}`)
        .set(admin)
        .send({ roles, unitId })
        .expect(403);
      expect(res.body).toMatchObject({
        error: 'ROLE_SELF_GRANT',
        message: '不能给自己的账号授予任务角色',
      });
      const [row] = await ds.query(`SELECT roles FROM users WHERE id = $1`, [adminId]);
      expect(row.roles).toEqual(['admin']);
    },
  );

  it('keeps task content closed to the admin afterwards', async () => {
    await http().get('/api/tasks').set(admin).expect(403);
  });

  it('still grants the office role to another account, audited with who did it', async () => {
    await http()
      .patch(`/api/users/${otherId}`)
      .set(admin)
      .send({ roles: ['office'] })
      .expect(200);
    const [entry] = await ds.query(
      `SELECT actor_id, before, after FROM audit_log WHERE action = 'account.update' AND target_id = $1`,
      [otherId],
    );
    expect(entry.actor_id).toBe(adminId);
    expect(entry.before.roles).toEqual(['leader']);
    expect(entry.after.roles).toEqual(['office']);
  });

  it('lets the admin change its own display name', async () => {
    await http()
      .patch(`/api/users/${adminId}`)
      .set(admin)
      .send({ displayName: '系统管理员' })
      .expect(200);
  });
});
