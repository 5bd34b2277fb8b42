import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  Clock,
  CLOCK,
  rollUpSubtasks,
  shanghaiDate,
  StatusColour,
  subtaskColour,
  SubtaskRollUp,
  SubtaskStatus,
  TargetFigure,
} from '@tracker/domain';
import { renderSubtaskMail } from '@tracker/notify';
import {
  MailOutboxRepository,
  ReportsRepository,
  SubtaskFields,
  SubtaskRow,
  SubtasksRepository,
  SubtaskTaskRow,
} from '@tracker/database';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { MailOutboxService } from '../mail/mail-outbox.service';
import { holdsLead } from '../reports/lead-holder';
import { taskNumber } from '../tasks/task-read-models';
import { SubtaskError } from './subtasks.errors';

export type SubtaskInput = SubtaskFields;

export interface SubtaskProgressInput {
  status: SubtaskStatus;
  percent: number;
  reported: TargetFigure[];
  progressNote: string | null;
}

export interface SubtaskView {
  id: string;
  taskId: string;
  unit: { id: string; name: string };
  title: string;
  ownerName: string;
  ownerEmail: string | null;
  dueOn: string;
  shares: TargetFigure[];
  note: string | null;
  status: SubtaskStatus;
  percent: number;
  reported: TargetFigure[];
  progressNote: string | null;
  progressAt: Date | null;
  /** The one status colour rule of tasks, applied to the sub-task (red: past its deadline, not done). */
  colour: StatusColour;
  isOverdue: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface SubtaskTree {
  taskId: string;
  /** Whether the actor's unit leads the task, so may hand down and record sub-tasks. */
  canWrite: boolean;
  subtasks: SubtaskView[];
}

/** The draft a report would get from its unit's sub-tasks (not saved: the lead edits, then saves). */
export interface SubtaskDraft extends SubtaskRollUp {
  reportId: string;
  subtaskCount: number;
}

/**
 * 分解下达: the lead unit of a task hands parts of it down as sub-tasks (one level), records their
 * progress, and rolls them up into its report draft. The task's own units and the office and
 * leaders read them; only the lead unit writes; every write is on the task's timeline.
 */
@Injectable()
export class SubtasksService {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly outbox: MailOutboxService,
  ) {}

  async listForTask(actor: Actor, taskId: string): Promise<SubtaskTree> {
    const em = this.dataSource.manager;
    await this.access.requireTask(em, actor, taskId);
    const repo = new SubtasksRepository(em);
    const chain = await this.access.unitChain(em, actor);
    const leads = chain.length ? await repo.leadUnitsAmong(taskId, chain) : [];
    const today = shanghaiDate(this.clock.now());
    return {
      taskId,
      canWrite: leads.length > 0,
      subtasks: (await repo.listForTask(taskId)).map((r) => toView(r, today)),
    };
  }

  async create(actor: Actor, taskId: string, input: SubtaskInput): Promise<SubtaskView> {
    const id = await this.dataSource.transaction(async (em) => {
      const { task, unitId } = await this.requireLeadOf(em, actor, taskId);
      const fields = checkFields(input, task);
      const id = await new SubtasksRepository(em).insert({
        ...fields,
        taskId,
        unitId,
        createdBy: actor.id,
        at: this.clock.now(),
      });
      await this.record(em, actor, 'subtask.create', taskId, null, { subtaskId: id, ...fields });
      if (fields.ownerEmail) await this.mailOwner(em, id, task);
      return id;
    });
    return this.view(id);
  }

