import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, CLOCK, ProgressStatus, ReportState, shanghaiDate } from '@tracker/domain';
import { MyTaskQuery, MyTaskRow, MyTasksRepository, SqlParams } from '@tracker/database';
import { DataSource, EntityManager } from 'typeorm';
import {
  AccessScope,
  AccessService,
  HELD_ASSIGNMENT_STATES,
  UNIT_CHAIN_SQL,
} from '../access/access.service';
import { Actor, hasRole } from '../access/actor';
import {
  AssignmentView,
  TaskHistoryEntry,
  MyTask,
  MyTaskFilter,
  TaskNoticeView,
  PagedResult,
  TaskReportView,
  TaskDetail,
  TaskFilter,
  taskNumber,
  TaskSummary,
  UnitRef,
} from './task-read-models';

export { SqlParams };

interface TaskRow {
  id: string;
  document_id: string;
  document_title: string | null;
  path: string[];
  heading: string;
  deadline_on: string | null;
  deadline_text: string | null;
  state: TaskSummary['state'];
  is_overdue: boolean;
}

interface AssignmentRow {
  id: string;
  task_id: string;
  unit_id: string;
  unit_name: string;
  role: AssignmentView['role'];
  state: AssignmentView['state'];
  acknowledged_at: Date | null;
  declined_at: Date | null;
  decline_reason: string | null;
  created_at: Date;
}

export const TASK_COLUMNS = `t.id, t.document_id, d.title AS document_title, t.path, t.heading,
  to_char(t.deadline_on, 'YYYY-MM-DD') AS deadline_on, t.deadline_text, t.state`;

export const ASSIGNMENT_COLUMNS = `a.id, a.task_id, a.unit_id, un.name AS unit_name, a.role, a.state,
  a.acknowledged_at, a.declined_at, a.decline_reason, a.created_at`;

export function toAssignmentView(r: AssignmentRow): AssignmentView {
  return {
    id: r.id,
    taskId: r.task_id,
    unit: { id: r.unit_id, name: r.unit_name },
    role: r.role,
    state: r.state,
    acknowledgedAt: r.acknowledged_at,
    declinedAt: r.declined_at,
    declineReason: r.decline_reason,
    createdAt: r.created_at,
  };
}

const MAX_PAGE_SIZE = 100;

/** Reads of tasks, always filtered in SQL by what the actor may see. */
@Injectable()
export class TasksService {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  /** Tasks the actor may see: all for office and leader, the unit's own for an agency member. */
  async list(actor: Actor, filter: TaskFilter): Promise<PagedResult<TaskSummary>> {
    const em = this.dataSource.manager;
    const scope = await this.access.scope(em, actor);
    const p = new SqlParams();
    const todayValue = shanghaiDate(this.clock.now());
    const where = ['t.is_task', ...this.taskFilters(p, filter, () => p.add(todayValue))];
    where.push(this.scopeClause(p, scope));
    if (filter.unitId) {
      where.push(`EXISTS (SELECT 1 FROM assignments a WHERE a.task_id = t.id AND a.state IN ${HELD_ASSIGNMENT_STATES}
        AND a.unit_id IN (${UNIT_CHAIN_SQL.replace('$1', p.add(filter.unitId))}))`);
    }
    const { page, pageSize } = paging(filter);
    // The count is its own statement over the tasks alone: a window count over the page query
    // would join and order every matching task before taking one page.
    const [{ total }] = (await em.query(
      `SELECT count(*)::int AS total FROM tasks t WHERE ${where.join(' AND ')}`,
      p.values,
    )) as { total: number }[];
    const offset = (page - 1) * pageSize;
    const rows: TaskRow[] =
      offset >= total
        ? []
        : await em.query(
            `SELECT ${TASK_COLUMNS}, (t.state = 'open' AND t.deadline_on < ${p.add(todayValue)}::date) AS is_overdue
               FROM tasks t JOIN policy_documents d ON d.id = t.document_id
              WHERE ${where.join(' AND ')}
              ORDER BY ${orderBy(filter)}
              LIMIT ${p.add(pageSize)} OFFSET ${p.add(offset)}`,
            p.values,
          );
    const units = await this.unitsOf(
      em,
      rows.map((r) => r.id),
    );
    return { items: rows.map((r) => toSummary(r, units.get(r.id) ?? [])), total, page, pageSize };
  }

