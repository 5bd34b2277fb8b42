import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** A business clock in a file, shared by the test and the worker processes it spawns (FileClock). */
export class ClockFile {
  readonly file: string;

  constructor(start: string | Date) {
    this.file = path.join(mkdtempSync(path.join(tmpdir(), 'tracker-clock-')), 'now');
    this.set(start);
  }

  // Write-then-rename: writeFileSync truncates before it writes, so a worker reading the file at
  // that moment saw an empty clock (FileClock throws) and a job failed an attempt under load.
  set(at: string | Date): void {
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, new Date(at).toISOString());
    renameSync(tmp, this.file);
  }

  now(): Date {
    return new Date(readFileSync(this.file, 'utf8').trim());
  }
}

export interface ChildWorker {
  proc: ChildProcess;
  /** The name it puts on every job it takes (BullMQ's processedBy): host and pid, as WORKER_NAME. */
  name: string;
  ready: Promise<void>;
  output: () => string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * `clock` null: the worker keeps its own clock as configured in `env` (e.g. BUSINESS_CLOCK=file).
 * Spawns `apps/worker/src/main.ts` as a real process on the spec's database, Redis prefix, SMTP
 * server, public URL (all in `env`: pass the stack's) and clock file; `extra` comes last (e.g. a
 * WORKER_HEALTH_PORT).
 */
export function spawnWorker(
  env: Record<string, string>,
  clock: ClockFile | null,
  extra: Record<string, string> = {},
): ChildWorker {
  for (const name of ['SMTP_HOST', 'SMTP_PORT', 'PUBLIC_URL', 'DB_NAME', 'QUEUE_PREFIX']) {
    if (!env[name])
      throw new Error(`spawnWorker needs ${name} in its env (the stack's env has it)`);
  }
  const proc = spawn(process.execPath, ['-r', './scripts/register.js', 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...env,
      ...(clock ? { TRACKER_CLOCK_FILE: clock.file } : {}),
      LOG_LEVEL: 'info',
      WORKER_HEALTH_PORT: '0',
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      // Started, and the queue re-derived from PostgreSQL behind the start (or that failed).
      if (
        out.includes('worker started') &&
        (out.includes('queue re-derived from PostgreSQL') ||
          out.includes('re-deriving the queue failed'))
      )
        resolve();
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', (c: Buffer) => (out += c.toString()));
    proc.once('exit', (code) =>
      reject(new Error(`worker exited (${code}) before it started:\n${out.slice(-3000)}`)),
    );
  });
  return {
    proc,
    name: `${hostname()}#${proc.pid}`,
    ready,
    output: () => out,
    kill: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill(signal);
      }),
  };
}