  async update(actor: Actor, id: string, input: Partial<SubtaskInput>): Promise<SubtaskView> {
    await this.dataSource.transaction(async (em) => {
      const { row, task } = await this.requireWritable(em, actor, id);
      const fields = checkFields(
        {
          title: input.title ?? row.title,
          ownerName: input.ownerName ?? row.ownerName,
          ownerEmail: input.ownerEmail !== undefined ? input.ownerEmail : row.ownerEmail,
          dueOn: input.dueOn ?? row.dueOn,
          shares: input.shares ?? row.shares,
          note: input.note !== undefined ? input.note : row.note,
        },
        task,
      );
      await new SubtasksRepository(em).update(id, fields, this.clock.now());
      await this.record(em, actor, 'subtask.update', row.taskId, fieldsOf(row), {
        subtaskId: id,
        ...fields,
      });
      // A new owner's address gets the sub-task; an edit alone mails nobody.
      if (fields.ownerEmail && fields.ownerEmail !== row.ownerEmail)
        await this.mailOwner(em, id, task);
    });
    return this.view(id);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const { row } = await this.requireWritable(em, actor, id);
      await new SubtasksRepository(em).remove(id);
      await this.record(em, actor, 'subtask.delete', row.taskId, fieldsOf(row), {
        subtaskId: id,
        title: row.title,
      });
    });
  }

  async recordProgress(
    actor: Actor,
    id: string,
    input: SubtaskProgressInput,
  ): Promise<SubtaskView> {
    await this.dataSource.transaction(async (em) => {
      const { row, task } = await this.requireWritable(em, actor, id);
      const reported = checkFigures('reported', input.reported, task);
      const progress = { ...input, reported };
      await new SubtasksRepository(em).recordProgress(id, progress, this.clock.now());
      await this.record(
        em,
        actor,
        'subtask.progress',
        row.taskId,
        {
          status: row.status,
          percent: row.percent,
          reported: row.reported,
          progressNote: row.progressNote,
        },
        { subtaskId: id, title: row.title, ...progress },
      );
    });
    return this.view(id);
  }

  /**
   * The report's narrative and target values as its unit's sub-tasks give them: a Chinese summary
   * of each sub-task's progress, and per target the sum of the sub-tasks' reported values. Nothing
   * is saved: the page fills the draft with it, the lead edits and saves or submits.
   */
  async draftFromSubtasks(actor: Actor, reportId: string): Promise<SubtaskDraft> {
    const em = this.dataSource.manager;
    const report = await new ReportsRepository(em).find(reportId, false);
    if (
      !report ||
      !(await this.access.unitChain(em, actor)).includes(report.unitId) ||
      !(await holdsLead(em, report.taskId, report.unitId))
    )
      throw new SubtaskError('REPORT_NOT_FOUND', `Report ${reportId} not found`);
    const repo = new SubtasksRepository(em);
    const task = (await repo.task(report.taskId)) as SubtaskTaskRow;
    const rows = await repo.listForTaskAndUnit(report.taskId, report.unitId);
    const rollUp = rollUpSubtasks(task.targets, rows, shanghaiDate(this.clock.now()));
    return { reportId, subtaskCount: rows.length, ...rollUp };
  }

  /** The owner's mail, rendered now and sent through the outbox once the transaction commits. */
  private async mailOwner(em: EntityManager, id: string, task: SubtaskTaskRow): Promise<void> {
    const s = (await new SubtasksRepository(em).findOne(id)) as SubtaskRow;
    const message = renderSubtaskMail({
      email: s.ownerEmail as string,
      ownerName: s.ownerName,
      leadUnitName: s.unitName,
      documentTitle: task.documentTitle,
      taskLabel: taskNumber(task.path),
      taskHeading: task.heading,
      title: s.title,
      dueOn: s.dueOn,
      shares: s.shares
        .filter((f) => task.targets[f.index])
        .map((f) => `${task.targets[f.index].text} ${f.value}${task.targets[f.index].unit ?? ''}`),
      note: s.note,
    });
    const mailId = await new MailOutboxRepository(em).insertSubtaskMail({
      subtaskId: id,
      toEmail: message.to,
      subject: message.subject,
      bodyText: message.text,
      bodyHtml: message.html,
      at: this.clock.now(),
    });
    await this.outbox.afterCommit(em, [{ name: 'subtask-mail-deliver', mailId }]);
  }

  private async view(id: string): Promise<SubtaskView> {
    const row = await new SubtasksRepository(this.dataSource.manager).findOne(id);
    if (!row) throw new SubtaskError('SUBTASK_NOT_FOUND', `Sub-task ${id} not found`);
    return toView(row, shanghaiDate(this.clock.now()));
  }

  /** 404 when the task is missing or not the actor's; 403 when the actor's unit only supports it. */
  private async requireLeadOf(
    em: EntityManager,
    actor: Actor,
    taskId: string,
  ): Promise<{ task: SubtaskTaskRow; unitId: string }> {
    await this.access.requireTask(em, actor, taskId);
    const repo = new SubtasksRepository(em);
    const chain = await this.access.unitChain(em, actor);
    const [unitId] = chain.length ? await repo.leadUnitsAmong(taskId, chain) : [];
    if (!unitId)
      throw new SubtaskError(
        'SUBTASK_LEAD_ONLY',
        `Only the lead unit of task ${taskId} writes its sub-tasks`,
      );
    const task = (await repo.task(taskId)) as SubtaskTaskRow;
    if (task.state !== 'open')
      throw new SubtaskError('SUBTASK_TASK_CLOSED', `Task ${taskId} is ${task.state}`, {
        state: task.state,
      });
    return { task, unitId };
  }

  /** The sub-task, locked; the same 404 for a sub-task of a task the actor cannot see. */
  private async requireWritable(
    em: EntityManager,
    actor: Actor,
    id: string,
  ): Promise<{ row: SubtaskRow; task: SubtaskTaskRow }> {
    const row = await new SubtasksRepository(em).findOne(id, true);
    if (!row) throw new SubtaskError('SUBTASK_NOT_FOUND', `Sub-task ${id} not found`);
    try {
      const { task } = await this.requireLeadOf(em, actor, row.taskId);
      return { row, task };
    } catch (err) {
      if (err instanceof Error && 'code' in err && err.code === 'TASK_NOT_FOUND')
        throw new SubtaskError('SUBTASK_NOT_FOUND', `Sub-task ${id} not found`);
      throw err;
    }
  }

  private record(
    em: EntityManager,
    actor: Actor,
    action: string,
    taskId: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown>,
  ): Promise<void> {
    // On the task itself, so the task's timeline shows it, a removed sub-task's entries too.
    return this.audit.byActor(em, actor, {
      action,
      targetType: 'task',
      targetId: taskId,
      before,
      after,
    });
  }
}