  /**
   * An agency member's assignments with their tasks: as lead, as support, or both. Two
   * statements whatever the unit's size: the count (with the unit chain), then the page with
   * each row's current report and the task's units (MyTasksRepository).
   */
  async listMine(actor: Actor, filter: MyTaskFilter): Promise<PagedResult<MyTask>> {
    const { page, pageSize } = paging(filter);
    if (!actor.unitId || !hasRole(actor, 'agency')) return { items: [], total: 0, page, pageSize };
    const repo = new MyTasksRepository(this.dataSource.manager);
    const query: MyTaskQuery = {
      unitId: actor.unitId,
      today: shanghaiDate(this.clock.now()),
      role: filter.role,
      ackState: filter.ackState,
      documentId: filter.documentId,
      status: filter.status,
      dueBefore: filter.dueBefore,
      overdue: filter.overdue,
      sort: filter.sort ?? 'number',
      order: filter.order === 'desc' ? 'desc' : 'asc',
      offset: (page - 1) * pageSize,
      limit: pageSize,
    };
    const { unitIds, total } = await repo.count(query);
    const rows = await repo.page({ ...query, unitIds, total });
    return { items: rows.map(toMyTask), total, page, pageSize };
  }

  /** One task with its assignments, reports, notices and history; 404 when missing or not the actor's. */
  async findOne(actor: Actor, taskId: string): Promise<TaskDetail> {
    const em = this.dataSource.manager;
    await this.access.requireTask(em, actor, taskId);
    const today = shanghaiDate(this.clock.now());
    const [row]: (TaskRow & {
      body: string;
      targets: TaskDetail['targets'];
      doc_number: string | null;
      issuer: string | null;
    })[] = await em.query(
      `SELECT ${TASK_COLUMNS}, t.body, t.targets, d.doc_number, d.issuer,
                (t.state = 'open' AND t.deadline_on < $2::date) AS is_overdue
           FROM tasks t JOIN policy_documents d ON d.id = t.document_id WHERE t.id = $1`,
      [taskId, today],
    );
    const assignments = (
      await em.query(
        `SELECT ${ASSIGNMENT_COLUMNS} FROM assignments a JOIN units un ON un.id = a.unit_id
          WHERE a.task_id = $1 ORDER BY a.role, a.ordinal, un.name`,
        [taskId],
      )
    ).map(toAssignmentView) as AssignmentView[];
    const reports = await this.reportsOf(em, taskId);
    const notices = await this.noticesOf(em, taskId);
    const history = await this.historyOf(
      em,
      taskId,
      assignments.map((a) => a.id),
    );
    const held = assignments.filter((a) => a.state !== 'reassigned');
    // The agency's own: held by its unit or a former name of it, lead before support (the order above).
    const chain = await this.access.unitChain(em, actor);
    const yours = held.find((a) => chain.includes(a.unit.id)) ?? null;
    return {
      ...toSummary(row, held),
      yourAssignmentId: yours?.id ?? null,
      body: row.body,
      targets: row.targets,
      document: {
        id: row.document_id,
        title: row.document_title,
        docNumber: row.doc_number,
        issuer: row.issuer,
      },
      assignments,
      reports,
      notices,
      history,
    };
  }

  private taskFilters(
    p: SqlParams,
    filter: TaskFilter | MyTaskFilter,
    today: () => string,
  ): string[] {
    const where: string[] = [];
    if (filter.documentId) where.push(`t.document_id = ${p.add(filter.documentId)}`);
    if (filter.status) where.push(`t.state = ${p.add(filter.status)}`);
    if (filter.dueBefore) where.push(`t.deadline_on < ${p.add(filter.dueBefore)}::date`);
    if (filter.overdue === true)
      where.push(`t.state = 'open' AND t.deadline_on < ${today()}::date`);
    if (filter.overdue === false)
      where.push(
        `NOT (t.state = 'open' AND t.deadline_on IS NOT NULL AND t.deadline_on < ${today()}::date)`,
      );
    return where;
  }

  private scopeClause(p: SqlParams, scope: AccessScope): string {
    if (scope.all) return 'TRUE';
    return `EXISTS (SELECT 1 FROM assignments a WHERE a.task_id = t.id AND a.state IN ${HELD_ASSIGNMENT_STATES}
      AND a.unit_id = ANY(${p.add(scope.unitIds)}::uuid[]))`;
  }

