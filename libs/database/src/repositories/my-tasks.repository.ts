import { EntityManager } from 'typeorm';
import {
  currentReportSql,
  HELD_ASSIGNMENT_STATES as HELD,
  preparedRead,
  SqlParams,
  UNIT_CHAIN_CTE,
} from './sql';

export type MyTaskSort = 'number' | 'deadline' | 'document';

export interface MyTaskQuery {
  /** The signed-in unit (its former names are added in SQL). */
  unitId: string;
  /** Today in Asia/Shanghai (YYYY-MM-DD), for the overdue flag and filter. */
  today: string;
  role?: string;
  ackState?: string;
  documentId?: string;
  status?: string;
  dueBefore?: string;
  overdue?: boolean;
  sort: MyTaskSort;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

export interface MyTaskRow {
  id: string;
  document_id: string;
  document_title: string | null;
  path: string[];
  heading: string;
  deadline_on: string | null;
  deadline_text: string | null;
  state: string;
  is_overdue: boolean;
  assignment_id: string;
  unit_id: string;
  unit_name: string;
  role: string;
  assignment_state: string;
  acknowledged_at: Date | null;
  declined_at: Date | null;
  decline_reason: string | null;
  created_at: Date;
  /** The report that matters now (the unit's own as lead, the lead's as support): currentReportSql. */
  current_report: {
    id: string;
    period: string;
    state: string;
    due_at: string;
    progress_status: string | null;
  } | null;
  /** The task's held assignments, for its lead and support columns. */
  task_units: { id: string; name: string; role: string }[];
}

/** Above this many matching assignments, doc-ordered pages walk the tasks in order instead of sorting all. */
const WALK_FROM = 2_000;
/** Pages deeper than this sort the whole set (the walk's per-document limit would grow with the offset). */
const WALK_DEPTH = 1_000;

/**
 * "My tasks": a unit's assignments with their tasks, one page at a time. The count is its own
 * query (from the kept per-unit counts unless a task filter applies); the page is one statement with each row's current report and the task's units, so
 * a page costs the same for a unit with 80 assignments and one with 20,000.
 */
export class MyTasksRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * The unit chain (the unit and its former names) and how many assignments match. Without a task
   * filter the total is a sum over unit_assignment_counts (kept by triggers on assignments), so a
   * unit with 20,000 assignments costs what one with 80 does; a task filter counts the rows.
   */
  async count(q: MyTaskQuery): Promise<{ unitIds: string[]; total: number }> {
    const p = new SqlParams();
    const chain = UNIT_CHAIN_CTE.replace('$1', p.add(q.unitId));
    const taskWhere = this.taskWhere(p, q);
    let total: string;
    if (taskWhere.length) {
      const where = this.assignmentWhere(p, q, '(SELECT id FROM chain)');
      total = `SELECT count(*) FROM assignments a JOIN tasks t ON t.id = a.task_id
                WHERE ${[...where, ...taskWhere].join(' AND ')}`;
    } else {
      const where = this.assignmentWhere(p, q, '(SELECT id FROM chain)', 'k');
      total = `SELECT coalesce(sum(k.n), 0) FROM unit_assignment_counts k WHERE ${where.join(' AND ')}`;
    }
    const [row] = await preparedRead<{ unit_ids: string[] | null; total: number }>(
      this.em,
      `WITH RECURSIVE ${chain}
       SELECT (SELECT array_agg(id) FROM chain) AS unit_ids, (${total})::int AS total`,
      p.values,
    );
    return { unitIds: row.unit_ids ?? [], total: row.total };
  }

