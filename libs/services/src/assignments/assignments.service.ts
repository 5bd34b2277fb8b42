import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, CLOCK } from '@tracker/domain';
import {
  Assignment,
  AssignmentsRepository,
  ExtensionsRepository,
  ReportsRepository,
  Task,
  Unit,
} from '@tracker/database';
import { DataSource, EntityManager, In } from 'typeorm';
import { AccessError } from '../access/access.errors';
import { AccessService } from '../access/access.service';
import { Actor, hasRole } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { requireQueue } from '../queue-deadline';
import { LadderJobsService, startAckLadders } from '../ladder/ladder-jobs.service';
import { NoticesService } from '../notices/notices.service';
import { AssignmentView, taskNumber, toAssignmentView } from '../tasks/task-read-models';
import { AssignmentError } from './assignments.errors';

export interface ReassignResult {
  declined: AssignmentView;
  created: AssignmentView[];
}

const snapshot = (a: Assignment): Record<string, unknown> => ({
  state: a.state,
  unitId: a.unitId,
  role: a.role,
  acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
  declinedAt: a.declinedAt?.toISOString() ?? null,
  declineReason: a.declineReason,
});

/** 签收 and 退回: a unit acknowledges or declines its assignment; the office reassigns a declined one. */
@Injectable()
export class AssignmentsService {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly notices: NoticesService,
    private readonly ladderJobs: LadderJobsService,
  ) {}

  private readonly logger = new Logger(AssignmentsService.name);

  /** Acknowledging twice is harmless: the second call changes nothing and writes no audit entry. */
  async acknowledge(actor: Actor, assignmentId: string): Promise<AssignmentView> {
    return this.dataSource.transaction((em) => this.acknowledgeWithin(em, actor, assignmentId));
  }

  /** The acknowledgement inside the caller's transaction (the email link spends its token in the same one). */
  async acknowledgeWithin(
    em: EntityManager,
    actor: Actor,
    assignmentId: string,
  ): Promise<AssignmentView> {
    const a = await this.lockOwn(em, actor, assignmentId);
    if (a.state === 'acknowledged') return this.view(em, assignmentId);
    if (a.state !== 'pending') {
      throw new AssignmentError(
        'ASSIGNMENT_STATE_CONFLICT',
        `Assignment ${a.id} is ${a.state} and can no longer be acknowledged`,
      );
    }
    const before = snapshot(a);
    a.state = 'acknowledged';
    a.acknowledgedAt = this.clock.now();
    a.acknowledgedBy = actor.id;
    await em
      .getRepository(Assignment)
      .update(
        { id: a.id },
        { state: a.state, acknowledgedAt: a.acknowledgedAt, acknowledgedBy: actor.id },
      );
    await this.record(em, actor, 'assignment.acknowledge', a.id, before, snapshot(a));
    return this.view(em, assignmentId);
  }

  /** Declines with a reason; the office is told in-app in the same transaction and decides on a reassignment. */
  async decline(actor: Actor, assignmentId: string, reason: string): Promise<AssignmentView> {
    await this.dataSource.transaction(async (em) => {
      const a = await this.lockOwn(em, actor, assignmentId);
      if (a.state !== 'pending' && a.state !== 'acknowledged') {
        throw new AssignmentError(
          'ASSIGNMENT_STATE_CONFLICT',
          `Assignment ${a.id} is ${a.state} and cannot be declined`,
        );
      }
      const before = snapshot(a);
      const now = this.clock.now();
      a.state = 'declined';
      a.declinedAt = now;
      a.declineReason = reason.trim();
      await em
        .getRepository(Assignment)
        .update({ id: a.id }, { state: a.state, declinedAt: now, declineReason: a.declineReason });
      await this.record(em, actor, 'assignment.decline', a.id, before, snapshot(a));
      await this.noticeOffice(em, a, now);
    });
    return this.view(this.dataSource.manager, assignmentId);
  }

  /** Declined assignments waiting for the office. */
  async listDeclined(): Promise<AssignmentView[]> {
    return (await new AssignmentsRepository(this.dataSource.manager).declined()).map(
      toAssignmentView,
    );
  }

  /**
   * The office hands a declined assignment to other units: the declined one becomes `reassigned`
   * and each unit gets a new pending assignment in the same role. All of it is audited.
   */
  async reassign(
    actor: Actor,
    assignmentId: string,
    unitIds: string[],
    note?: string,
  ): Promise<ReassignResult> {
    if (!hasRole(actor, 'office'))
      throw new AccessError('FORBIDDEN', 'Only the office reassigns tasks');
    await requireQueue(this.ladderJobs, 'assignment.reassign');
    const { createdIds, documentId } = await this.dataSource.transaction(async (em) => {
      const a = await em
        .getRepository(Assignment)
        .findOne({ where: { id: assignmentId }, lock: { mode: 'pessimistic_write' } });
      if (!a)
        throw new AssignmentError('ASSIGNMENT_NOT_FOUND', `Assignment ${assignmentId} not found`);
      if (a.state !== 'declined') {
        throw new AssignmentError(
          'ASSIGNMENT_STATE_CONFLICT',
          `Assignment ${a.id} is ${a.state}; only a declined assignment can be reassigned`,
        );
      }
      const wanted = [...new Set(unitIds)];
      const units = await em.getRepository(Unit).findBy({ id: In(wanted) });
      const missing = wanted.filter((id) => !units.some((u) => u.id === id));
      if (missing.length)
        throw new AssignmentError('UNIT_NOT_FOUND', `Unit ${missing.join(', ')} not found`);
      const taken = await em
        .getRepository(Assignment)
        .findBy({ taskId: a.taskId, unitId: In(wanted) });
      if (taken.length) {
        const names = taken.map((t) => units.find((u) => u.id === t.unitId)?.name ?? t.unitId);
        throw new AssignmentError(
          'ASSIGNMENT_STATE_CONFLICT',
          `Task ${a.taskId} is already assigned to ${names.join('、')}`,
        );
      }
      const before = snapshot(a);
      await em.getRepository(Assignment).update({ id: a.id }, { state: 'reassigned' });
      a.state = 'reassigned';
      const ids: string[] = [];
      for (const unitId of wanted) {
        const inserted = await em.getRepository(Assignment).insert({
          taskId: a.taskId,
          unitId,
          role: a.role,
          state: 'pending',
          ordinal: a.ordinal,
          createdAt: this.clock.now(),
        });
        const id = String(inserted.identifiers[0]?.id);
        ids.push(id);
        await this.record(em, actor, 'assignment.create', id, null, {
          taskId: a.taskId,
          unitId,
          role: a.role,
          state: 'pending',
          reassignedFrom: a.id,
        });
      }
      if (a.role === 'lead') await this.moveOpenReports(em, actor, a, wanted);
      await this.record(em, actor, 'assignment.reassign', a.id, before, {
        ...snapshot(a),
        reassignedTo: wanted,
        note: note ?? null,
      });
      const task = await em
        .getRepository(Task)
        .findOneOrFail({ where: { id: a.taskId }, select: { id: true, documentId: true } });
      return { createdIds: ids, documentId: task.documentId };
    });
    // After commit: a new supporting unit gets its acknowledgement request.
    await startAckLadders(this.ladderJobs, this.logger, documentId, `reassign-${assignmentId}`);
    const em = this.dataSource.manager;
    return {
      declined: await this.view(em, assignmentId),
      created: await Promise.all(createdIds.map((id) => this.view(em, id))),
    };
  }

  /**
   * A reassigned lead's open reports (not accepted, in a cycle still open) go to the new lead in the
   * reassignment's transaction, with their draft content and pending extension requests; the
   * calendar follows (it reads the report's unit). The report keeps its id, due time and ladder
   * epoch, so its ladder job carries on and its next rung tells the new lead. A second new lead
   * unit gets a fresh report of its own in the same cycles (the reconcile gives it its ladder).
   */
  private async moveOpenReports(
    em: EntityManager,
    actor: Actor,
    from: Assignment,
    toUnits: string[],
  ): Promise<void> {
    const [first, ...others] = toUnits;
    const reports = new ReportsRepository(em);
    const ids = await reports.moveOpenToUnit(from.taskId, from.unitId, first, this.clock.now());
    if (ids.length === 0) return;
    await new ExtensionsRepository(em).movePendingToUnit(ids, first);
    for (const unitId of others) await reports.copyToUnit(ids, unitId);
    for (const id of ids) {
      await this.audit.record(em, {
        actorId: actor.id,
        actorUnitId: actor.unitId,
        action: 'report.move',
        targetType: 'status_report',
        targetId: id,
        before: { unitId: from.unitId },
        after: { unitId: first, reassignment: from.id },
        channel: actor.channel,
        requestId: actor.requestId,
      });
    }
  }

  /** Locks an assignment of the actor's unit chain; another unit's gives the same 404 as a missing one. */
  private async lockOwn(
    em: EntityManager,
    actor: Actor,
    assignmentId: string,
  ): Promise<Assignment> {
    const unitIds = await this.access.unitChain(em, actor);
    const a = unitIds.length
      ? await em.getRepository(Assignment).findOne({
          where: { id: assignmentId, unitId: In(unitIds) },
          lock: { mode: 'pessimistic_write' },
        })
      : null;
    if (!a)
      throw new AssignmentError('ASSIGNMENT_NOT_FOUND', `Assignment ${assignmentId} not found`);
    return a;
  }

  private async view(em: EntityManager, id: string): Promise<AssignmentView> {
    const row = await new AssignmentsRepository(em).view(id);
    if (!row) throw new AssignmentError('ASSIGNMENT_NOT_FOUND', `Assignment ${id} not found`);
    return toAssignmentView(row);
  }

  private record(
    em: EntityManager,
    actor: Actor,
    action: string,
    id: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record(em, {
      actorId: actor.id,
      actorUnitId: actor.unitId,
      action,
      targetType: 'assignment',
      targetId: id,
      before,
      after,
      channel: actor.channel,
      requestId: actor.requestId,
    });
  }

  /** A `decline` notice for the office: in the inbox of each office account, and by email (NoticesService). */
  private async noticeOffice(em: EntityManager, a: Assignment, now: Date): Promise<void> {
    const task = await em.getRepository(Task).findOneByOrFail({ id: a.taskId });
    const unit = await em.getRepository(Unit).findOneByOrFail({ id: a.unitId });
    const number = taskNumber(task.path);
    await this.notices.raise(em, {
      dedupKey: `decline/${a.id}/${now.toISOString()}`,
      kind: 'decline',
      level: 0,
      colour: 'yellow',
      taskId: a.taskId,
      unitId: a.unitId,
      assignmentId: a.id,
      text: {
        title: `${unit.name}退回任务${number}`,
        body: `${unit.name}退回了任务 ${number}「${task.heading}」（${a.role === 'lead' ? '牵头' : '配合'}），理由：${a.declineReason}。请办公室重新分配。`,
        titleEn: `${unit.name} declined task ${number}`,
        bodyEn: `${unit.name} declined task ${number} (${a.role}). Reason: ${a.declineReason}. The office decides on a reassignment.`,
      },
      clause: null,
      recipients: { roles: ['office'] },
    });
  }
}
