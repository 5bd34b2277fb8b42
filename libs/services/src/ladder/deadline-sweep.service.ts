import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Citation, citeClause, Clock, CLOCK, ClauseText, RungColour, shanghaiDate, SupervisionRules } from '@tracker/domain';
import { DEADLINE_TEXT } from '@tracker/notify';
import { DataSource, EntityManager } from 'typeorm';
import { NoticeSpec, NoticesService, Raised, Recipients } from '../notices/notices.service';
import { effectiveRules } from './report-row';

const CHUNK = 1_000;

// Set-based SQL chooses what is due: every rung (levels 1..3 by days past the deadline) of an open
// task's lead assignment that has no notice yet. How it is told (recipients, mail policy, the
// escalation, audit of the notice) is the notice service's. `t.state = 'open'` stays a literal so
// the partial index ix_tasks_open_deadline is usable (NOTES §15).
const DUE_SQL = `
SELECT t.id AS task_id, t.document_id, a.unit_id, a.id AS assignment_id, array_to_string(t.path, '') AS label,
       t.heading, to_char(t.deadline_on, 'YYYY-MM-DD') AS deadline, r.level, r.colour
  FROM tasks t
  JOIN assignments a ON a.task_id = t.id AND a.role = 'lead' AND a.state IN ('pending', 'acknowledged')
  JOIN (VALUES (1, 'yellow', 'overdue'), (2, 'orange', 'supervision'), (3, 'red', 'leadingGroup')) AS r(level, colour, rule)
    ON ($1::date - t.deadline_on) >= (($2::jsonb -> t.document_id::text ->> r.rule)::int)
 WHERE t.state = 'open' AND t.deadline_on IS NOT NULL AND t.deadline_on < $1::date
   AND NOT EXISTS (SELECT 1 FROM notices n WHERE n.dedup_key = 'deadline_overdue/' || t.id || '/' || a.unit_id || '/L' || r.level)
 ORDER BY t.id, a.unit_id, r.level
 LIMIT ${CHUNK}`;

/** Who is told of a task past its deadline, by level: as the report ladder's rungs (README: what is sent, to whom). */
const RECIPIENTS = (level: number, unitId: string): Recipients =>
  level === 1
    ? { unitMembers: [unitId] }
    : { unitHeads: [unitId], roles: level === 3 ? ['office', 'leader'] : ['office'] };

interface DueRung {
  task_id: string; document_id: string; unit_id: string; assignment_id: string; label: string; heading: string;
  deadline: string; level: 1 | 2 | 3; colour: RungColour;
}

interface DocRules {
  title: string | null;
  clause: Citation | null;
}

/** The daily sweep of tasks past their own final deadline (到2019年). */
@Injectable()
export class DeadlineSweepService {
  private readonly logger = new Logger(DeadlineSweepService.name);

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notices: NoticesService,
  ) {}

  async sweep(): Promise<{ notices: number; escalations: number }> {
    const now = this.clock.now();
    const today = shanghaiDate(now);
    const docs: { id: string; title: string | null; profile: Partial<SupervisionRules> | null; clauses: ClauseText[] }[] =
      await this.dataSource.query(
        `SELECT d.id, d.title, d.supervision_profile AS profile, d.supervision_clauses AS clauses FROM policy_documents d
          WHERE d.archived_at IS NULL AND EXISTS (SELECT 1 FROM tasks t WHERE t.document_id = d.id AND t.state = 'open' AND t.deadline_on IS NOT NULL AND t.deadline_on < $1::date)`,
        [today],
      );
    const total = { notices: 0, escalations: 0 };
    if (docs.length === 0) return total;
    const days: Record<string, { overdue: number; supervision: number; leadingGroup: number }> = {};
    const byDoc = new Map<string, DocRules>();
    for (const d of docs) {
      const rules = effectiveRules(d.profile, d.clauses);
      days[d.id] = { overdue: rules.overdueDaysAfter, supervision: rules.supervisionDaysAfter, leadingGroup: rules.leadingGroupDaysAfter };
      byDoc.set(d.id, { title: d.title, clause: citeClause(d.title, d.clauses, 'supervision') });
    }
    for (;;) {
      const chunk = await this.dataSource.transaction(async (em) => {
        const due: DueRung[] = await em.query(DUE_SQL, [today, JSON.stringify(days)]);
        const raised = await this.notices.raiseMany(em, due.map((rung) => this.spec(rung, byDoc.get(rung.document_id) as DocRules)));
        const escalate = due.map((rung, i) => ({ rung, notice: raised[i] })).filter(({ rung, notice }) => rung.level >= 2 && notice.created);
        const escalations = escalate.length ? await this.escalate(em, escalate, byDoc, now) : 0;
        const r = { rows: due.length, notices: raised.filter((n) => n.created).length, escalations };
        if (r.notices) {
          await em.query(
            `UPDATE tasks SET deadline_overdue_at = $2 WHERE id = ANY($1::uuid[]) AND deadline_overdue_at IS NULL`,
            [[...new Set(due.map((d) => d.task_id))], now],
          );
        }
        return r;
      });
      total.notices += chunk.notices;
      total.escalations += chunk.escalations;
      // A chunk that raised nothing new (a concurrent sweep took it) ends the sweep too.
      if (chunk.rows < CHUNK || chunk.notices === 0) break;
    }
    if (total.notices) this.logger.log({ ...total, today }, 'deadline sweep raised notices');
    return total;
  }

  private spec(r: DueRung, doc: DocRules): NoticeSpec {
    return {
      dedupKey: `deadline_overdue/${r.task_id}/${r.unit_id}/L${r.level}`,
      kind: 'deadline_overdue',
      level: r.level,
      colour: r.colour,
      text: DEADLINE_TEXT(r.level, { documentTitle: doc.title, taskLabel: r.label, taskHeading: r.heading, deadlineOn: r.deadline }, doc.clause),
      clause: doc.clause,
      recipients: RECIPIENTS(r.level, r.unit_id),
      taskId: r.task_id,
      unitId: r.unit_id,
      assignmentId: r.assignment_id,
    };
  }

  /** Levels 2 and 3 are escalations the office reviews, one per task, unit and level. */
  private async escalate(em: EntityManager, rows: { rung: DueRung; notice: Raised }[], byDoc: Map<string, DocRules>, now: Date): Promise<number> {
    const inserted: unknown[] = await em.query(
      `INSERT INTO escalations (dedup_key, task_id, unit_id, notice_id, level, colour, clause, reason, raised_at)
       SELECT 'deadline/' || e.task_id || '/' || e.unit_id || '/L' || e.level, e.task_id, e.unit_id, e.notice_id, e.level, e.colour,
              e.clause, 'task_deadline_passed', $2
         FROM jsonb_to_recordset($1::jsonb) AS e(task_id uuid, unit_id uuid, notice_id uuid, level int, colour text, clause jsonb)
       ON CONFLICT (dedup_key) DO NOTHING RETURNING id`,
      [
        JSON.stringify(rows.map(({ rung, notice }) => ({
          task_id: rung.task_id, unit_id: rung.unit_id, notice_id: notice.id, level: rung.level, colour: rung.colour,
          clause: byDoc.get(rung.document_id)?.clause ?? null,
        }))),
        now,
      ],
    );
    return inserted.length;
  }
}
