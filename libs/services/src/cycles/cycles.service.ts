import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CADENCES,
  Clock,
  CLOCK,
  PERIOD_PATTERN,
  periodAt,
  periodOpensAt,
  reportDueAt,
  rulesFromClauses,
  SupervisionRules,
  SUPERVISION_DEFAULTS,
} from '@tracker/domain';
import { CyclesRepository, SupervisionSource } from '@tracker/database';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { effectiveRules } from '../ladder/report-row';
import { LadderJobsService } from '../ladder/ladder-jobs.service';
import { cycleRefusal, loadPlanState } from '../plans/plan-state';
import { CycleError } from './cycles.errors';
import { afterCommit, requireQueue } from '../queue-deadline';

export interface OpenedCycle {
  id: string;
  documentId: string;
  period: string;
  dueAt: Date;
  reports: number;
  created: boolean;
}

export interface CycleSummary {
  id: string;
  documentId: string;
  documentTitle: string | null;
  period: string;
  state: string;
  opensAt: Date;
  dueAt: Date;
  reports: number;
  submitted: number;
  accepted: number;
  onTime: number;
  submissionRate: number;
  hasBulletin: boolean;
}

/** Reporting cycles: opened by the daily job scheduler or by the office, and documents' supervision profiles. */
@Injectable()
export class CyclesService {
  private readonly logger = new Logger(CyclesService.name);

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly ladderJobs: LadderJobsService,
  ) {}

  /** The office opens a cycle by hand (idempotent: the same document and period give the same cycle). */
  async open(actor: Actor | null, documentId: string, period: string): Promise<OpenedCycle> {
    if (!PERIOD_PATTERN.test(period))
      throw new CycleError('PERIOD_INVALID', `${period} is not a period like 2020-Q3`);
    await requireQueue(this.ladderJobs, 'cycle.open');
    const opened = await this.dataSource.transaction((em) =>
      this.openIn(em, actor, documentId, period),
    );
    // After commit; if this is lost, reconcile re-derives the cycle job from the open cycle row.
    await afterCommit(this.logger, 'cycle.open', async () => {
      await this.ladderJobs.startCycle(opened.id);
      await this.ladderJobs.queueAckLadders(documentId, `cycle-${opened.id}`);
    });
    return opened;
  }

  private async openIn(
    em: EntityManager,
    actor: Actor | null,
    documentId: string,
    period: string,
  ): Promise<OpenedCycle> {
    const cycles = new CyclesRepository(em);
    const doc = await cycles.supervisionOf(documentId);
    if (!doc) throw new CycleError('DOCUMENT_NOT_FOUND', `Document ${documentId} not found`);
    await this.refuseIfEnded(em, documentId, period);
    const rules = effectiveRules(doc.profile, doc.clauses);
    const now = this.clock.now();
    const created = await cycles.insertOpen(
      documentId,
      period,
      periodOpensAt(period),
      reportDueAt(period, rules),
      now,
    );
    const cycle = await cycles.lockByPeriod(documentId, period);
    if (!cycle)
      throw new CycleError(
        'CYCLE_NOT_FOUND',
        `Cycle ${period} of document ${documentId} vanished while opening`,
      );
    if (cycle.state === 'scheduled') await cycles.markOpen(cycle.id, now);
    const reports = await cycles.addMissingReports(cycle.id, documentId, cycle.dueAt, now);
    if (created || reports) {
      await this.audit.record(em, {
        actorId: actor?.id ?? null,
        actorUnitId: actor?.unitId ?? null,
        action: 'cycle.open',
        targetType: 'reporting_cycle',
        targetId: cycle.id,
        after: { documentId, period, dueAt: cycle.dueAt.toISOString(), reports },
        channel: actor?.channel ?? (actor ? 'api' : 'worker'),
        requestId: actor?.requestId ?? null,
      });
      this.logger.log({ cycleId: cycle.id, documentId, period, reports }, 'cycle opened');
    }
    return { id: cycle.id, documentId, period, dueAt: cycle.dueAt, reports, created };
  }

  /** A plan that is archived or has ended (its last year is before the period) opens no cycle. */
  private async refuseIfEnded(
    em: EntityManager,
    documentId: string,
    period: string,
  ): Promise<void> {
    const plan = await loadPlanState(em, documentId);
    const refusal = plan && cycleRefusal(plan, period);
    if (refusal === 'DOCUMENT_ARCHIVED') {
      throw new CycleError(
        refusal,
        `Document ${documentId} was archived at ${plan?.archivedAt?.toISOString()}`,
      );
    }
    if (refusal === 'PERIOD_BEYOND_HORIZON') {
      throw new CycleError(
        refusal,
        `${period} is after ${plan?.horizonYear}, the last year of document ${documentId}`,
        {
          horizonYear: plan?.horizonYear,
        },
      );
    }
  }

  /** The scheduler's daily run: every document with open lead tasks gets its current period's cycle. */
  async openDue(): Promise<OpenedCycle[]> {
    const cycles = new CyclesRepository(this.dataSource.manager);
    const docs = await cycles.documentsDue();
    const now = this.clock.now();
    const opened: OpenedCycle[] = [];
    for (const doc of docs) {
      const period = periodAt(effectiveRules(doc.profile, doc.clauses).cadence, now);
      const plan = await loadPlanState(this.dataSource.manager, doc.id);
      if (plan && cycleRefusal(plan, period)) continue;
      if (!(await cycles.isOpened(doc.id, period)))
        opened.push(await this.open(null, doc.id, period));
    }
    return opened;
  }

  async getProfile(
    documentId: string,
  ): Promise<Required<SupervisionRules> & { fromClauses: Partial<SupervisionRules> }> {
    const doc = await this.loadDocument(this.dataSource.manager, documentId);
    return {
      ...effectiveRules(doc.profile, doc.clauses),
      fromClauses: rulesFromClauses(doc.clauses),
    };
  }

  /** The office changes a document's profile; cycles opened later use it, open ones keep their due time. */
  async updateProfile(
    actor: Actor,
    documentId: string,
    changes: Partial<SupervisionRules>,
  ): Promise<Required<SupervisionRules>> {
    const patch = Object.fromEntries(
      Object.entries(changes).filter(([, v]) => v !== undefined),
    ) as Partial<SupervisionRules>;
    validateProfile(patch);
    return this.dataSource.transaction(async (em) => {
      const doc = await this.loadDocument(em, documentId, true);
      const before = effectiveRules(doc.profile, doc.clauses);
      const stored = { ...(doc.profile ?? {}), ...patch };
      await new CyclesRepository(em).saveProfile(documentId, stored);
      const after = effectiveRules(stored, doc.clauses);
      await this.audit.byActor(em, actor, {
        action: 'document.supervision_profile.update',
        targetType: 'policy_document',
        targetId: documentId,
        before: { ...before },
        after: { ...after },
      });
      return after;
    });
  }

  private async loadDocument(
    em: EntityManager,
    id: string,
    lock = false,
  ): Promise<SupervisionSource> {
    const doc = await new CyclesRepository(em).supervisionOf(id, lock);
    if (!doc) throw new CycleError('DOCUMENT_NOT_FOUND', `Document ${id} not found`);
    return doc;
  }

  /** Cycles with their submission rates (office and leaders). */
  async list(filter: { documentId?: string; period?: string } = {}): Promise<CycleSummary[]> {
    const rows = await new CyclesRepository(this.dataSource.manager).summaries(filter);
    return rows.map((r) => ({ ...r, submissionRate: r.reports ? r.submitted / r.reports : 0 }));
  }

  async get(cycleId: string): Promise<CycleSummary> {
    const [row] = (await this.list()).filter((c) => c.id === cycleId);
    if (!row) throw new CycleError('CYCLE_NOT_FOUND', `Cycle ${cycleId} not found`);
    return row;
  }
}

function validateProfile(p: Partial<SupervisionRules>): void {
  const bad: string[] = [];
  for (const [k, v] of Object.entries(p)) {
    if (!(k in SUPERVISION_DEFAULTS)) bad.push(`${k} is not a profile field`);
    else if (k === 'cadence') {
      if (!CADENCES.includes(v as never)) bad.push(`cadence must be one of ${CADENCES.join(', ')}`);
    } else if (k === 'countWorkingDays') {
      if (typeof v !== 'boolean') bad.push('countWorkingDays must be a boolean');
    } else if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 120)
      bad.push(`${k} must be a whole number of days 0..120`);
  }
  const merged = { ...SUPERVISION_DEFAULTS, ...p };
  if (!(
    merged.overdueDaysAfter < merged.supervisionDaysAfter &&
    merged.supervisionDaysAfter < merged.leadingGroupDaysAfter
  )) {
    bad.push(
      'ladder rungs must climb: overdueDaysAfter < supervisionDaysAfter < leadingGroupDaysAfter',
    );
  }
  if (bad.length) throw new CycleError('PROFILE_INVALID', bad.join('; '), { problems: bad });
}
