import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AssignmentRole, AssignmentState, Clock, CLOCK, shanghaiDate } from '@tracker/domain';
import { LedgerAssignmentRow, LedgerRepository, LedgerTaskRow } from '@tracker/database';
import { DataSource } from 'typeorm';
import { AccessError } from '../access/access.errors';
import { AccessService } from '../access/access.service';
import { Actor } from '../access/actor';
import { taskNumber } from '../tasks/task-read-models';
import { OffloadPool } from '../offload/offload-pool';

export interface LedgerFile {
  filename: string;
  content: Buffer;
}

const STATE_LABELS: Record<AssignmentState, string> = {
  pending: '待签收',
  acknowledged: '已签收',
  declined: '已退回',
  reassigned: '已改派',
};

const PROGRESS_LABELS: Record<string, string> = {
  on_track: '按计划推进',
  at_risk: '存在风险',
  delayed: '滞后',
  completed: '已完成',
};

const DOCUMENT_COLUMNS = [
  '序号',
  '任务编号',
  '任务内容',
  '牵头单位',
  '配合单位',
  '完成时限',
  '签收状态',
  '最新进展',
];
const UNIT_COLUMNS = [
  '序号',
  '文件',
  '任务编号',
  '任务内容',
  '责任类型',
  '牵头单位',
  '配合单位',
  '完成时限',
  '签收状态',
  '最新进展',
];
const WIDTHS: Record<string, number> = {
  序号: 6,
  文件: 28,
  任务编号: 12,
  任务内容: 60,
  责任类型: 10,
  牵头单位: 24,
  配合单位: 36,
  完成时限: 14,
  签收状态: 28,
  最新进展: 48,
};

/** The task ledger (台账) as the .xlsx workbook offices exchange, scoped like every other read. */
@Injectable()
export class LedgerService {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly offload: OffloadPool,
  ) {}

  /** A document's tasks; an agency member's ledger holds only the tasks of their unit. */
  async documentLedger(actor: Actor, documentId: string): Promise<LedgerFile> {
    const scope = await this.access.scope(this.dataSource.manager, actor);
    const ledger = new LedgerRepository(this.dataSource.manager);
    const doc = await ledger.document(documentId);
    const tasks = doc
      ? await ledger.documentTasks(documentId, scope.all ? null : scope.unitIds)
      : [];
    if (!doc || (!scope.all && tasks.length === 0)) {
      throw new AccessError('DOCUMENT_NOT_FOUND', `Document ${documentId} not found`);
    }
    const title = `${doc.title ?? doc.docNumber ?? '文件'}任务台账`;
    const details = await this.details(tasks.map((t) => t.id));
    const rows = tasks.map((t, i) => [
      i + 1,
      taskNumber(t.taskPath),
      content(t),
      details.units(t.id, 'lead'),
      details.units(t.id, 'support'),
      t.deadlineText ?? t.deadlineOn ?? '',
      details.ackSummary(t.id),
      details.progress(t.id),
    ]);
    return {
      filename: `${title}.xlsx`,
      content: await this.workbook(title, DOCUMENT_COLUMNS, rows),
    };
  }

  /** A unit's tasks across every document, its former names included. */
  async unitLedger(actor: Actor, unitId: string): Promise<LedgerFile> {
    const scope = await this.access.scope(this.dataSource.manager, actor);
    const ledger = new LedgerRepository(this.dataSource.manager);
    const chain = scope.all || scope.unitIds.includes(unitId) ? await ledger.unitChain(unitId) : [];
    const unit = chain.find((u) => u.id === unitId);
    if (!unit) throw new AccessError('UNIT_NOT_FOUND', `Unit ${unitId} not found`);
    const tasks = await ledger.unitTasks(chain.map((u) => u.id));
    const title = `${unit.name}任务台账`;
    const details = await this.details([...new Set(tasks.map((t) => t.id))]);
    const rows = tasks.map((t, i) => [
      i + 1,
      t.documentTitle ?? '',
      taskNumber(t.taskPath),
      content(t),
      t.ownRole === 'lead' ? '牵头' : '配合',
      details.units(t.id, 'lead'),
      details.units(t.id, 'support'),
      t.deadlineText ?? t.deadlineOn ?? '',
      t.ownState === 'acknowledged' && t.ownAcknowledgedAt
        ? `已签收（${shanghaiDate(t.ownAcknowledgedAt)}）`
        : STATE_LABELS[t.ownState ?? 'pending'],
      details.progress(t.id),
    ]);
    return { filename: `${title}.xlsx`, content: await this.workbook(title, UNIT_COLUMNS, rows) };
  }

  private async details(taskIds: string[]): Promise<{
    units(taskId: string, role: AssignmentRole): string;
    ackSummary(taskId: string): string;
    progress(taskId: string): string;
  }> {
    const ledger = new LedgerRepository(this.dataSource.manager);
    const [assignments, latest, closed] = taskIds.length
      ? [
          await ledger.assignments(taskIds),
          await ledger.latestReports(taskIds),
          await ledger.closedTasks(taskIds),
        ]
      : [[], [], []];
    const byTask = (taskId: string): LedgerAssignmentRow[] =>
      assignments.filter((a) => a.taskId === taskId);
    return {
      units: (taskId, role) =>
        byTask(taskId)
          .filter((a) => a.role === role)
          .map((a) => a.unitName)
          .join('、'),
      ackSummary: (taskId) => {
        const held = byTask(taskId);
        if (held.length === 0) return '';
        if (held.every((a) => a.state === 'acknowledged')) return '已签收';
        return (['acknowledged', 'pending', 'declined'] as const)
          .map(
            (state) =>
              [state, held.filter((a) => a.state === state).map((a) => a.unitName)] as const,
          )
          .filter(([, names]) => names.length > 0)
          .map(([state, names]) => `${STATE_LABELS[state]}：${names.join('、')}`)
          .join('；');
      },
      progress: (taskId) => {
        const r = latest.find((l) => l.taskId === taskId);
        const done = closed.find((c) => c.id === taskId);
        // A task the office closed (销号) reads as done first.
        const mark = done ? `【已销号 ${shanghaiDate(done.completedAt)}】` : '';
        if (!r) return mark;
        if (mark) return `${mark}${r.period}${r.narrative ?? ''}`;
        const status = r.progressStatus
          ? `【${PROGRESS_LABELS[r.progressStatus] ?? r.progressStatus}】`
          : '';
        return `${r.period}${status}${r.narrative ?? ''}`;
      },
    };
  }

  /** Written on a worker thread: a ledger of thousands of rows would hold the event loop. */
  private workbook(title: string, columns: string[], rows: (string | number)[][]): Promise<Buffer> {
    return this.offload.workbook({
      creator: '任务责任追踪系统',
      createdAt: this.clock.now().toISOString(),
      sheets: [
        {
          name: '任务台账',
          title,
          columns: columns.map((c) => ({ header: c, width: WIDTHS[c] ?? 16 })),
          rows,
        },
      ],
    });
  }
}

function content(t: LedgerTaskRow): string {
  return t.body
    ? `${t.heading}${t.body.startsWith(t.heading) ? t.body.slice(t.heading.length) : t.body}`
    : t.heading;
}