  /** Current (not reassigned) assignments of some tasks, for their lead and support columns. */
  private async unitsOf(
    em: EntityManager,
    taskIds: string[],
  ): Promise<Map<string, AssignmentView[]>> {
    const out = new Map<string, AssignmentView[]>();
    if (taskIds.length === 0) return out;
    const rows: AssignmentRow[] = await em.query(
      `SELECT ${ASSIGNMENT_COLUMNS} FROM assignments a JOIN units un ON un.id = a.unit_id
        WHERE a.task_id = ANY($1::uuid[]) AND a.state IN ${HELD_ASSIGNMENT_STATES}
        ORDER BY a.ordinal, un.name`,
      [taskIds],
    );
    for (const r of rows) out.set(r.task_id, [...(out.get(r.task_id) ?? []), toAssignmentView(r)]);
    return out;
  }

  private async reportsOf(em: EntityManager, taskId: string): Promise<TaskReportView[]> {
    const rows: {
      id: string;
      cycle_id: string;
      has_bulletin: boolean;
      period: string;
      unit_id: string;
      unit_name: string;
      state: TaskReportView['state'];
      due_at: Date;
      progress_status: TaskReportView['progressStatus'];
      progress_percent: number | null;
      narrative: string | null;
      problems: string | null;
      next_steps: string | null;
      submitted_at: Date | null;
      reviewed_at: Date | null;
    }[] = await em.query(
      `SELECT r.id, r.cycle_id, EXISTS (SELECT 1 FROM bulletins b WHERE b.cycle_id = r.cycle_id) AS has_bulletin, c.period, r.unit_id, un.name AS unit_name, r.state, r.due_at, r.progress_status, r.progress_percent,
              r.narrative, r.problems, r.next_steps, r.submitted_at, r.reviewed_at
         FROM status_reports r JOIN reporting_cycles c ON c.id = r.cycle_id JOIN units un ON un.id = r.unit_id
        WHERE r.task_id = $1 ORDER BY c.opens_at DESC, un.name`,
      [taskId],
    );
    return rows.map((r) => ({
      id: r.id,
      cycleId: r.cycle_id,
      hasBulletin: r.has_bulletin,
      period: r.period,
      unit: { id: r.unit_id, name: r.unit_name },
      state: r.state,
      dueAt: r.due_at,
      progressStatus: r.progress_status,
      progressPercent: r.progress_percent,
      narrative: r.narrative,
      problems: r.problems,
      nextSteps: r.next_steps,
      submittedAt: r.submitted_at,
      reviewedAt: r.reviewed_at,
    }));
  }

  private async noticesOf(em: EntityManager, taskId: string): Promise<TaskNoticeView[]> {
    const rows: {
      id: string;
      kind: string;
      level: number;
      colour: string;
      title: string;
      unit_id: string | null;
      unit_name: string | null;
      created_at: Date;
    }[] = await em.query(
      `SELECT n.id, n.kind, n.level, n.colour, n.title, n.unit_id, un.name AS unit_name, n.created_at
           FROM notices n LEFT JOIN units un ON un.id = n.unit_id
          WHERE n.task_id = $1 ORDER BY n.created_at DESC LIMIT 200`,
      [taskId],
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      level: r.level,
      colour: r.colour,
      title: r.title,
      unit: r.unit_id ? { id: r.unit_id, name: r.unit_name ?? '' } : null,
      createdAt: r.created_at,
    }));
  }

  /**
   * One timeline of everything that happened to the task: audited changes of the task, its
   * assignments, its reports, their extension requests and escalations, and the rungs the ladder
   * raised (escalations are the ladder's own record: system entries with no actor).
   */
  private async historyOf(
    em: EntityManager,
    taskId: string,
    assignmentIds: string[],
  ): Promise<TaskHistoryEntry[]> {
    const rows: {
      at: Date;
      action: string;
      actor_id: string | null;
      actor_name: string | null;
      target_type: string;
      target_id: string;
      before: TaskHistoryEntry['before'];
      after: TaskHistoryEntry['after'];
    }[] = await em.query(
      `WITH report_ids AS (SELECT id::text AS id FROM status_reports WHERE task_id = $1::uuid),
              extension_ids AS (SELECT x.id::text AS id FROM extension_requests x WHERE x.task_id = $1::uuid),
              escalation_ids AS (SELECT e.id::text AS id FROM escalations e WHERE e.task_id = $1::uuid)
         SELECT * FROM (
           SELECT l.at, l.action, l.actor_id, u.display_name AS actor_name, l.target_type, l.target_id, l.before, l.after, l.id::text AS ord
             FROM audit_log l LEFT JOIN users u ON u.id = l.actor_id
            WHERE (l.target_type = 'task' AND l.target_id = $1::uuid::text)
               OR (l.target_type = 'assignment' AND l.target_id = ANY($2::text[]))
               OR (l.target_type = 'status_report' AND l.target_id IN (SELECT id FROM report_ids))
               OR (l.target_type = 'extension_request' AND l.target_id IN (SELECT id FROM extension_ids))
               OR (l.target_type = 'escalation' AND l.target_id IN (SELECT id FROM escalation_ids))
           UNION ALL
           SELECT e.raised_at AS at, 'escalation.raise' AS action, NULL AS actor_id, NULL AS actor_name,
                  'escalation' AS target_type, e.id::text AS target_id, NULL::jsonb AS before,
                  jsonb_build_object('level', e.level, 'unitId', e.unit_id, 'unitName', un.name, 'reportId', e.report_id) AS after,
                  e.id::text AS ord
             FROM escalations e JOIN units un ON un.id = e.unit_id WHERE e.task_id = $1::uuid
         ) h ORDER BY h.at, h.ord LIMIT 1000`,
      [taskId, assignmentIds],
    );
    return rows.map((r) => ({
      at: new Date(r.at),
      action: r.action,
      actorId: r.actor_id,
      actorName: r.actor_name,
      targetType: r.target_type,
      targetId: r.target_id,
      before: r.before,
      after: r.after,
    }));
  }
}

