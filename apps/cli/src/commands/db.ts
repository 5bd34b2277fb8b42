import { authConfig, databaseConfig } from '@tracker/common';
import { dataSourceOptions, ensureDatabase } from '@tracker/database';
import { SystemClock } from '@tracker/domain';
import { AuditService, DocumentsImportService } from '@tracker/services';
import { DataSource } from 'typeorm';

/** A DataSource for commands, without booting Nest. */
export async function openDataSource(opts: { create?: boolean } = {}): Promise<DataSource> {
  const db = databaseConfig();
  if (opts.create && (await ensureDatabase(db)))
    process.stderr.write(`created database ${db.database}\n`);
  const ds = new DataSource({ ...dataSourceOptions(db), logging: false });
  await ds.initialize();
  return ds;
}

export function importerFor(ds: DataSource): DocumentsImportService {
  const clock = new SystemClock();
  return new DocumentsImportService(ds, new AuditService(clock), clock);
}

export const demoPassword = (): string | undefined => authConfig().demoPassword;
