import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Redis from 'ioredis';
import { freePort } from './private-redis';

async function until(check: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const stop = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (Date.now() > stop) throw new Error(`Redis Cluster: ${what} timed out`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A real Redis Cluster of three masters in child processes of the test (the machine's own
 * redis-server and redis-cli), on free ports, with nothing kept on disk beyond a scratch folder.
 */
export class RedisCluster {
  private readonly procs: ChildProcess[] = [];
  private dir = '';
  ports: number[] = [];

  get nodes(): string {
    return this.ports.map((p) => `127.0.0.1:${p}`).join(',');
  }

  async start(masters = 3): Promise<void> {
    this.dir = mkdtempSync(path.join(tmpdir(), 'redis-cluster-'));
    for (let i = 0; i < masters; i++) {
      const port = await freePort();
      this.ports.push(port);
      const proc = spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          path.join(this.dir, `nodes-${port}.conf`),
          '--cluster-node-timeout',
          '2000',
          '--dir',
          this.dir,
          '--save',
          '',
          '--appendonly',
          'no',
        ],
        { stdio: 'ignore' },
      );
      this.procs.push(proc);
      await until(async () => {
        const c = new Redis({ port, lazyConnect: true, retryStrategy: () => null });
        c.on('error', () => undefined);
        try {
          await c.connect();
          return (await c.ping()) === 'PONG';
        } finally {
          c.disconnect();
        }
      }, `node ${port} up`);
    }
    execFileSync(
      'redis-cli',
      [
        '--cluster',
        'create',
        ...this.ports.map((p) => `127.0.0.1:${p}`),
        '--cluster-replicas',
        '0',
        '--cluster-yes',
      ],
      { stdio: 'ignore' },
    );
    for (const port of this.ports) {
      await until(async () => {
        const c = new Redis({ port, lazyConnect: true, retryStrategy: () => null });
        c.on('error', () => undefined);
        try {
          await c.connect();
          return /cluster_state:ok/.test(await c.cluster('INFO'));
        } finally {
          c.disconnect();
        }
      }, `cluster state ok on ${port}`);
    }
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.procs.map(
        (p) =>
          new Promise<void>((resolve) => {
            if (p.exitCode !== null) return resolve();
            p.once('exit', () => resolve());
            p.kill('SIGTERM');
          }),
      ),
    );
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}
