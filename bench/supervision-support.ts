import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Clock, CLOCK } from '@tracker/domain';
import { dataSourceOptions } from '@tracker/database';
import { ServicesModule } from '@tracker/services';

// Shared by the supervision benches: a scratch database with the migrations run, its own Redis
// prefix, and the services in this process on a settable clock.
export const PG = { host: '127.0.0.1', port: 5432, user: 'postgres', password: '' };

/**
 * A new database with the migrations run; given `keep` (a name), that database is created only if
 * missing and its pending migrations run, so a bench can seed once and run again on it.
 */
export async function scratchDatabase(label: string, keep?: string): Promise<string> {
  const name = keep ?? `tracker_bench_${label}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ ...PG, database: 'postgres' });
  await admin.connect();
  const { rowCount } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
  if (!rowCount) await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const ds = new DataSource(
    dataSourceOptions({
      host: PG.host,
      port: PG.port,
      username: PG.user,
      password: PG.password,
      database: name,
      poolSize: 2,
    }),
  );
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  return name;
}

export async function dropDatabase(name: string): Promise<void> {
  const admin = new Client({ ...PG, database: 'postgres' });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}

export class SettableClock implements Clock {
  constructor(public at: Date) {}
  now(): Date {
    return new Date(this.at);
  }
}

export async function servicesContext(
  env: Record<string, string>,
  clock: Clock,
): Promise<INestApplicationContext> {
  for (const [k, v] of Object.entries(env)) process.env[k] = v;
  @Module({ imports: [ServicesModule] })
  class BenchModule {}
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: false });
  // The clock is a singleton value: swap the provider's behaviour in place.
  const provided = app.get<Clock>(CLOCK);
  (provided as { now: () => Date }).now = () => clock.now();
  return app;
}

/** A process's resident memory now (MB, from /proc/<pid>/status), or null once it is gone. */
export function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null; // process gone
  }
}

/** Peak resident memory of a process, sampled from /proc while `during` runs. */
export async function peakRss<T>(
  pid: number,
  during: () => Promise<T>,
): Promise<{ result: T; peakMb: number }> {
  let peak = 0;
  const sample = (): void => {
    peak = Math.max(peak, rssMb(pid) ?? 0);
  };
  const timer = setInterval(sample, 50);
  try {
    const result = await during();
    sample();
    return { result, peakMb: peak };
  } finally {
    clearInterval(timer);
  }
}
