import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { authConfig, DomainError } from '@tracker/common';
import { createAdminAccount } from '@tracker/services';
import { openDataSource } from './db';

const USAGE =
  'usage: npm run cli -- create-admin --username NAME [--display-name TEXT] [--email ADDRESS]\n' +
  '  the password comes from ADMIN_PASSWORD, else from stdin (first line), else from a prompt\n';

function parse(
  args: string[],
): { username?: string; displayName?: string; email?: string } | string {
  const out: Record<string, string> = {};
  const names: Record<string, string> = {
    '--username': 'username',
    '--display-name': 'displayName',
    '--email': 'email',
  };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    const key = names[flag];
    if (!key) return `create-admin: unknown argument ${args[i]}`;
    const value = inline ?? args[++i];
    if (value === undefined || value === '') return `create-admin: ${flag} needs a value`;
    out[key] = value;
  }
  return out;
}

async function readStdinLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0];
}

/** Asks on the terminal without echoing what is typed. */
async function prompt(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  try {
    return await new Promise<string>((resolve) => {
      rl.question(question, (answer) => resolve(answer));
      muted = true;
    });
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}

async function passwordFromSomewhere(): Promise<string | null> {
  const fromEnv = authConfig().adminPassword;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) return readStdinLine();
  const first = await prompt('password: ');
  const again = await prompt('password again: ');
  return first === again ? first : null;
}

/** `create-admin --username U`: an admin account, in production too (where setup creates none). */
export async function createAdminCommand(args: string[]): Promise<number> {
  const parsed = parse(args);
  if (typeof parsed === 'string' || !parsed.username) {
    process.stderr.write(
      `${typeof parsed === 'string' ? `${parsed}\n` : 'create-admin: --username is required\n'}${USAGE}`,
    );
    return 2;
  }
  const password = await passwordFromSomewhere();
  if (password === null) {
    process.stderr.write('create-admin: the two passwords differ\n');
    return 2;
  }
  const ds = await openDataSource();
  try {
    const admin = await ds.transaction((em) =>
      createAdminAccount(em, {
        username: parsed.username!,
        password,
        displayName: parsed.displayName,
        email: parsed.email ?? null,
      }),
    );
    process.stderr.write(`create-admin: created admin account ${admin.username}\n`);
    return 0;
  } catch (error: unknown) {
    if (error instanceof DomainError) {
      process.stderr.write(`create-admin: ${error.code}: ${error.message}\n`);
      return error.code === 'USERNAME_TAKEN' ? 1 : 2;
    }
    throw error;
  } finally {
    await ds.destroy();
  }
}
