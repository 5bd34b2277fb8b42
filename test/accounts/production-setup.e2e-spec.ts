import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { verifyPassword } from '@tracker/services';
import { Client } from 'pg';
import { dropDatabase, PG, runId } from '../support/test-env';

const root = path.resolve(__dirname, '../..');

/** The setup of a production machine and its first admin, run as the processes an operator runs. */
describe('production setup and `cli create-admin`', () => {
  const dbName = `tracker_t_${runId()}_prod_${randomBytes(3).toString('hex')}`;
  const production = {
    NODE_ENV: 'production',
    JWT_SECRET: 'q7Vw2L9rT4kZ8mN1xB6cF3hJ5sD0gY2uR8eW4tA6',
    LINK_SIGNING_SECRET: 'P3nM8vC1xZ6bL9kJ2hG5fD7sA0qW4eR1tY3uI8oE',
    DB_NAME: dbName,
    LOG_LEVEL: 'silent',
  };

  function cli(args: string[], opts: { env?: Record<string, string>; input?: string } = {}) {
    const env: Record<string, string | undefined> = { ...process.env, ...production, ...opts.env };
    if (!opts.env?.ADMIN_PASSWORD) delete env.ADMIN_PASSWORD;
    const r = spawnSync(
      process.execPath,
      ['-r', './scripts/register.js', 'apps/cli/src/main.ts', ...args],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 120_000,
        env,
        input: opts.input ?? '',
      },
    );
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  async function query<T>(sql: string): Promise<T[]> {
    const client = new Client({ ...PG, database: dbName });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  }

  afterAll(() => dropDatabase(dbName));

  it('creates and migrates the database and seeds the unit registry, but imports no documents and creates no account', async () => {
    const r = cli(['setup']);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('create-admin');
    const [counts] = await query<{ units: number; documents: number; users: number }>(
      `SELECT (SELECT count(*)::int FROM units) AS units, (SELECT count(*)::int FROM policy_documents) AS documents,
              (SELECT count(*)::int FROM users) AS users`,
    );
    expect(counts.units).toBeGreaterThan(50);
    expect(counts.documents).toBe(0);
    expect(counts.users).toBe(0);
    // Running it again changes nothing.
    expect(cli(['setup']).status).toBe(0);
    const [again] = await query<{ documents: number; users: number }>(
      `SELECT (SELECT count(*)::int FROM policy_documents) AS documents, (SELECT count(*)::int FROM users) AS users`,
    );
    expect(again).toEqual({ documents: 0, users: 0 });
  });

  it('refuses a weak password, a missing username and unknown arguments, creating nothing', async () => {
    const weak = cli(['create-admin', '--username', 'boss'], { input: 'password1\n' });
    expect(weak.status).toBe(2);
    expect(weak.stderr).toContain('PASSWORD_TOO_WEAK');
    expect(cli(['create-admin', '--username', 'boss'], { input: 'boss\n' }).status).toBe(2);
    expect(cli(['create-admin', '--username', 'boss'], { input: 'short\n' }).status).toBe(2);
    const missing = cli(['create-admin'], { input: 'a-long-admin-passphrase\n' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--username');
    expect(
      cli(['create-admin', '--username', 'boss', '--role', 'x'], {
        input: 'a-long-admin-passphrase\n',
      }).status,
    ).toBe(2);
    expect(
      cli(['create-admin', '--username', 'Bad Name'], { input: 'a-long-admin-passphrase\n' })
        .status,
    ).toBe(2);
    expect(await query(`SELECT id FROM users`)).toEqual([]);
  });

  it('creates the first admin in production with the password from stdin, audited, and lists it with `users --json`', async () => {
    const r = cli(['create-admin', '--username', 'boss', '--email', 'boss@example.gov.cn'], {
      input: 'Leading-group-admin-2020\n',
    });
    expect(r.stderr).toContain('boss');
    expect(r.status).toBe(0);
    const [user] = await query<{
      username: string;
      roles: string[];
      unit_id: string | null;
      password_hash: string;
      email: string;
    }>(`SELECT username, roles, unit_id, password_hash, email FROM users`);
    expect(user).toMatchObject({
      username: 'boss',
      roles: ['admin'],
      unit_id: null,
      email: 'boss@example.gov.cn',
    });
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    await expect(verifyPassword(user.password_hash, 'Leading-group-admin-2020')).resolves.toBe(
      true,
    );
    const audit = await query<{ action: string; channel: string; after: unknown }>(
      `SELECT action, channel, after FROM audit_log`,
    );
    expect(audit).toEqual([
      { action: 'account.create', channel: 'cli', after: { username: 'boss', roles: ['admin'] } },
    ]);
    expect(JSON.stringify(audit)).not.toContain('Leading-group-admin-2020');

    const users = cli(['users', '--json']);
    expect(users.status).toBe(0);
    expect(JSON.parse(users.stdout)).toEqual([{ username: 'boss', unit: null, roles: ['admin'] }]);
  });

  it('takes the password from ADMIN_PASSWORD for scripts, and refuses a username already in use', async () => {
    const second = cli(['create-admin', '--username=deputy'], {
      env: { ADMIN_PASSWORD: 'Deputy-admin-passphrase' },
    });
    expect(second.status).toBe(0);
    const [deputy] = await query<{ password_hash: string }>(
      `SELECT password_hash FROM users WHERE username = 'deputy'`,
    );
    await expect(verifyPassword(deputy.password_hash, 'Deputy-admin-passphrase')).resolves.toBe(
      true,
    );

    const taken = cli(['create-admin', '--username', 'boss'], {
      input: 'Another-admin-passphrase\n',
    });
    expect(taken.status).toBe(1);
    expect(taken.stderr).toContain('USERNAME_TAKEN');
    const [boss] = await query<{ password_hash: string }>(
      `SELECT password_hash FROM users WHERE username = 'boss'`,
    );
    await expect(verifyPassword(boss.password_hash, 'Leading-group-admin-2020')).resolves.toBe(
      true,
    );
  });
});
