import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { register } from 'tsconfig-paths';
import { DataSource } from 'typeorm';

// Global setup runs outside jest's module mapper: resolve the @tracker/* aliases here.
const root = path.resolve(__dirname, '../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
register({ baseUrl: root, paths: require(path.join(root, 'tsconfig.json')).compilerOptions.paths });
import { PG, templateDatabase, withAdmin } from './test-env';

/** Creates this run's template database by running every migration into it. */
export default async function globalSetup(): Promise<void> {
  const run = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  process.env.TRACKER_TEST_RUN = run;
  process.env.NODE_ENV = 'test';
  const name = templateDatabase(run);
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
  // Loaded after the aliases are registered.
  const { dataSourceOptions } =
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('../../libs/database/src/data-source-options') as typeof import('../../libs/database/src/data-source-options');
  const ds = new DataSource(
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
  try {
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
}
