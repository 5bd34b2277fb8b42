import { hasAccounts, listAccounts } from '@tracker/services';
import { openDataSource } from './db';
import { setupCommand } from './setup.command';

/**
 * `users [--json]`: the accounts (username, unit, roles), so a tester can pick a lead, a supporting
 * and an office account. Boots no Nest app; with --json stdout holds only the JSON array.
 */
export async function usersCommand(args: string[]): Promise<number> {
  const unknown = args.filter((a) => a !== '--json');
  if (unknown.length) {
    process.stderr.write(
      `users: unknown argument ${unknown.join(' ')}\nusage: npm run --silent cli -- users [--json]\n`,
    );
    return 2;
  }
  let ds = await openDataSource({ create: true });
  // A fresh machine: set the tracker up first (migrations, units, documents, demo accounts), so
  // the list is what `npm start` would give. Progress goes to stderr; stdout stays JSON only.
  const empty = !(await hasAccounts(ds.manager));
  if (empty) {
    await ds.destroy();
    process.stderr.write('users: the database is not set up yet; running setup first\n');
    const code = await setupCommand();
    if (code !== 0) return code;
    ds = await openDataSource();
  }
  try {
    const users = await listAccounts(ds.manager);
    if (args.includes('--json')) {
      process.stdout.write(`${JSON.stringify(users, null, 2)}\n`);
    } else {
      for (const u of users)
        process.stdout.write(
          `${u.username.padEnd(24)} ${u.roles.join(',').padEnd(10)} ${u.unit ?? ''}\n`,
        );
    }
    return 0;
  } finally {
    await ds.destroy();
  }
}
