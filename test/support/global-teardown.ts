import { deleteRedisKeys, runId, withAdmin } from './test-env';

/** Drops every database and Redis key this run created, including ones a failed spec left behind. */
export default async function globalTeardown(): Promise<void> {
  const run = runId();
  await withAdmin(async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`tracker_t_${run}_%`],
    );
    for (const { datname } of rows)
      await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
  await deleteRedisKeys(`tt-${run}-*`);
}
