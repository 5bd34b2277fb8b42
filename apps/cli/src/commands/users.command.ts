import { databaseConfig } from '@tracker/common';
import { dataSourceOptions } from '@tracker/database';
import { listAccounts } from '@tracker/services';
import { DataSource } from 'typeorm';

/**
 * `users [--json]`: the accounts (username, unit, roles), so a tester can pick a lead, a supporting
 * and an office account. Boots no Nest app; with --json stdout holds only the JSON array.
 */
export async function usersCommand(args: string[]): Promise<number> {
  const unknown = args.filter((a) => a !== '--json');
  if (unknown.length) {
    process.stderr.write(`users: unknown argument ${unknown.join(' ')}\nusage: npm run --silent cli -- users [--json]\n`);
    return 2;
  }
  const ds = new DataSource({ ...dataSourceOptions(databaseConfig()), logging: false });
  await ds.initialize();
  try {
    const users = await listAccounts(ds.manager);
    if (args.includes('--json')) {
      process.stdout.write(`${JSON.stringify(users, null, 2)}\n`);
    } else {
      for (const u of users) process.stdout.write(`${u.username.padEnd(24)} ${u.roles.join(',').padEnd(10)} ${u.unit ?? ''}\n`);
    }
    return 0;
  } finally {
    await ds.destroy();
  }
}