  async page(q: MyTaskQuery & { unitIds: string[]; total: number }): Promise<MyTaskRow[]> {
    if (q.total === 0 || q.offset >= q.total) return [];
    const p = new SqlParams();
    const today = p.add(q.today);
    const where = [
      ...this.assignmentWhere(p, q, `ANY(${p.add(q.unitIds)}::uuid[])`),
      ...this.taskWhere(p, q, today),
    ];
    const dir = q.order === 'desc' ? 'DESC' : 'ASC';
    const columns = `t.id, t.document_id, d.title AS document_title, d.issued_on AS s_issued_on, t.ordinal AS s_ordinal,
      t.path, t.heading, t.deadline_on AS s_deadline_on, to_char(t.deadline_on, 'YYYY-MM-DD') AS deadline_on, t.deadline_text, t.state,
      (t.state = 'open' AND t.deadline_on IS NOT NULL AND t.deadline_on < ${today}::date) AS is_overdue,
      a.id AS assignment_id, a.unit_id, un.name AS unit_name, a.role, a.state AS assignment_state,
      a.acknowledged_at, a.declined_at, a.decline_reason, a.created_at`;
    const joins = `JOIN assignments a ON a.task_id = t.id JOIN units un ON un.id = a.unit_id`;
    const order = this.orderBy(q.sort, dir, 'x');
    const want = q.offset + q.limit;
    const walk = q.total > WALK_FROM && want <= WALK_DEPTH;
    let page: string;
    let inOrder = false;
    if (walk && q.sort !== 'deadline') {
      // Document-major orders: documents in order, and in each the tasks by ordinal
      // (ix_tasks_document_ordinal), stopping after `want` rows per document.
      const docOrder =
        q.sort === 'document'
          ? `d.title ${dir} NULLS LAST, d.id ${dir}`
          : `d.issued_on ${dir} NULLS LAST, d.id ${dir}`;
      // The documents' rows come out in the page's own order (documents in order, each one's rows
      // in order), so the walk stops as soon as the page is full: no sort above it, and
      // OFFSET 0 keeps the documents' subquery (and its order) from being flattened away.
      const ordinalDir = q.sort === 'document' ? 'ASC' : dir;
      page = `SELECT x.* FROM (SELECT * FROM policy_documents d ORDER BY ${docOrder} OFFSET 0) d
        CROSS JOIN LATERAL (
          SELECT ${columns} FROM tasks t ${joins}
           WHERE t.document_id = d.id AND ${where.join(' AND ')}
           ORDER BY t.ordinal ${ordinalDir}, a.role, a.id LIMIT ${p.add(want)}) x`;
      inOrder = true;
    } else if (walk) {
      // By deadline: the planner walks ix_tasks_deadline and probes each task's assignments.
      page = `SELECT x.* FROM (SELECT ${columns} FROM tasks t JOIN policy_documents d ON d.id = t.document_id ${joins} WHERE ${where.join(' AND ')}) x`;
    } else {
      // A small set (or a deep page): from the unit's assignments, then sort them all. Materialized,
      // so the planner does not walk every task in order looking for a unit's few.
      page = `SELECT x.* FROM (
          WITH mine AS MATERIALIZED (SELECT a.* FROM assignments a WHERE ${where.filter((w) => w.startsWith('a.')).join(' AND ')})
          SELECT ${columns} FROM mine a JOIN tasks t ON t.id = a.task_id JOIN policy_documents d ON d.id = t.document_id
            JOIN units un ON un.id = a.unit_id
           WHERE ${where
             .filter((w) => !w.startsWith('a.'))
             .concat('TRUE')
             .join(' AND ')}) x`;
    }
    return preparedRead<MyTaskRow>(
      this.em,
      `SELECT x.*, cr.current_report, tu.task_units
         FROM (${page} ${inOrder ? '' : `ORDER BY ${order}`} LIMIT ${p.add(q.limit)} OFFSET ${p.add(q.offset)}) x
         LEFT JOIN LATERAL (
           SELECT json_build_object('id', r.id, 'period', c.period, 'state', r.state, 'due_at', r.due_at,
                                    'progress_status', r.progress_status) AS current_report
             ${currentReportSql('x.id', 'x.role', 'x.unit_id')}) cr ON true
         LEFT JOIN LATERAL (
           SELECT json_agg(json_build_object('id', u2.id, 'name', u2.name, 'role', a2.role) ORDER BY a2.ordinal, u2.name) AS task_units
             FROM assignments a2 JOIN units u2 ON u2.id = a2.unit_id
            WHERE a2.task_id = x.id AND a2.state IN ${HELD}) tu ON true
        ORDER BY ${order}`,
      p.values,
    );
  }

  private assignmentWhere(p: SqlParams, q: MyTaskQuery, units: string, a = 'a'): string[] {
    const where = [
      units.startsWith('ANY') ? `${a}.unit_id = ${units}` : `${a}.unit_id IN ${units}`,
      `${a}.state IN ${HELD}`,
    ];
    if (q.role) where.push(`${a}.role = ${p.add(q.role)}`);
    if (q.ackState) where.push(`${a}.state = ${p.add(q.ackState)}`);
    return where;
  }

  private taskWhere(p: SqlParams, q: MyTaskQuery, today?: string): string[] {
    const where: string[] = [];
    if (q.documentId) where.push(`t.document_id = ${p.add(q.documentId)}`);
    if (q.status) where.push(`t.state = ${p.add(q.status)}`);
    if (q.dueBefore) where.push(`t.deadline_on < ${p.add(q.dueBefore)}::date`);
    if (q.overdue !== undefined) {
      const day = today ?? p.add(q.today);
      where.push(
        q.overdue
          ? `t.state = 'open' AND t.deadline_on < ${day}::date`
          : `NOT (t.state = 'open' AND t.deadline_on IS NOT NULL AND t.deadline_on < ${day}::date)`,
      );
    }
    return where;
  }

  /** The same order for the inner page and the outer statement (over the page's column names). */
  private orderBy(sort: MyTaskSort, dir: string, x: string): string {
    const tail = `${x}.role, ${x}.assignment_id`;
    switch (sort) {
      case 'deadline':
        return `${x}.s_deadline_on ${dir} NULLS LAST, ${x}.s_issued_on NULLS LAST, ${x}.document_id, ${x}.s_ordinal, ${tail}`;
      case 'document':
        return `${x}.document_title ${dir} NULLS LAST, ${x}.document_id ${dir}, ${x}.s_ordinal, ${tail}`;
      default:
        return `${x}.s_issued_on ${dir} NULLS LAST, ${x}.document_id ${dir}, ${x}.s_ordinal ${dir}, ${tail}`;
    }
  }
}
