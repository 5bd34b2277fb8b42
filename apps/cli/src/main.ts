import 'reflect-metadata';
import { extractCommand } from './commands/extract.command';

type Command = (args: string[]) => Promise<number>;

// Commands that need the database are loaded lazily so `extract` stays fast and DB-free.
const commands: Record<string, () => Promise<Command>> = {
  extract: async () => extractCommand,
  users: async () => (await import('./commands/users.command')).usersCommand,
  import: async () => (await import('./commands/import.command')).importCommand,
  setup: async () => (await import('./commands/setup.command')).setupCommand,
  migrate: async () => (await import('./commands/setup.command')).migrateCommand,
  'create-admin': async () => (await import('./commands/create-admin.command')).createAdminCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const load = name ? commands[name] : undefined;
  if (!load) {
    process.stderr.write(
      `usage: npm run cli -- <command> [args]\ncommands: ${Object.keys(commands).join(', ')}\n`,
    );
    return 2;
  }
  const command = await load();
  return command(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
