import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { INestApplication } from '@nestjs/common';
import { seedDemoAccounts } from '@tracker/services';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { givenAssignment, givenDocument, givenTask, givenUnit } from '../support/builders';
import { createStack, TestStack } from '../support/harness';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

describe('demo accounts and `cli users --json`', () => {
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;

  beforeAll(async () => {
    stack = await createStack();
    api = await stack.startApi();
    ds = api.get(DataSource);
    const doc = await givenDocument(ds);
    const task = await givenTask(ds, doc.id);
    const lead = await givenUnit(ds, '自治区工业和信息化厅');
    const former = await givenUnit(ds, '自治区工业和信息化委', { successorId: lead.id });
    const support = await givenUnit(ds, '自治区科技厅');
    await givenUnit(ds, '自治区审计厅'); // holds no assignment: no account
    await givenAssignment(ds, task.id, lead.id, 'lead');
    await givenAssignment(ds, task.id, support.id, 'support');
    const other = await givenTask(ds, doc.id);
    await givenAssignment(ds, other.id, former.id, 'lead');
  });
  afterAll(() => stack.close());

  it('refuses to create accounts with a known password when there is no demo password (production)', async () => {
    await expect(
      ds.transaction((em) => seedDemoAccounts(em, { demoPassword: undefined })),
    ).rejects.toMatchObject({ code: 'DEMO_ACCOUNTS_REFUSED' });
    const [{ count }] = await ds.query(`SELECT count(*)::int AS count FROM users`);
    expect(count).toBe(0);
  });

  it('creates one account per unit holding an assignment plus office, leader and admin; twice changes nothing', async () => {
    const first = await ds.transaction((em) => seedDemoAccounts(em, { demoPassword: 'demo' }));
    expect(first.created.sort()).toEqual([
      'admin',
      'gx-gyxxht',
      'gx-gyxxhw',
      'gx-kjt',
      'leader',
      'office',
    ]);
    const second = await ds.transaction((em) => seedDemoAccounts(em, { demoPassword: 'demo' }));
    expect(second).toEqual({ created: [], updated: [] });
    const audited = await ds.query(
      `SELECT count(*)::int AS count FROM audit_log WHERE action = 'account.create' AND channel = 'cli'`,
    );
    expect(audited[0].count).toBe(6);
    const [kjt] = await ds.query(
      `SELECT display_name, email, roles, is_unit_head FROM users WHERE username = 'gx-kjt'`,
    );
    expect(kjt).toEqual({
      display_name: '自治区科技厅',
      email: 'gx-kjt@example.gov.cn',
      roles: ['agency'],
      is_unit_head: true,
    });
  });

  it('lets every demo account sign in with the demo password', async () => {
    for (const username of ['office', 'leader', 'admin', 'gx-kjt']) {
      await request(api.getHttpServer())
        .post('/api/auth/login')
        .send({ username, password: 'demo' })
        .expect(200);
    }
  });

  it('prints the accounts as JSON on stdout, and nothing else', async () => {
    const { stdout } = await run(
      process.execPath,
      ['-r', './scripts/register.js', 'apps/cli/src/main.ts', 'users', '--json'],
      {
        cwd: ROOT,
        env: { ...process.env, DB_NAME: stack.dbName, NODE_ENV: 'test', LOG_LEVEL: 'silent' },
        timeout: 60_000,
      },
    );
    const users = JSON.parse(stdout) as {
      username: string;
      unit: string | null;
      roles: string[];
    }[];
    expect(users).toEqual([
      { username: 'admin', unit: null, roles: ['admin'] },
      { username: 'leader', unit: null, roles: ['leader'] },
      { username: 'office', unit: null, roles: ['office'] },
      { username: 'gx-gyxxht', unit: '自治区工业和信息化厅', roles: ['agency'] },
      { username: 'gx-gyxxhw', unit: '自治区工业和信息化委', roles: ['agency'] },
      { username: 'gx-kjt', unit: '自治区科技厅', roles: ['agency'] },
    ]);
  });
});
