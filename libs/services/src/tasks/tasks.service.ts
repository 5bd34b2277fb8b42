import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, CLOCK, ProgressStatus, ReportState, shanghaiDate } from '@tracker/domain';
import {
  AssignmentsRepository,
  MyTaskQuery,
  MyTaskRow,
  MyTasksRepository,
  TaskRow,
  TasksRepository,
} from '@tracker/database';
import { DataSource } from 'typeorm';
import { AccessError } from '../access/access.errors';
import { AccessService } from '../access/access.service';
import { Actor, hasRole } from '../access/actor';
import {
  AssignmentView,
  MyTask,
  MyTaskFilter,
  PagedResult,
  TaskDetail,
  TaskFilter,
  taskNumber,
  TaskSummary,
  toAssignmentView,
  UnitRef,
} from './task-read-models';

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
    const { page, pageSize } = paging(filter);
    const tasks = new TasksRepository(em);
    const query = {
      today: shanghaiDate(this.clock.now()),
      unitIds: scope.all ? null : scope.unitIds,
      heldBy: filter.unitId,
      documentId: filter.documentId,
      status: filter.status,
      dueBefore: filter.dueBefore,
      overdue: filter.overdue,
      sort: filter.sort ?? 'number',
      order: filter.order === 'desc' ? ('desc' as const) : ('asc' as const),
      offset: (page - 1) * pageSize,
      limit: pageSize,
    };
    const total = await tasks.count(query);
    const rows = query.offset >= total ? [] : await tasks.page(query);
    const units = await this.unitsOf(rows.map((r) => r.id));
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
    const tasks = new TasksRepository(em);
    const row = await tasks.detail(taskId, shanghaiDate(this.clock.now()));
    // Deleted between the access check and the read: the same answer as a missing task.
    if (!row) throw new AccessError('TASK_NOT_FOUND', `Task ${taskId} not found`);
    const assignments = (await new AssignmentsRepository(em).ofTask(taskId)).map(toAssignmentView);
    const reports = (await tasks.reports(taskId)).map(({ unitId, unitName, ...r }) => ({
      ...r,
      unit: { id: unitId, name: unitName },
    }));
    const notices = (await tasks.notices(taskId)).map(({ unitId, unitName, ...n }) => ({
      ...n,
      unit: unitId ? { id: unitId, name: unitName ?? '' } : null,
    }));
    const history = await tasks.history(
      taskId,
      assignments.map((a) => a.id),
    );
    const held = assignments.filter((a) => a.state !== 'reassigned');
    // The agency's own: held by its unit or a former name of it, lead before support (the order above).
    const chain = await this.access.unitChain(em, actor);
    const yours = held.find((a) => chain.includes(a.unit.id)) ?? null;
    // A unit that declined keeps the page (what it declined and why) but has no report to work on.
    const yourReportId =
      yours && yours.state !== 'declined'
        ? await tasks.currentReportId(taskId, yours.role, yours.unit.id)
        : null;
    return {
      ...toSummary(row, held),
      yourAssignmentId: yours?.id ?? null,
      yourReportId,
      body: row.body,
      targets: row.targets,
      document: {
        id: row.documentId,
        title: row.documentTitle,
        docNumber: row.docNumber,
        issuer: row.issuer,
      },
      assignments,
      reports,
      notices,
      history,
    };
  }

  /** Current (not reassigned) assignments of some tasks, for their lead and support columns. */
  private async unitsOf(taskIds: string[]): Promise<Map<string, AssignmentView[]>> {
    const out = new Map<string, AssignmentView[]>();
    if (taskIds.length === 0) return out;
    const rows = await new AssignmentsRepository(this.dataSource.manager).heldOfTasks(taskIds);
    for (const r of rows) out.set(r.taskId, [...(out.get(r.taskId) ?? []), toAssignmentView(r)]);
    return out;
  }
}

function paging(filter: { page?: number; pageSize?: number }): { page: number; pageSize: number } {
  return {
    page: Math.max(1, filter.page ?? 1),
    pageSize: Math.min(MAX_PAGE_SIZE, Math.max(1, filter.pageSize ?? 20)),
  };
}

function toSummary(r: TaskRow, assignments: AssignmentView[]): TaskSummary {
  const ref = (a: AssignmentView): UnitRef => a.unit;
  return {
    id: r.id,
    documentId: r.documentId,
    documentTitle: r.documentTitle,
    number: taskNumber(r.path),
    path: r.path,
    heading: r.heading,
    deadlineOn: r.deadlineOn,
    deadlineText: r.deadlineText,
    state: r.state,
    isOverdue: r.isOverdue,
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
