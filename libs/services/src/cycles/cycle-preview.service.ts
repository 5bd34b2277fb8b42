import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { chooseRungs, Clock, CLOCK, ClauseText, LadderRung, PERIOD_PATTERN, reportDueAt, reportLadder, SupervisionRules } from '@tracker/domain';
import { DataSource } from 'typeorm';
import { effectiveRules } from '../ladder/report-row';
import { cycleRefusal, loadPlanState } from '../plans/plan-state';
import { CycleError } from './cycles.errors';

/** What opening a cycle now would do, before the office confirms it. */
export interface CyclePreview {
  documentId: string;
  period: string;
  /** An open cycle already exists for this period (opening again only adds missing reports). */
  exists: boolean;
  dueAt: Date;
  /** The due time has passed: the ladders start late. */
  late: boolean;
  /** Why it would be refused (archived, past the plan's last year), or null. */
  refusal: 'DOCUMENT_ARCHIVED' | 'PERIOD_BEYOND_HORIZON' | null;
  horizonYear: number | null;
  reports: number;
  /** Notices the ladders would raise at once, by rung: at most one per report, its current rung. */
  raised: Record<LadderRung, number>;
  /** Lower rungs that have passed and are not raised, because the report stands on a higher one. */
  passedOver: number;
  /** Escalations (level 2 and 3) the office would see on its board. */
  escalations: number;
  /** The bulletin would be compiled and mailed at once (every report accepted or raised to the leading group). */
  bulletin: { compiledAtOnce: boolean; recipients: number };
}

/** The dry run of opening a cycle by hand: counts only, writes nothing. */
@Injectable()
export class CyclePreviewService {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async preview(documentId: string, period: string): Promise<CyclePreview> {
    if (!PERIOD_PATTERN.test(period)) throw new CycleError('PERIOD_INVALID', `${period} is not a period like 2020-Q3`);
    const em = this.dataSource.manager;
    const [doc] = (await em.query(
      `SELECT supervision_profile AS profile, supervision_clauses AS clauses FROM policy_documents WHERE id = $1`,
      [documentId],
    )) as { profile: Partial<SupervisionRules> | null; clauses: ClauseText[] }[];
    const plan = await loadPlanState(em, documentId);
    if (!doc || !plan) throw new CycleError('DOCUMENT_NOT_FOUND', `Document ${documentId} not found`);
    const rules = effectiveRules(doc.profile, doc.clauses);
    const now = this.clock.now();
    const [cycle] = (await em.query(`SELECT id, due_at FROM reporting_cycles WHERE document_id = $1 AND period = $2`, [documentId, period])) as {
      id: string;
      due_at: Date;
    }[];
    const cycleDue = cycle?.due_at ?? reportDueAt(period, rules);
    // Reports as they are (an existing cycle) and as opening would add them (open tasks × lead units without one).
    const rows: { due_at: Date; state: string; raised: string[] | null }[] = await em.query(
      `SELECT r.due_at, r.state,
              (SELECT array_agg(split_part(n.dedup_key, '/', 1)) FROM notices n WHERE n.report_id = r.id
                 AND n.dedup_key LIKE '%/e' || r.ladder_epoch) AS raised
         FROM status_reports r WHERE r.cycle_id = $1
       UNION ALL
       SELECT $3::timestamptz, 'pending', NULL
         FROM tasks t JOIN assignments a ON a.task_id = t.id AND a.role = 'lead' AND a.state IN ('pending', 'acknowledged')
        WHERE t.document_id = $2 AND t.is_task AND t.state = 'open'
          AND NOT EXISTS (SELECT 1 FROM status_reports r WHERE r.cycle_id = $1 AND r.task_id = t.id AND r.unit_id = a.unit_id)`,
      [cycle?.id ?? null, documentId, cycleDue],
    );
    const raised: Record<LadderRung, number> = { reminder: 0, overdue: 0, supervision: 0, leading_group: 0 };
    let passedOver = 0;
    let settled = 0;
    for (const r of rows) {
      if (r.state === 'accepted') {
        settled += 1;
        continue;
      }
      if (r.state === 'submitted') continue;
      const choice = chooseRungs(reportLadder(r.due_at, rules), r.due_at, now);
      if (choice.raise?.rung === 'leading_group') settled += 1;
      if (!choice.raise || r.raised?.includes(choice.raise.rung)) continue;
      raised[choice.raise.rung] += 1;
      passedOver += choice.passed.filter((p) => !r.raised?.includes(p.rung)).length;
    }
    const [{ recipients }] = (await em.query(
      `SELECT count(*)::int AS recipients FROM users u
        WHERE NOT u.is_disabled AND ('office' = ANY(u.roles) OR 'leader' = ANY(u.roles) OR u.unit_id IN (
          SELECT a.unit_id FROM assignments a JOIN tasks t ON t.id = a.task_id
           WHERE t.document_id = $1 AND a.state IN ('pending', 'acknowledged')))`,
      [documentId],
    )) as { recipients: number }[];
    const hasBulletin = cycle ? ((await em.query(`SELECT 1 FROM bulletins WHERE cycle_id = $1`, [cycle.id])) as unknown[]).length > 0 : false;
    return {
      documentId,
      period,
      exists: Boolean(cycle),
      dueAt: cycleDue,
      late: cycleDue.getTime() <= now.getTime(),
      refusal: cycleRefusal(plan, period),
      horizonYear: plan.horizonYear,
      reports: rows.length,
      raised,
      passedOver,
      escalations: raised.supervision + raised.leading_group,
      bulletin: { compiledAtOnce: !hasBulletin && rows.length > 0 && settled === rows.length, recipients },
    };
  }
}
