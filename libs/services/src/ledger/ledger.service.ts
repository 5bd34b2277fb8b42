import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AssignmentRole, AssignmentState, Clock, CLOCK, shanghaiDate } from '@tracker/domain';
import { DataSource } from 'typeorm';
import { AccessError } from '../access/access.errors';
import { AccessService, HELD_ASSIGNMENT_STATES } from '../access/access.service';
import { Actor } from '../access/actor';
import { taskNumber } from '../tasks/task-read-models';
import { OffloadPool } from '../offload/offload-pool';

export interface LedgerFile {
  filename: string;
  content: Buffer;
}

interface LedgerTaskRow {
  id: string;
  document_title: string | null;
  path: string[];
  heading: string;
  body: string;
  deadline_on: string | null;
  deadline_text: string | null;
  own_role?: AssignmentRole;
  own_state?: AssignmentState;
  own_acknowledged_at?: Date | null;
}

interface LedgerAssignmentRow {
  task_id: string;
  unit_name: string;
  role: AssignmentRole;
  state: AssignmentState;
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

const DOCUMENT_COLUMNS = ['序号', '任务编号', '任务内容', '牵头单位', '配合单位', '完成时限', '签收状态', '最新进展'];
const UNIT_COLUMNS = ['序号', '文件', '任务编号', '任务内容', '责任类型', '牵头单位', '配合单位', '完成时限', '签收状态', '最新进展'];
const WIDTHS: Record<string, number> = {
  序号: 6, 文件: 28, 任务编号: 12, 任务内容: 60, 责任类型: 10, 牵头单位: 24, 配合单位: 36, 完成时限: 14, 签收状态: 28, 最新进展: 48,
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
    const [doc]: { title: string | null; doc_number: string | null }[] = await this.dataSource.query(
      `SELECT d.title, d.doc_number FROM policy_documents d WHERE d.id = $1`,
      [documentId],
    );
    const params: unknown[] = [documentId];
    let scoped = '';
    if (!scope.all) {
      params.push(scope.unitIds);
      scoped = `AND EXISTS (SELECT 1 FROM assignments a WHERE a.task_id = t.id AND a.state IN ${HELD_ASSIGNMENT_STATES}
                  AND a.unit_id = ANY($2::uuid[]))`;
    }
    const tasks: LedgerTaskRow[] = doc
      ? await this.dataSource.query(
          `SELECT t.id, d.title AS document_title, t.path, t.heading, t.body,
                  to_char(t.deadline_on, 'YYYY-MM-DD') AS deadline_on, t.deadline_text
             FROM tasks t JOIN policy_documents d ON d.id = t.document_id
            WHERE t.document_id = $1 AND t.is_task ${scoped}
            ORDER BY t.ordinal`,
          params,
        )
      : [];
    if (!doc || (!scope.all && tasks.length === 0)) {
      throw new AccessError('DOCUMENT_NOT_FOUND', `Document ${documentId} not found`);
    }
    const title = `${doc.title ?? doc.doc_number ?? '文件'}任务台账`;
    const details = await this.details(tasks.map((t) => t.id));
    const rows = tasks.map((t, i) => [
      i + 1,
      taskNumber(t.path),
      content(t),
      details.units(t.id, 'lead'),
      details.units(t.id, 'support'),
      t.deadline_text ?? t.deadline_on ?? '',
      details.ackSummary(t.id),
      details.progress(t.id),
    ]);
    return { filename: `${title}.xlsx`, content: await this.workbook(title, DOCUMENT_COLUMNS, rows) };
  }

  /** A unit's tasks across every document, its former names included. */
  async unitLedger(actor: Actor, unitId: string): Promise<LedgerFile> {
    const scope = await this.access.scope(this.dataSource.manager, actor);
    const chain: { id: string; name: string }[] =
      scope.all || scope.unitIds.includes(unitId)
        ? await this.dataSource.query(
            `WITH RECURSIVE chain(id) AS (SELECT id FROM units WHERE id = $1
               UNION SELECT u.id FROM units u JOIN chain c ON u.successor_id = c.id)
             SELECT u.id, u.name FROM chain JOIN units u ON u.id = chain.id`,
            [unitId],
          )
        : [];
    const unit = chain.find((u) => u.id === unitId);
    if (!unit) throw new AccessError('UNIT_NOT_FOUND', `Unit ${unitId} not found`);
    const tasks: LedgerTaskRow[] = await this.dataSource.query(
      `SELECT t.id, d.title AS document_title, t.path, t.heading, t.body,
              to_char(t.deadline_on, 'YYYY-MM-DD') AS deadline_on, t.deadline_text,
              a.role AS own_role, a.state AS own_state, a.acknowledged_at AS own_acknowledged_at
         FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN policy_documents d ON d.id = t.document_id
        WHERE a.unit_id = ANY($1::uuid[]) AND a.state IN ${HELD_ASSIGNMENT_STATES}
        ORDER BY d.issued_on NULLS LAST, d.id, t.ordinal, a.role`,
      [chain.map((u) => u.id)],
    );
    const title = `${unit.name}任务台账`;
    const details = await this.details([...new Set(tasks.map((t) => t.id))]);
    const rows = tasks.map((t, i) => [
      i + 1,
      t.document_title ?? '',
      taskNumber(t.path),
      content(t),
      t.own_role === 'lead' ? '牵头' : '配合',
      details.units(t.id, 'lead'),
      details.units(t.id, 'support'),
      t.deadline_text ?? t.deadline_on ?? '',
      t.own_state === 'acknowledged' && t.own_acknowledged_at
        ? `已签收（${shanghaiDate(t.own_acknowledged_at)}）`
        : STATE_LABELS[t.own_state ?? 'pending'],
      details.progress(t.id),
    ]);
    return { filename: `${title}.xlsx`, content: await this.workbook(title, UNIT_COLUMNS, rows) };
  }

