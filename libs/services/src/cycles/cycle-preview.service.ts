import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  chooseRungs,
  Clock,
  CLOCK,
  LadderRung,
  PERIOD_PATTERN,
  reportDueAt,
  reportLadder,
} from '@tracker/domain';
import { CyclesRepository } from '@tracker/database';
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
    if (!PERIOD_PATTERN.test(period))
      throw new CycleError('PERIOD_INVALID', `${period} is not a period like 2020-Q3`);
    const em = this.dataSource.manager;
    const cycles = new CyclesRepository(em);
    const doc = await cycles.supervisionOf(documentId);
    const plan = await loadPlanState(em, documentId);
    if (!doc || !plan)
      throw new CycleError('DOCUMENT_NOT_FOUND', `Document ${documentId} not found`);
    const rules = effectiveRules(doc.profile, doc.clauses);
    const now = this.clock.now();
    const cycle = await cycles.findByPeriod(documentId, period);
    const cycleDue = cycle?.dueAt ?? reportDueAt(period, rules);
    // Reports as they are (an existing cycle) and as opening would add them (open tasks × lead units without one).
    const rows = await cycles.previewReports(cycle?.id ?? null, documentId, cycleDue);
    const raised: Record<LadderRung, number> = {
      reminder: 0,
      overdue: 0,
      supervision: 0,
      leading_group: 0,
    };
    let passedOver = 0;
    let settled = 0;
    for (const r of rows) {
      if (r.state === 'accepted') {
        settled += 1;
        continue;
      }
      if (r.state === 'submitted') continue;
      const choice = chooseRungs(reportLadder(r.dueAt, rules), r.dueAt, now);
      if (choice.raise?.rung === 'leading_group') settled += 1;
      if (!choice.raise || r.raised?.includes(choice.raise.rung)) continue;
      raised[choice.raise.rung] += 1;
      passedOver += choice.passed.filter((p) => !r.raised?.includes(p.rung)).length;
    }
    const recipients = await cycles.bulletinRecipientCount(documentId);
    const hasBulletin = cycle ? await cycles.hasBulletin(cycle.id) : false;
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
      bulletin: {
        compiledAtOnce: !hasBulletin && rows.length > 0 && settled === rows.length,
        recipients,
      },
    };
  }
}
