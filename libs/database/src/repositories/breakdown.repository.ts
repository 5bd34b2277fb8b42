import { versionAtSql } from './task-versions.repository';
import { EntityManager } from 'typeorm';
import type { TaskTarget } from '../entities/task.entity';
import { HELD_ASSIGNMENT_STATES } from './sql';

/** A member unit of a task's collective assignee: a row of its breakdown table. */
export interface BreakdownLocalityRow {
  unitId: string;
  unitName: string;
  /** The unit's other registered names, for matching an imported table's first column. */
  aliases: string[];
  groupName: string | null;
}

export interface BreakdownShareRow {
  unitId: string;
  targetIndex: number;
  value: number;
  measure: string | null;
}

/** One locality's progress on one target: its share, its latest reported value. */
export interface BreakdownProgressRow {
  taskId: string;
  targetIndex: number;
  unitId: string;
  unitName: string;
  share: number;
  measure: string | null;
  reported: number | null;
  /** The period of the report the value comes from (`2020-Q3`). */
  period: string | null;
  /** reported / share in percent, one decimal; null without a value or with a zero share. */
  percent: number | null;
}

/** Per task and target: the members' latest values summed against the sum of their shares. */
export interface BreakdownTotalRow {
  taskId: string;
  targetIndex: number;
  shareTotal: number;
  reportedTotal: number | null;
  localities: number;
  reportedLocalities: number;
  percent: number | null;
}

export interface BreakdownTaskRow {
  taskId: string;
  path: string[];
  heading: string;
  targets: TaskTarget[];
}

export interface BreakdownMeta {
  updatedAt: Date | null;
  updatedBy: string | null;
}

// The latest value each member reported for each target: its newest filed (submitted or accepted)
// report that gives the target a value, counted by the cycle's due time; $2, when not null, leaves
// out cycles due after it (a bulletin reads the values as of its own cycle).
const LATEST_VALUES = `latest AS (
  SELECT DISTINCT ON (r.task_id, r.unit_id, (tv->>'index')::int)
         r.task_id, r.unit_id, (tv->>'index')::int AS target_index,
         (tv->>'value')::numeric AS value, c.period
    FROM status_reports r
    JOIN reporting_cycles c ON c.id = r.cycle_id
    CROSS JOIN LATERAL jsonb_array_elements(r.target_values) tv
   WHERE r.task_id = ANY($1::uuid[]) AND r.state IN ('submitted', 'accepted')
     AND jsonb_typeof(tv->'value') = 'number' AND jsonb_typeof(tv->'index') = 'number'
     AND ($2::timestamptz IS NULL OR c.due_at <= $2::timestamptz)
   ORDER BY r.task_id, r.unit_id, (tv->>'index')::int, c.due_at DESC, r.submitted_at DESC NULLS LAST
)`;

const PERCENT = (reported: string, share: string): string =>
  `CASE WHEN ${reported} IS NULL OR ${share} = 0 THEN NULL ELSE round(100 * ${reported} / ${share}, 1)::float8 END`;

/** Reads and writes of a task's breakdown table (分解表) and its roll-up; all set-based SQL. */
export class BreakdownRepository {
  constructor(private readonly em: EntityManager) {}

  async task(taskId: string): Promise<BreakdownTaskRow | null> {
    const [row]: BreakdownTaskRow[] = await this.em.query(
      `SELECT id AS "taskId", path, heading, coalesce(targets, '[]') AS targets FROM tasks WHERE id = $1`,
      [taskId],
    );
    return row ?? null;
  }

  /**
   * The units a collective assignee of the task (各市人民政府) was expanded into, with their
   * aliases, in the registry's order of names. A member reassigned away is no longer one.
   */
  async localities(taskId: string): Promise<BreakdownLocalityRow[]> {
    return this.em.query(
      `SELECT u.id AS "unitId", u.name AS "unitName", g.name AS "groupName",
              coalesce((SELECT array_agg(al.alias ORDER BY al.alias) FROM unit_aliases al WHERE al.unit_id = u.id), '{}') AS aliases
         FROM assignments a JOIN units u ON u.id = a.unit_id LEFT JOIN unit_groups g ON g.id = a.group_id
        WHERE a.task_id = $1 AND a.group_id IS NOT NULL AND a.state IN ${HELD_ASSIGNMENT_STATES}
        ORDER BY u.name`,
      [taskId],
    );
  }