  private async details(taskIds: string[]): Promise<{
    units(taskId: string, role: AssignmentRole): string;
    ackSummary(taskId: string): string;
    progress(taskId: string): string;
  }> {
    const assignments: LedgerAssignmentRow[] = taskIds.length
      ? await this.dataSource.query(
          `SELECT a.task_id, un.name AS unit_name, a.role, a.state
             FROM assignments a JOIN units un ON un.id = a.unit_id
            WHERE a.task_id = ANY($1::uuid[]) AND a.state IN ${HELD_ASSIGNMENT_STATES}
            ORDER BY a.ordinal, un.name`,
          [taskIds],
        )
      : [];
    const latest: { task_id: string; period: string; progress_status: string | null; narrative: string | null }[] = taskIds.length
      ? await this.dataSource.query(
          `SELECT DISTINCT ON (r.task_id) r.task_id, c.period, r.progress_status, r.narrative
             FROM status_reports r JOIN reporting_cycles c ON c.id = r.cycle_id
            WHERE r.task_id = ANY($1::uuid[]) AND r.state IN ('submitted', 'accepted', 'returned')
            ORDER BY r.task_id, r.submitted_at DESC NULLS LAST`,
          [taskIds],
        )
      : [];
    const closed: { id: string; completed_at: Date }[] = taskIds.length
      ? await this.dataSource.query(`SELECT id, completed_at FROM tasks WHERE id = ANY($1::uuid[]) AND state = 'completed'`, [taskIds])
      : [];
    const byTask = (taskId: string): LedgerAssignmentRow[] => assignments.filter((a) => a.task_id === taskId);
    return {
      units: (taskId, role) =>
        byTask(taskId)
          .filter((a) => a.role === role)
          .map((a) => a.unit_name)
          .join('、'),
      ackSummary: (taskId) => {
        const held = byTask(taskId);
        if (held.length === 0) return '';
        if (held.every((a) => a.state === 'acknowledged')) return '已签收';
        return (['acknowledged', 'pending', 'declined'] as const)
          .map((state) => [state, held.filter((a) => a.state === state).map((a) => a.unit_name)] as const)
          .filter(([, names]) => names.length > 0)
          .map(([state, names]) => `${STATE_LABELS[state]}：${names.join('、')}`)
          .join('；');
      },
      progress: (taskId) => {
        const r = latest.find((l) => l.task_id === taskId);
        const done = closed.find((c) => c.id === taskId);
        // A task the office closed (销号) reads as done first.
        const mark = done ? `【已销号 ${shanghaiDate(done.completed_at)}】` : '';
        if (!r) return mark;
        if (mark) return `${mark}${r.period}${r.narrative ?? ''}`;
        const status = r.progress_status ? `【${PROGRESS_LABELS[r.progress_status] ?? r.progress_status}】` : '';
        return `${r.period}${status}${r.narrative ?? ''}`;
      },
    };
  }

  /** Written on a worker thread: a ledger of thousands of rows would hold the event loop. */
  private workbook(title: string, columns: string[], rows: (string | number)[][]): Promise<Buffer> {
    return this.offload.workbook({
      creator: '任务责任追踪系统',
      createdAt: this.clock.now().toISOString(),
      sheets: [{ name: '任务台账', title, columns: columns.map((c) => ({ header: c, width: WIDTHS[c] ?? 16 })), rows }],
    });
  }
}

function content(t: LedgerTaskRow): string {
  return t.body ? `${t.heading}${t.body.startsWith(t.heading) ? t.body.slice(t.heading.length) : t.body}` : t.heading;
}
