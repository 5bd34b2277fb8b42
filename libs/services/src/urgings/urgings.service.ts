import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addDays, Clock, CLOCK, shanghaiDate } from '@tracker/domain';
import { UrgingRow, UrgingsRepository } from '@tracker/database';
import { URGE_TEXT } from '@tracker/notify';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Actor, hasRole } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { NoticesService } from '../notices/notices.service';
import { taskNumber } from '../tasks/task-read-models';
import { UrgingError } from './urgings.errors';

export interface UrgingView {
  id: string;
  taskId: string;
  unit: { id: string; name: string };
  urgedBy: { id: string; name: string | null };
  comment: string | null;
  urgedOn: string;
  urgedAt: Date;
  noticeId: string | null;
}

const toView = (r: UrgingRow): UrgingView => ({
  id: r.id,
  taskId: r.task_id,
  unit: { id: r.unit_id, name: r.unit_name },
  urgedBy: { id: r.urged_by, name: r.urger_name },
  comment: r.comment,
  urgedOn: r.urged_on,
  urgedAt: new Date(r.urged_at),
  noticeId: r.notice_id,
});

/**
 * 催办: the office urges a unit on a task with one click. The unit's members get a notice that is
 * mailed at once (kind `urge` cannot be switched off); the urging is audited on the task, so it
 * shows on the task's timeline. A task and unit are urged at most once per business day.
 */
@Injectable()
export class UrgingsService {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly notices: NoticesService,
    private readonly audit: AuditService,
  ) {}

  async urge(
    actor: Actor,
    taskId: string,
    unitId: string,
    comment: string | null,
  ): Promise<UrgingView> {
    if (!hasRole(actor, 'office'))
      throw new UrgingError('FORBIDDEN', 'Only the office urges units');
    const id = await this.dataSource.transaction(async (em) => {
      const repo = new UrgingsRepository(em);
      await this.access.requireTask(em, actor, taskId);
      const target = await repo.target(taskId, unitId);
      if (!target)
        throw new UrgingError(
          'URGE_TARGET_INVALID',
          `Unit ${unitId} holds no pending or acknowledged part of task ${taskId}`,
        );
      if (target.task_state !== 'open')
        throw new UrgingError('URGE_TARGET_INVALID', `Task ${taskId} is ${target.task_state}`);
      const now = this.clock.now();
      const today = shanghaiDate(now);
      const urgingId = await repo.insertForDay({
        taskId,
        unitId,
        urgedBy: actor.id,
        comment,
        urgedOn: today,
        urgedAt: now,
      });
      if (!urgingId) {
        throw new UrgingError(
          'URGE_LIMITED',
          `Unit ${unitId} was already urged on task ${taskId} on ${today}`,
          { nextAllowedOn: addDays(today, 1) },
        );
      }
      const notice = await this.notices.raise(em, {
        dedupKey: `urge/${urgingId}`,
        kind: 'urge',
        level: 1,
        colour: 'yellow',
        text: URGE_TEXT({
          documentTitle: target.document_title,
          taskLabel: taskNumber(target.path),
          taskHeading: target.heading,
          unitName: target.unit_name,
          comment,
        }),
        clause: null,
        recipients: { unitMembers: [unitId] },
        taskId,
        unitId,
      });
      await repo.setNotice(urgingId, notice.id);
      await this.audit.byActor(em, actor, {
        action: 'task.urge',
        targetType: 'task',
        targetId: taskId,
        after: {
          urgingId,
          unitId,
          unitName: target.unit_name,
          role: target.role,
          comment,
          noticeId: notice.id,
        },
      });
      return urgingId;
    });
    return toView((await new UrgingsRepository(this.dataSource.manager).findOne(id)) as UrgingRow);
  }

  /** A task's urgings: every unit's for the office and leaders, the unit's own for an agency member. */
  async listForTask(actor: Actor, taskId: string): Promise<UrgingView[]> {
    const em = this.dataSource.manager;
    await this.access.requireTask(em, actor, taskId);
    const scope = await this.access.scope(em, actor);
    const rows = await new UrgingsRepository(em).listForTask(
      taskId,
      scope.all ? null : scope.unitIds,
    );
    return rows.map(toView);
  }
}
