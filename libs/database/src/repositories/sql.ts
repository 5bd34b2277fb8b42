import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { FILEABLE_REPORT_STATES } from '@tracker/domain';
import { EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** Collects positional parameters for hand-written SQL: `p.add(value)` returns `$n`. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Assignment states that make a task a unit's own: a reassigned assignment is no longer theirs. */
export const HELD_ASSIGNMENT_STATES = `('pending', 'acknowledged', 'declined')`;

/** FILEABLE_REPORT_STATES as an SQL list. */
export const FILEABLE_SQL = `(${FILEABLE_REPORT_STATES.map((x) => `'${x}'`).join(', ')})`;

/**
 * The report that matters now for a unit's part of a task (the unit's own as lead, the lead's as
 * support), as the tail of a `SELECT … ` over `status_reports r` and `reporting_cycles c`: the
 * earliest-due one still to be filed in a cycle not closed (what the reminder in the mail is
 * about), else the latest. My tasks and the task page both read it.
 */
export const currentReportSql = (task: string, role: string, unit: string): string =>
  `FROM status_reports r JOIN reporting_cycles c ON c.id = r.cycle_id
    WHERE r.task_id = ${task} AND (${role} <> 'lead' OR r.unit_id = ${unit})
    ORDER BY (r.state IN ${FILEABLE_SQL} AND c.state <> 'closed') DESC,
             CASE WHEN r.state IN ${FILEABLE_SQL} AND c.state <> 'closed' THEN r.due_at END ASC,
             r.due_at DESC, c.opens_at DESC, r.id
    LIMIT 1`;

/**
 * The report aliased `r` is still owed: its unit holds the task's lead assignment. A lead an
 * amendment removed without a successor keeps its started report as history, but nobody chases
 * it and it does not hold up the cycle's bulletin.
 */
export const reportOwedSql = (r = 'r'): string =>
  `EXISTS (SELECT 1 FROM assignments la WHERE la.task_id = ${r}.task_id AND la.unit_id = ${r}.unit_id AND la.role = 'lead' AND la.state IN ${HELD_ASSIGNMENT_STATES})`;

/**
 * The unit ($1) and every former name whose successor chain leads to it (a pre-2018 agency name
 * points to its successor), as a recursive CTE named `chain`. UNION, not UNION ALL, so a
 * mistaken cycle still terminates.
 */
export const UNIT_CHAIN_CTE = `chain(id) AS (
  SELECT CAST($1 AS uuid)
  UNION
  SELECT u.id FROM units u JOIN chain c ON u.successor_id = c.id
)`;

/** The unit chain as a query of its own: `SELECT id` rows. */
export const UNIT_CHAIN_SQL = `WITH RECURSIVE ${UNIT_CHAIN_CTE} SELECT id FROM chain`;

/**
 * Runs a read as a named prepared statement on the pool, so PostgreSQL parses and analyses each
 * shape once per connection instead of on every call (PostgreSQL still decides per call between
 * its generic plan and one for the values). Inside a transaction it runs on the transaction's
 * connection as an ordinary query.
 */
export async function preparedRead<T>(
  em: EntityManager,
  text: string,
  values: unknown[],
): Promise<T[]> {
  if (em.queryRunner) return (await em.query(text, values)) as T[];
  const pool = (em.connection.driver as PostgresDriver).master as Pool;
  const name = `r_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
  const { rows } = await pool.query({ name, text, values });
  return rows as T[];
}