function paging(filter: { page?: number; pageSize?: number }): { page: number; pageSize: number } {
  return {
    page: Math.max(1, filter.page ?? 1),
    pageSize: Math.min(MAX_PAGE_SIZE, Math.max(1, filter.pageSize ?? 20)),
  };
}

function orderBy(filter: TaskFilter | MyTaskFilter): string {
  const dir = filter.order === 'desc' ? 'DESC' : 'ASC';
  const byNumber = `d.issued_on ${dir} NULLS LAST, d.id ${dir}, t.ordinal ${dir}`;
  switch (filter.sort ?? 'number') {
    case 'deadline':
      return `t.deadline_on ${dir} NULLS LAST, d.issued_on NULLS LAST, d.id, t.ordinal`;
    case 'document':
      return `d.title ${dir} NULLS LAST, d.id ${dir}, t.ordinal`;
    default:
      return byNumber;
  }
}

function toSummary(r: TaskRow, assignments: AssignmentView[]): TaskSummary {
  const ref = (a: AssignmentView): UnitRef => a.unit;
  return {
    id: r.id,
    documentId: r.document_id,
    documentTitle: r.document_title,
    number: taskNumber(r.path),
    path: r.path,
    heading: r.heading,
    deadlineOn: r.deadline_on,
    deadlineText: r.deadline_text,
    state: r.state,
    isOverdue: r.is_overdue,
    leadUnits: assignments.filter((a) => a.role === 'lead').map(ref),
    supportUnits: assignments.filter((a) => a.role === 'support').map(ref),
  };
}

function toMyTask(r: MyTaskRow): MyTask {
  const units = r.task_units ?? [];
  const report = r.current_report;
  return {
    assignment: {
      id: r.assignment_id,
      taskId: r.id,
      unit: { id: r.unit_id, name: r.unit_name },
      role: r.role as AssignmentView['role'],
      state: r.assignment_state as AssignmentView['state'],
      acknowledgedAt: r.acknowledged_at,
      declinedAt: r.declined_at,
      declineReason: r.decline_reason,
      createdAt: r.created_at,
    },
    task: {
      id: r.id,
      documentId: r.document_id,
      documentTitle: r.document_title,
      number: taskNumber(r.path),
      path: r.path,
      heading: r.heading,
      deadlineOn: r.deadline_on,
      deadlineText: r.deadline_text,
      state: r.state as TaskSummary['state'],
      isOverdue: r.is_overdue,
      leadUnits: units.filter((u) => u.role === 'lead').map(({ id, name }) => ({ id, name })),
      supportUnits: units.filter((u) => u.role === 'support').map(({ id, name }) => ({ id, name })),
    },
    currentReport: report
      ? {
          id: report.id,
          period: report.period,
          state: report.state as ReportState,
          dueAt: new Date(report.due_at),
          progressStatus: report.progress_status as ProgressStatus | null,
        }
      : null,
  };
}