  async shares(taskId: string): Promise<BreakdownShareRow[]> {
    return this.em.query(
      `SELECT unit_id AS "unitId", target_index AS "targetIndex", value::float8 AS value, measure
         FROM task_breakdown_shares WHERE task_id = $1 ORDER BY target_index, unit_id`,
      [taskId],
    );
  }

  async meta(taskId: string): Promise<BreakdownMeta> {
    const [row]: BreakdownMeta[] = await this.em.query(
      `SELECT updated_at AS "updatedAt", updated_by AS "updatedBy" FROM task_breakdown_shares
        WHERE task_id = $1 ORDER BY updated_at DESC LIMIT 1`,
      [taskId],
    );
    return row ?? { updatedAt: null, updatedBy: null };
  }

  /** Locks the task's row, so two saves of one table follow each other. */
  async lockTask(taskId: string): Promise<boolean> {
    const rows: unknown[] = await this.em.query(`SELECT 1 FROM tasks WHERE id = $1 FOR UPDATE`, [
      taskId,
    ]);
    return rows.length > 0;
  }

  /** Replaces the task's whole table with `rows` (an empty list clears it). */
  async replace(taskId: string, rows: BreakdownShareRow[], by: string, at: Date): Promise<void> {
    await this.em.query(`DELETE FROM task_breakdown_shares WHERE task_id = $1`, [taskId]);
    if (!rows.length) return;
    await this.em.query(
      `INSERT INTO task_breakdown_shares (task_id, target_index, unit_id, value, measure, updated_by, updated_at)
       SELECT $1, x.target_index, x.unit_id, x.value, x.measure, $6, $7
         FROM unnest($2::int[], $3::uuid[], $4::numeric[], $5::text[]) AS x(target_index, unit_id, value, measure)`,
      [
        taskId,
        rows.map((r) => r.targetIndex),
        rows.map((r) => r.unitId),
        rows.map((r) => r.value),
        rows.map((r) => r.measure),
        by,
        at,
      ],
    );
  }

  /** Each locality's share and latest reported value per target, for the given tasks. */
  async progress(taskIds: string[], asOf: Date | null = null): Promise<BreakdownProgressRow[]> {
    return this.em.query(
      `WITH ${LATEST_VALUES}
       SELECT s.task_id AS "taskId", s.target_index AS "targetIndex", s.unit_id AS "unitId", u.name AS "unitName",
              s.value::float8 AS share, s.measure, l.value::float8 AS reported, l.period,
              ${PERCENT('l.value', 's.value')} AS percent
         FROM task_breakdown_shares s
         JOIN units u ON u.id = s.unit_id
         LEFT JOIN latest l ON l.task_id = s.task_id AND l.unit_id = s.unit_id AND l.target_index = s.target_index
        WHERE s.task_id = ANY($1::uuid[])
        ORDER BY s.task_id, s.target_index, u.name`,
      [taskIds, asOf],
    );
  }

  /** Per task and target: the sum of the shares and of the latest reported values. */
  async totals(taskIds: string[], asOf: Date | null = null): Promise<BreakdownTotalRow[]> {
    return this.em.query(
      `WITH ${LATEST_VALUES}
       SELECT s.task_id AS "taskId", s.target_index AS "targetIndex",
              sum(s.value)::float8 AS "shareTotal", sum(l.value)::float8 AS "reportedTotal",
              count(*)::int AS localities, count(l.value)::int AS "reportedLocalities",
              ${PERCENT('sum(l.value)', 'sum(s.value)')} AS percent
         FROM task_breakdown_shares s
         LEFT JOIN latest l ON l.task_id = s.task_id AND l.unit_id = s.unit_id AND l.target_index = s.target_index
        WHERE s.task_id = ANY($1::uuid[])
        GROUP BY s.task_id, s.target_index
        ORDER BY s.task_id, s.target_index`,
      [taskIds, asOf],
    );
  }

  /**
   * The tasks of a document that have a breakdown table, in the document's order; with `at`, the
   * heading and targets of the version in force then (a past period's bulletin).
   */
  async tasksWithBreakdown(
    documentId: string,
    at: Date | null = null,
  ): Promise<BreakdownTaskRow[]> {
    return this.em.query(
      `SELECT t.id AS "taskId", t.path, coalesce(tv.heading, t.heading) AS heading,
              coalesce(tv.targets, t.targets, '[]') AS targets
         FROM tasks t ${versionAtSql('t', "coalesce($2::timestamptz, 'infinity')")}
        WHERE t.document_id = $1 AND EXISTS (SELECT 1 FROM task_breakdown_shares s WHERE s.task_id = t.id)
        ORDER BY t.ordinal`,
      [documentId, at],
    );
  }
}
