import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { ServicesModule } from '@tracker/services';
import { givenUser, TEST_PASSWORD } from '../support/builders';
import { ChildApi, spawnApi } from '../support/child-api';
import { ChildWorker, spawnWorker } from '../support/child-worker';
import { createStack, TestStack } from '../support/harness';
import { RoundRobinProxy, UPSTREAM_HEADER } from '../support/round-robin-proxy';

// Two api processes and a worker boot side by side on two cores.
jest.setTimeout(180_000);

interface Answer {
  status: number;
  upstream: string;
  body: Record<string, unknown>;
  headers: Headers;
}

/**
 * Two api processes behind one port (a round-robin proxy, as a load balancer would be), one
 * worker: a session begun through one process works through the other, the sign-in limiter counts
 * across both, and the queue dashboard answers through either.
 */
describe('two api processes behind one port', () => {
  let stack: TestStack;
  let services: INestApplicationContext;
  let ds: DataSource;
  let proxy: RoundRobinProxy;
  let worker: ChildWorker;
  const apis: ChildApi[] = [];

  const call = async (
    path: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Answer> => {
    const res = await fetch(`${proxy.base}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      body = { text };
    }
    return {
      status: res.status,
      upstream: res.headers.get(UPSTREAM_HEADER) ?? '',
      body,
      headers: res.headers,
    };
  };
  const bearer = (token: unknown): Record<string, string> => ({
    Authorization: `Bearer ${String(token)}`,
  });
  const refreshCookie = (a: Answer): string => {
    const cookie = a.headers.getSetCookie().find((c) => c.startsWith('tracker_refresh='));
    if (!cookie) throw new Error(`no refresh cookie in ${a.status} ${JSON.stringify(a.body)}`);
    return cookie.split(';')[0];
  };
  const login = (username: string, password = TEST_PASSWORD): Promise<Answer> =>
    call('/api/auth/login', { body: { username, password } });

  beforeAll(async () => {
    stack = await createStack();
    for (const [k, v] of Object.entries(stack.env)) process.env[k] = v;
    services = await Test.createTestingModule({ imports: [ServicesModule] }).compile();
    await services.init();
    stack.apps.push(services);
    ds = services.get(DataSource);
    await givenUser(ds, 'scale-admin', ['admin']);
    await givenUser(ds, 'scale-office', ['office']);
    await givenUser(ds, 'scale-clerk', ['office']);
    // What a deployment with several api processes shares: the secrets, and a proxy it trusts.
    const env = {
      ...stack.env,
      JWT_SECRET: 'two-apis-shared-jwt-secret-of-enough-length-0123456789',
      LINK_SIGNING_SECRET: 'two-apis-shared-link-secret-of-enough-length-0123456789',
      TRUST_PROXY: 'loopback',
      LOGIN_RATE_LIMIT: '3',
    };
    worker = spawnWorker(env, null);
    apis.push(...(await Promise.all([spawnApi(env), spawnApi(env)])));
    await worker.ready;
    proxy = new RoundRobinProxy(apis.map((a) => a.base));
    await proxy.start();
  });
  afterAll(async () => {
    await proxy?.stop();
    await Promise.all(apis.map((a) => a.stop()));
    await worker?.kill('SIGKILL');
    await stack.close();
  });

  it('carries a session begun through one process through the other: token, refresh cookie, reuse and sign-out', async () => {
    const signedIn = await login('scale-office');
    expect(signedIn.status).toBe(200);
    const me = await call('/api/me', { headers: bearer(signedIn.body.accessToken) });
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('scale-office');
    expect(me.upstream).not.toBe(signedIn.upstream);

    // The page's renewal through the cookie, on the other process than the sign-in.
    const cookie = refreshCookie(signedIn);
    const renewed = await call('/api/auth/refresh', { body: {}, headers: { Cookie: cookie } });
    expect(renewed.status).toBe(200);
    expect(renewed.upstream).not.toBe(me.upstream);
    const renewedToken = renewed.body.accessToken;
    const meAgain = await call('/api/me', { headers: bearer(renewedToken) });
    expect(meAgain.status).toBe(200);
    expect(meAgain.upstream).not.toBe(renewed.upstream);

    // The used cookie presented again, through the other process: the whole session ends there too.
    const reused = await call('/api/auth/refresh', { body: {}, headers: { Cookie: cookie } });
    expect(reused.status).toBe(401);
    const afterReuse = await call('/api/me', { headers: bearer(renewedToken) });
    expect(afterReuse.status).toBe(401);
    expect(afterReuse.upstream).not.toBe(reused.upstream);

    // Signing out through one process ends the session at once on the other.
    const second = await login('scale-office');
    const token = second.body.accessToken;
    const out = await call('/api/auth/logout', { method: 'POST', headers: bearer(token) });
    expect(out.status).toBe(204);
    const afterLogout = await call('/api/me', { headers: bearer(token) });
    expect(afterLogout.status).toBe(401);
    expect(afterLogout.upstream).not.toBe(out.upstream);
  });

  it('counts failed sign-ins across both processes, and leaves signed-in reads alone', async () => {
    const office = await login('scale-office');
    const tries: Answer[] = [];
    for (let i = 0; i < 3; i += 1) tries.push(await login('scale-clerk', 'wrong password'));
    expect(tries.map((t) => t.status)).toEqual([401, 401, 401]);
    const limited = await login('scale-clerk');
    expect(limited.status).toBe(429);
    expect(limited.body.error).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(new Set([...tries, limited].map((t) => t.upstream))).toEqual(new Set(['0', '1']));

    // The limited account's office colleague reads on through both processes.
    const reads = [];
    for (let i = 0; i < 4; i += 1)
      reads.push(await call('/api/me', { headers: bearer(office.body.accessToken) }));
    expect(reads.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(reads.map((r) => r.upstream))).toEqual(new Set(['0', '1']));
  });

  it('shows the same queues through either process, with the worker that ran a job', async () => {
    const admin = bearer((await login('scale-admin')).body.accessToken);
    const accepted = await call('/api/maintenance/heartbeats', { method: 'POST', headers: admin });
    expect(accepted.status).toBe(202);
    const { token, jobId } = accepted.body as { token: string; jobId: string };
    // Polling for the worker's answer: ends on the first 200.
    const stopAt = Date.now() + 30_000;
    let beat = await call(`/api/maintenance/heartbeats/${token}`, { headers: admin });
    while (beat.status !== 200 && Date.now() < stopAt) {
      await new Promise((r) => setTimeout(r, 100));
      beat = await call(`/api/maintenance/heartbeats/${token}`, { headers: admin });
    }
    expect(beat.status).toBe(200);
    expect(beat.body.worker).toBe(worker.name);

    const pages = [await call('/api/admin/queues', { headers: admin })];
    pages.push(await call('/api/admin/queues', { headers: admin }));
    expect(pages.map((p) => [p.status, String(p.body.text).includes('<html')])).toEqual([
      [200, true],
      [200, true],
    ]);
    expect(new Set(pages.map((p) => p.upstream))).toEqual(new Set(['0', '1']));

    const path = '/api/admin/queues/api/queues?activeQueue=maintenance&status=completed';
    const views = [await call(path, { headers: admin }), await call(path, { headers: admin })];
    expect(new Set(views.map((v) => v.upstream))).toEqual(new Set(['0', '1']));
    for (const view of views) {
      expect(view.status).toBe(200);
      const queues = view.body.queues as {
        name: string;
        jobs: { id: string; processedBy?: string }[];
      }[];
      expect(queues.map((q) => q.name)).toEqual(
        expect.arrayContaining(['cycles', 'ladder', 'mail', 'maintenance']),
      );
      const maintenance = queues.find((q) => q.name === 'maintenance');
      expect(maintenance?.jobs.find((j) => j.id === jobId)?.processedBy).toBe(worker.name);
    }
  });
});
