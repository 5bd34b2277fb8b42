import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  Citation,
  citeClause,
  Clock,
  addDays,
  CLOCK,
  ClauseText,
  shanghaiDate,
  SupervisionRules,
} from '@tracker/domain';
import { DEADLINE_TEXT } from '@tracker/notify';
import {
  DeadlineSweepRepository,
  DeadlineWindowRow,
  DueRungRow,
  RungDays,
} from '@tracker/database';
import { DataSource } from 'typeorm';
import { NoticeSpec, NoticesService, Recipients } from '../notices/notices.service';
import { effectiveRules } from './report-row';

/** Overdue tasks per transaction. */
const CHUNK = 1_000;

// The repository chooses what is due (every rung of an open task's lead assignment above the
// highest one raised for it, among the tasks whose rung fell due since the watermark or that a
// change queued); how it is told (recipients, mail policy, the escalation, audit of
// the notice) is the notice service's.

/** Who is told of a task past its deadline, by level: as the report ladder's rungs (README: what is sent, to whom). */
const RECIPIENTS = (level: number, unitId: string): Recipients =>
  level === 1
    ? { unitMembers: [unitId] }
    : { unitHeads: [unitId], roles: level === 3 ? ['office', 'leader'] : ['office'] };

type DueRung = DueRungRow;

/**
 * The deadlines whose rungs fell due after `sweptOn` and by `today`, per rung: a rung of `n` days
 * is due once the deadline is at least `n` days past (and at least one: the day after it).
 */
function dueWindows(
  documentId: string,
  rungs: RungDays[string],
  sweptOn: string,
  today: string,
): DeadlineWindowRow[] {
  return [rungs.overdue, rungs.supervision, rungs.leadingGroup]
    .map((n) => Math.max(n, 1))
    .filter((n, i, all) => all.indexOf(n) === i)
    .map((n) => ({
      document_id: documentId,
      after: addDays(sweptOn, -n),
      through: addDays(today, -n),
    }))
    .filter((w) => w.through > w.after);
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

  /**
   * Tells every rung that fell due since the last finished run (missed days included) and every
   * task a change queued; then moves the watermark to today. A run that fails part-way leaves the
   * watermark where it was: the next one reads the same window again, and what the failed run
   * committed is not told twice (each assignment's rung, and the notices' unique keys).
   * `chunkSize`: overdue tasks per transaction.
   */
  async sweep(
    options: { chunkSize?: number } = {},
  ): Promise<{ notices: number; escalations: number }> {
    const chunkSize = options.chunkSize ?? CHUNK;
    const now = this.clock.now();
    const today = shanghaiDate(now);
    const run = new DeadlineSweepRepository(this.dataSource.manager);
    const { sweptOn } = await run.beginRun(today);
    const docs = await run.documentsWithDeadlines();
    const total = { notices: 0, escalations: 0 };
    const days: RungDays = {};
    const byDoc = new Map<string, DocRules>();
    const windows: DeadlineWindowRow[] = [];
    for (const d of docs) {
      const rules = effectiveRules(
        d.profile as Partial<SupervisionRules> | null,
        d.clauses as ClauseText[],
      );
      days[d.id] = {
        overdue: rules.overdueDaysAfter,
        supervision: rules.supervisionDaysAfter,
        leadingGroup: rules.leadingGroupDaysAfter,
      };
      byDoc.set(d.id, { title: d.title, clause: citeClause(d.title, d.clauses, 'supervision') });
      if (sweptOn !== null) windows.push(...dueWindows(d.id, days[d.id], sweptOn, today));
    }
    const taskIds = await run.candidateTaskIds(today, sweptOn === null ? null : windows);
    for (let i = 0; i < taskIds.length; i += chunkSize) {
      const ids = taskIds.slice(i, i + chunkSize);
      const chunk = await this.dataSource.transaction(async (em) => {
        const repo = new DeadlineSweepRepository(em);
        await repo.takeChunk(ids);
        const due = await repo.claimDueRungs(ids, today, days);
        if (due.length === 0) return { notices: 0, escalations: 0 };
        const raised = await this.notices.raiseMany(
          em,
          due.map((rung) => this.spec(rung, byDoc.get(rung.document_id) as DocRules)),
        );
        const escalate = due
          .map((rung, i) => ({ rung, notice: raised[i] }))
          .filter(({ rung, notice }) => rung.level >= 2 && notice.created);
        const escalations = escalate.length
          ? await repo.insertEscalations(
              escalate.map(({ rung, notice }) => ({
                task_id: rung.task_id,
                unit_id: rung.unit_id,
                notice_id: notice.id,
                level: rung.level,
                colour: rung.colour,
                clause: byDoc.get(rung.document_id)?.clause ?? null,
                epoch: rung.epoch,
              })),
              now,
            )
          : 0;
        await repo.markRungs(due.map((d) => ({ assignmentId: d.assignment_id, level: d.level })));
        const notices = raised.filter((n) => n.created).length;
        if (notices) await repo.markTasksOverdue([...new Set(due.map((d) => d.task_id))], now);
        return { notices, escalations };
      });
      total.notices += chunk.notices;
      total.escalations += chunk.escalations;
    }
    await run.endRun(today);
    if (total.notices) this.logger.log({ ...total, today }, 'deadline sweep raised notices');
    return total;
  }

  private spec(r: DueRung, doc: DocRules): NoticeSpec {
    return {
      // An amended deadline (epoch > 0) has rungs of its own; the imported one keeps its old keys.
      dedupKey: `deadline_overdue/${r.task_id}/${r.unit_id}${r.epoch > 0 ? `/e${r.epoch}` : ''}/L${r.level}`,
      kind: 'deadline_overdue',
      level: r.level,
      colour: r.colour,
      text: DEADLINE_TEXT(
        r.level,
        {
          documentTitle: doc.title,
          taskLabel: r.label,
          taskHeading: r.heading,
          deadlineOn: r.deadline,
        },
        doc.clause,
      ),
      clause: doc.clause,
      recipients: RECIPIENTS(r.level, r.unit_id),
      taskId: r.task_id,
      unitId: r.unit_id,
      assignmentId: r.assignment_id,
    };
  }
}
