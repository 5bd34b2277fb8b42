// The API under load: a province-sized database (100,000 tasks, ~300,000 assignments, units with
// 10,000+ assignments and units with ~80), the real API in its own process, and autocannon at 100
// connections on the hot reads, each next to a bare NestJS route doing one comparable query on the
// same data, interleaved in the same run. Targets: p95 under 50 ms, at least half the bare
// route's requests/s, no non-2xx.
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import autocannon from 'autocannon';
import { deleteRedisKeys } from '../test/support/test-env';
import { SEED, seededOrSeed, seedProvince } from './api-load-seed';
import { dropDatabase, scratchDatabase } from './supervision-support';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const ONLY = process.env.BENCH_ONLY;
const API_PORT = Number(process.env.BENCH_API_PORT ?? 3291);
const BARE_PORT = Number(process.env.BENCH_BARE_PORT ?? 3292);
const ROOT = path.resolve(__dirname, '..');
/** A database to keep between runs: seeded on the first run, reused (and not dropped) after. */
const KEEP_DB = process.env.BENCH_DB;

function start(
  script: string,
  env: Record<string, string>,
  ready: (line: string) => boolean,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', './scripts/register.js', script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (d: Buffer) =>
    process.stderr.write(`[${path.basename(script)}] ${d.toString()}`),
  );
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    child.stdout?.on('data', (d: Buffer) => {
      if (ready(d.toString())) resolve(child);
    });
  });
}

async function waitForHealth(port: number): Promise<void> {
  const stop = Date.now() + 120_000;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > stop) throw new Error('the API did not become healthy');
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function login(username: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${API_PORT}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: SEED.password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

interface Figures {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  total: number;
}

/** Waits until the API answers its health check within 200 ms: the previous run's backlog is gone. */
async function settle(): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    const t0 = Date.now();
    await fetch(`http://127.0.0.1:${API_PORT}/api/health`)
      .then((r) => r.arrayBuffer())
      .catch(() => undefined);
    if (Date.now() - t0 < 200) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function drive(url: string, token?: string): Promise<Figures> {
  await settle();
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: token ? { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' } : {},
  });
  // autocannon's latency object has p97_5 and p99 but no p95: take it from the histogram's
  // percentiles where present, else interpolate between p90 and p97.5.
  const l = r.latency as unknown as Record<string, number>;
  const p95 = l.p95 ?? l.p90 + ((l.p97_5 - l.p90) * 5) / 7.5;
  return {
    rps: r.requests.average,
    p50: l.p50,
    p95,
    p99: l.p99,
    non2xx: r.non2xx + r.errors + r.timeouts,
    total: r.requests.total,
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const spread = (xs: number[]): string =>
  `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;

async function main(): Promise<void> {
  const db = await scratchDatabase('apiload', KEEP_DB);
  const prefix = `bench-api-${randomBytes(3).toString('hex')}`;
  const children: ChildProcess[] = [];
  try {
    const t0 = Date.now();
    const seeded = KEEP_DB ? await seededOrSeed(db) : await seedProvince(db);
    console.log(
      `fixture in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${Object.entries(seeded.counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
    const env = {
      NODE_ENV: 'development',
      DB_NAME: db,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      PORT: String(API_PORT),
    };
    children.push(
      await start(
        'bench/api-load-bare.ts',
        { DB_NAME: db, PORT: String(BARE_PORT), DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '10' },
        (l) => l.includes('ready'),
      ),
    );
    const api = spawn(process.execPath, ['-r', './scripts/register.js', 'apps/api/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(api);
    await waitForHealth(API_PORT);
    const big = await login(seeded.bigUnitUser);
    const small = await login(seeded.smallUnitUser);
    const office = await login(seeded.officeUser);
    const api_ = `http://127.0.0.1:${API_PORT}/api`;
    const bare = (path: string): string => `http://127.0.0.1:${BARE_PORT}/bare/${path}`;
    const cases = [
      {
        name: 'my tasks, unit with 10k+ assignments',
        url: `${api_}/me/tasks`,
        token: big,
        bare: bare(`tasks?unit=${seeded.bigUnitUser}`),
        p95: 50,
      },
      {
        name: 'my tasks, unit with ~80 assignments',
        url: `${api_}/me/tasks`,
        token: small,
        bare: bare(`tasks?unit=${seeded.smallUnitUser}`),
        p95: 50,
      },
      {
        name: 'office: notices',
        url: `${api_}/me/notices`,
        token: office,
        bare: bare(`notices?user=${seeded.officeUser}`),
        p95: 50,
      },
      {
        name: 'office: escalations',
        url: `${api_}/escalations`,
        token: office,
        bare: bare('escalations'),
        p95: 50,
      },
      // Last: while it lasts, requests that outlive autocannon's timeout keep the API busy.
      {
        name: "office: a cycle's reports",
        url: `${api_}/cycles/${seeded.cycleId}/reports`,
        token: office,
        bare: bare(`reports?cycle=${seeded.cycleId}`),
        p95: 50,
      },
    ].filter((c) => !ONLY || c.name.includes(ONLY));
    // Warm both (JIT, plan caches, connection pools).
    for (const c of cases) {
      for (const [u, tok] of [
        [c.url, c.token],
        [c.bare, undefined],
      ] as const) {
        const res = await fetch(u, { headers: tok ? { authorization: `Bearer ${tok}` } : {} });
        if (!res.ok) throw new Error(`${u}: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      }
    }
    console.log(
      `autocannon: ${CONNECTIONS} connections, ${SECONDS} s per run, ${ROUNDS} round(s), product and bare interleaved`,
    );
    const results = new Map<string, { product: Figures[]; bare: Figures[] }>();
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const c of cases) {
        const entry = results.get(c.name) ?? { product: [], bare: [] };
        entry.product.push(await drive(c.url, c.token));
        entry.bare.push(await drive(c.bare));
        results.set(c.name, entry);
      }
    }
    for (const c of cases) {
      const { product, bare: b } = results.get(c.name) as { product: Figures[]; bare: Figures[] };
      const rps = product.map((f) => f.rps);
      const bareRps = b.map((f) => f.rps);
      const ratio = median(rps) / median(bareRps);
      const p95 = median(product.map((f) => f.p95));
      const non2xx = product.reduce((s, f) => s + f.non2xx, 0);
      const met = p95 < c.p95 && ratio >= 0.5 && non2xx === 0;
      console.log(
        `${c.name.padEnd(38)} ${median(rps).toFixed(1).padStart(7)} req/s (${spread(rps)})  p50 ${median(product.map((f) => f.p50)).toFixed(0)} ms` +
          `  p95 ${p95.toFixed(0)} ms (${spread(product.map((f) => f.p95))})  p99 ${median(product.map((f) => f.p99)).toFixed(0)} ms  non-2xx ${non2xx}/${product.reduce((s, f) => s + f.total, 0)}` +
          `  | bare ${median(bareRps).toFixed(1)} req/s (${spread(bareRps)}) p95 ${median(b.map((f) => f.p95)).toFixed(0)} ms` +
          `  | ratio ${ratio.toFixed(3)}  target p95 < ${c.p95} ms, ratio >= 0.5, no non-2xx: ${met ? 'MET' : 'NOT MET'}`,
      );
    }
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    if (!KEEP_DB) await dropDatabase(db);
    await deleteRedisKeys(`${prefix}:*`);
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