const invalid = (field: string, why: string): SubtaskError =>
  new SubtaskError('VALIDATION_FAILED', `${field}: ${why}`, { fields: { [field]: [why] } });

function checkFields(f: SubtaskInput, task: SubtaskTaskRow): SubtaskInput {
  if (task.deadlineOn && f.dueOn > task.deadlineOn)
    throw invalid('dueOn', `must not be after the task's deadline ${task.deadlineOn}`);
  return { ...f, shares: checkFigures('shares', f.shares, task) };
}

/** Each figure names one of the task's targets by position, at most once. */
function checkFigures(
  field: string,
  figures: TargetFigure[],
  task: SubtaskTaskRow,
): TargetFigure[] {
  const seen = new Set<number>();
  figures.forEach((f, i) => {
    if (f.index >= task.targets.length)
      throw invalid(`${field}.${i}.index`, 'is not a target of this task');
    if (seen.has(f.index))
      throw invalid(`${field}.${i}.index`, 'gives a second value for the same target');
    seen.add(f.index);
  });
  return [...figures]
    .sort((a, b) => a.index - b.index)
    .map((f) => ({ index: f.index, value: f.value }));
}

const fieldsOf = (r: SubtaskRow): Record<string, unknown> => ({
  title: r.title,
  ownerName: r.ownerName,
  ownerEmail: r.ownerEmail,
  dueOn: r.dueOn,
  shares: r.shares,
  note: r.note,
});

function toView(r: SubtaskRow, today: string): SubtaskView {
  const colour = subtaskColour(r, today);
  return {
    id: r.id,
    taskId: r.taskId,
    unit: { id: r.unitId, name: r.unitName },
    title: r.title,
    ownerName: r.ownerName,
    ownerEmail: r.ownerEmail,
    dueOn: r.dueOn,
    shares: r.shares,
    note: r.note,
    status: r.status,
    percent: r.percent,
    reported: r.reported,
    progressNote: r.progressNote,
    progressAt: r.progressAt ? new Date(r.progressAt) : null,
    colour,
    isOverdue: colour === 'red',
    createdAt: new Date(r.createdAt),
    updatedAt: new Date(r.updatedAt),
  };
}
