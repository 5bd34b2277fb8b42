import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { freePort } from './private-redis';

const ROOT = path.resolve(__dirname, '../..');

export interface ChildApi {
  proc: ChildProcess;
  base: string;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts `apps/api/src/main.ts` as a process of its own, as `npm start` does, on the stack's
 * database, Redis prefix and SMTP server (`env`: pass the stack's); `extra` comes last. Resolves
 * once the api answers its health route. A probe in the test process then measures the api alone,
 * not the test's own work sharing one event loop with it.
 */
export async function spawnApi(
  env: Record<string, string>,
  extra: Record<string, string> = {},
): Promise<ChildApi> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const proc = spawn(process.execPath, ['-r', './scripts/register.js', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const stop = (): Promise<void> =>
    new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
    });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null)
      throw new Error(`api exited (${proc.exitCode}) before it listened:\n${out.slice(-3000)}`);
    try {
      if ((await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2_000) })).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`api did not answer within 60 s:\n${out.slice(-3000)}`);
    }
    // Polling for readiness: the loop ends on the first good answer, not after a fixed time.
    await new Promise((r) => setTimeout(r, 100));
  }
  return { proc, base, output: () => out, stop };
}
