import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { freePort } from '../support/private-redis';
import { createStack, TestStack } from '../support/harness';

const ROOT = path.resolve(__dirname, '../..');

describe('request log redaction', () => {
  let stack: TestStack;
  let proc: ChildProcess;
  let out = '';
  let base: string;

  beforeAll(async () => {
    stack = await createStack();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // The real api process, so the log is exactly what an operator would collect from stdout.
    proc = spawn(process.execPath, ['-r', './scripts/register.js', 'apps/api/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...stack.env, PORT: String(port), LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc.stdout?.on('data', (c: Buffer) => (out += c.toString()));
    proc.stderr?.on('data', (c: Buffer) => (out += c.toString()));
    for (let i = 0; i < 600; i++) {
      try {
        if ((await fetch(`${base}/api/web/clock`)).ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  afterAll(async () => {
    if (proc.exitCode === null) {
      await new Promise<void>((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      });
    }
    await stack.close();
  });

  it('writes neither acknowledge tokens nor calendar-feed secrets into the log', async () => {
    const token = 'AAAAsecretNONCEzz.BBBBsecretSIGNATUREzz';
    const feed = 'CCCCfeedSECRETvalue0123456789';
    const assignment = '00000000-0000-4000-8000-000000000002';
    const page = await fetch(
      `${base}/api/action-links/acknowledge?assignment=${assignment}&token=${token}`,
      {
        headers: { referer: `https://mail.example/?token=${token}` },
      },
    );
    expect(page.status).toBe(200);
    const spent = await fetch(`${base}/api/action-links/acknowledge?token=${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ assignment, token }),
    });
    expect(spent.status).toBe(404);
    expect((await fetch(`${base}/api/calendar/feeds/${feed}.ics`)).status).toBe(404);
    // pino writes each line as the response ends: wait for the feed request's line (the last one).
    const feedLogged = (): boolean => /"url":"\/api\/calendar\/feeds\/[^"]*"/.test(out);
    for (let i = 0; i < 100 && !feedLogged(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(feedLogged()).toBe(true);
    expect(out).toContain('/api/action-links/acknowledge?assignment=');
    expect(out).toContain('token=[redacted]');
    expect(out).toContain('/api/calendar/feeds/[redacted]');
    expect(out).not.toContain('secretNONCE');
    expect(out).not.toContain('secretSIGNATURE');
    expect(out).not.toContain('feedSECRET');
  });
});
