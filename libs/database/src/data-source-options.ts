import * as path from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { DatabaseConfig } from '@tracker/common';
import { ENTITIES } from './entities';

const MIGRATIONS_GLOB = path.resolve(__dirname, '../../../migrations/*.{ts,js}');

/** The one set of data-source options, used by the apps, the CLI and the tests. */
export function dataSourceOptions(
  db: Omit<DatabaseConfig, 'poolWaitMs'> & { poolWaitMs?: number },
  overrides: { database?: string; withMigrations?: boolean } = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    host: db.host,
    port: db.port,
    username: db.username,
    password: db.password,
    database: overrides.database ?? db.database,
    entities: ENTITIES,
    // The api and worker never migrate (the start command does): they load no migration files,
    // which also keeps a bundled build from reaching for the TypeScript sources.
    migrations: overrides.withMigrations === false ? [] : [MIGRATIONS_GLOB],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    uuidExtension: 'pgcrypto',
    migrationsRun: false,
    synchronize: false,
    extra: {
      max: db.poolSize,
      statement_timeout: 30_000,
      connectionTimeoutMillis: db.poolWaitMs ?? 10_000,
    },
  };
}
