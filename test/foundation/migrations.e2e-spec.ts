import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@tracker/database';
import { dropDatabase, PG, runId, withAdmin } from '../support/test-env';

describe('migrations', () => {
  const name = `tracker_t_${runId()}_migrations`;
  let ds: DataSource;

  beforeAll(async () => {
    await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
    ds = new DataSource(
      dataSourceOptions({
        host: PG.host,
        port: PG.port,
        username: PG.user,
        password: PG.password,
        database: name,
        poolSize: 2,
      }),
    );
    await ds.initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await dropDatabase(name);
  });

  const tables = async (): Promise<string[]> =>
    (
      await ds.query<{ tablename: string }[]>(
        `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY 1`,
      )
    ).map((r) => r.tablename);

  it('run up on an empty database, match the entities, and run all the way down again', async () => {
    expect(await tables()).toEqual([]);
    const applied = await ds.runMigrations({ transaction: 'each' });
    expect(applied.length).toBeGreaterThan(0);
    expect(await tables()).toEqual(
      expect.arrayContaining([
        'policy_documents',
        'tasks',
        'units',
        'assignments',
        'status_reports',
        'notices',
        'audit_log',
      ]),
    );

    // No drift between the entities and what the migrations built.
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);

    for (let i = 0; i < applied.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual([]);

    // And up again: down left nothing behind that blocks a second run.
    await ds.runMigrations({ transaction: 'each' });
    expect((await tables()).length).toBeGreaterThan(10);
  });

  it('enforce the rules the database guarantees', async () => {
    await ds.query(
      `INSERT INTO units (name, level, kind) VALUES ('自治区工业和信息化厅', 'province', 'department')`,
    );
    await expect(
      ds.query(
        `INSERT INTO units (name, level, kind) VALUES ('自治区工业和信息化厅', 'province', 'department')`,
      ),
    ).rejects.toThrow(/uq_units_name/);
    await expect(
      ds.query(`INSERT INTO units (name, level, kind) VALUES ('某单位', 'galaxy', 'department')`),
    ).rejects.toThrow(/ck_units_level/);
    await ds.query(
      `INSERT INTO audit_log (at, action, target_type, target_id) VALUES (now(), 'test.write', 'unit', 'x')`,
    );
    await expect(ds.query(`UPDATE audit_log SET action = 'rewritten'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(ds.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  });
});
