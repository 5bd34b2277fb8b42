import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CADENCES,
  Clock,
  CLOCK,
  ClauseText,
  PERIOD_PATTERN,
  periodAt,
  periodOpensAt,
  reportDueAt,
  rulesFromClauses,
  SupervisionRules,
  SUPERVISION_DEFAULTS,
} from '@tracker/domain';
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
    if (!PERIOD_PATTERN.test(period)) throw new CycleError('PERIOD_INVALID', `${period} is not a period like 2020-Q3`);
    await requireQueue(this.ladderJobs, 'cycle.open');
    const opened = await this.dataSource.transaction((em) => this.openIn(em, actor, documentId, period));
    // After commit; if this is lost, reconcile re-derives the cycle job from the open cycle row.
    await afterCommit(this.logger, 'cycle.open', async () => {
      await this.ladderJobs.startCycle(opened.id);
      await this.ladderJobs.ensureAckLadders(documentId);
    });
    return opened;
  }

  private async openIn(em: EntityManager, actor: Actor | null, documentId: string, period: string): Promise<OpenedCycle> {
    const [doc] = (await em.query(
      `SELECT id, supervision_profile AS profile, supervision_clauses AS clauses FROM policy_documents WHERE id = $1`,
      [documentId],
    )) as { id: string; profile: Partial<SupervisionRules> | null; clauses: ClauseText[] }[];
    if (!doc) throw new CycleError('DOCUMENT_NOT_FOUND', `Document ${documentId} not found`);
    await this.refuseIfEnded(em, documentId, period);
    const rules = effectiveRules(doc.profile, doc.clauses);
    const now = this.clock.now();
    const dueAt = reportDueAt(period, rules);
    const inserted: { id: string }[] = await em.query(
      `INSERT INTO reporting_cycles (document_id, period, opens_at, due_at, state, opened_at)
       VALUES ($1, $2, $3, $4, 'open', $5)
       ON CONFLICT (document_id, period) DO NOTHING RETURNING id`,
      [documentId, period, periodOpensAt(period), dueAt, now],
    );
    const created = inserted.length > 0;
    const [cycle] = (await em.query(
      `SELECT id, state, due_at FROM reporting_cycles WHERE document_id = $1 AND period = $2 FOR UPDATE`,
      [documentId, period],
    )) as { id: string; state: string; due_at: Date }[];
    if (cycle.state === 'scheduled') {
      await em.query(`UPDATE reporting_cycles SET state = 'open', opened_at = $2 WHERE id = $1`, [cycle.id, now]);
    }
    // One report per task the document has and lead unit it names (set-based, idempotent).
    const reports: unknown[] = await em.query(
      `INSERT INTO status_reports (cycle_id, task_id, unit_id, due_at, updated_at)
       SELECT $1, t.id, a.unit_id, $2, $4
         FROM tasks t JOIN assignments a ON a.task_id = t.id AND a.role = 'lead' AND a.state IN ('pending', 'acknowledged')
        WHERE t.document_id = $3 AND t.is_task AND t.state = 'open'
       ON CONFLICT (cycle_id, task_id, unit_id) DO NOTHING RETURNING id`,
      [cycle.id, cycle.due_at, documentId, now],
    );
    if (created || reports.length) {
      await this.audit.record(em, {
        actorId: actor?.id ?? null,
        actorUnitId: actor?.unitId ?? null,
        action: 'cycle.open',
        targetType: 'reporting_cycle',
        targetId: cycle.id,
        after: { documentId, period, dueAt: cycle.due_at.toISOString(), reports: reports.length },
        channel: actor?.channel ?? (actor ? 'api' : 'worker'),
        requestId: actor?.requestId ?? null,
      });
      this.logger.log({ cycleId: cycle.id, documentId, period, reports: reports.length }, 'cycle opened');
    }
    return { id: cycle.id, documentId, period, dueAt: cycle.due_at, reports: reports.length, created };
  }

  /** A plan that is archived or has ended (its last year is before the period) opens no cycle. */
  private async refuseIfEnded(em: EntityManager, documentId: string, period: string): Promise<void> {
    const plan = await loadPlanState(em, documentId);
    const refusal = plan && cycleRefusal(plan, period);
    if (refusal === 'DOCUMENT_ARCHIVED') {
      throw new CycleError(refusal, `Document ${documentId} was archived at ${plan?.archivedAt?.toISOString()}`);
    }
    if (refusal === 'PERIOD_BEYOND_HORIZON') {
      throw new CycleError(refusal, `${period} is after ${plan?.horizonYear}, the last year of document ${documentId}`, {
        horizonYear: plan?.horizonYear,
      });
    }
  }

  /** The scheduler's daily run: every document with open lead tasks gets its current period's cycle. */
  async openDue(): Promise<OpenedCycle[]> {
    const docs: { id: string; profile: Partial<SupervisionRules> | null; clauses: ClauseText[] }[] = await this.dataSource.query(
      `SELECT d.id, d.supervision_profile AS profile, d.supervision_clauses AS clauses FROM policy_documents d
        WHERE d.archived_at IS NULL AND EXISTS (SELECT 1 FROM tasks t JOIN assignments a ON a.task_id = t.id AND a.role = 'lead'
                       WHERE t.document_id = d.id AND t.is_task AND t.state = 'open')`,
    );
    const now = this.clock.now();
    const opened: OpenedCycle[] = [];
    for (const doc of docs) {
      const period = periodAt(effectiveRules(doc.profile, doc.clauses).cadence, now);
      const plan = await loadPlanState(this.dataSource.manager, doc.id);
      if (plan && cycleRefusal(plan, period)) continue;
      const [exists] = (await this.dataSource.query(
        `SELECT 1 FROM reporting_cycles WHERE document_id = $1 AND period = $2 AND state <> 'scheduled'`,
        [doc.id, period],
      )) as unknown[];
      if (!exists) opened.push(await this.open(null, doc.id, period));
    }
    return opened;
  }

  async getProfile(documentId: string): Promise<Required<SupervisionRules> & { fromClauses: Partial<SupervisionRules> }> {
    const doc = await this.loadDocument(this.dataSource.manager, documentId);
    return { ...effectiveRules(doc.profile, doc.clauses), fromClauses: rulesFromClauses(doc.clauses) };
  }

  /** The office changes a document's profile; cycles opened later use it, open ones keep their due time. */
  async updateProfile(actor: Actor, documentId: string, changes: Partial<SupervisionRules>): Promise<Required<SupervisionRules>> {
    const patch = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<SupervisionRules>;
    validateProfile(patch);
    return this.dataSource.transaction(async (em) => {
      const doc = await this.loadDocument(em, documentId, true);
      const before = effectiveRules(doc.profile, doc.clauses);
      const stored = { ...(doc.profile ?? {}), ...patch };
      await em.query(`UPDATE policy_documents SET supervision_profile = $2 WHERE id = $1`, [documentId, JSON.stringify(stored)]);
      const after = effectiveRules(stored, doc.clauses);
      await this.audit.record(em, {
        actorId: actor.id, actorUnitId: actor.unitId, action: 'document.supervision_profile.update',
        targetType: 'policy_document', targetId: documentId, before: { ...before }, after: { ...after },
        channel: actor.channel ?? 'api', requestId: actor.requestId ?? null,
      });
      return after;
    });
  }

  private async loadDocument(em: EntityManager, id: string, lock = false): Promise<{ profile: Partial<SupervisionRules> | null; clauses: ClauseText[] }> {
    const [doc] = (await em.query(
      `SELECT supervision_profile AS profile, supervision_clauses AS clauses FROM policy_documents WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    )) as { profile: Partial<SupervisionRules> | null; clauses: ClauseText[] }[];
    if (!doc) throw new CycleError('DOCUMENT_NOT_FOUND', `Document ${id} not found`);
    return doc;
  }

  /** Cycles with their submission rates (office and leaders). */
  async list(filter: { documentId?: string; period?: string } = {}): Promise<CycleSummary[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT c.id, c.document_id, d.title, c.period, c.state, c.opens_at, c.due_at,
              count(r.id)::int AS reports,
              count(r.first_submitted_at)::int AS submitted,
              count(*) FILTER (WHERE r.state = 'accepted')::int AS accepted,
              count(*) FILTER (WHERE r.first_submitted_at <= r.due_at)::int AS on_time,
              EXISTS (SELECT 1 FROM bulletins b WHERE b.cycle_id = c.id) AS has_bulletin
         FROM reporting_cycles c JOIN policy_documents d ON d.id = c.document_id
         LEFT JOIN status_reports r ON r.cycle_id = c.id
        WHERE ($1::uuid IS NULL OR c.document_id = $1::uuid) AND ($2::text IS NULL OR c.period = $2::text)
        GROUP BY c.id, d.title ORDER BY c.opens_at DESC, d.title`,
      [filter.documentId ?? null, filter.period ?? null],
    );
    return rows.map((r) => ({
      id: r.id as string,
      documentId: r.document_id as string,
      documentTitle: (r.title as string | null) ?? null,
      period: r.period as string,
      state: r.state as string,
      opensAt: r.opens_at as Date,
      dueAt: r.due_at as Date,
      reports: r.reports as number,
      submitted: r.submitted as number,
      accepted: r.accepted as number,
      onTime: r.on_time as number,
      submissionRate: (r.reports as number) ? (r.submitted as number) / (r.reports as number) : 0,
      hasBulletin: r.has_bulletin as boolean,
    }));
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
    } else if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 120) bad.push(`${k} must be a whole number of days 0..120`);
  }
  const merged = { ...SUPERVISION_DEFAULTS, ...p };
  if (!(merged.overdueDaysAfter < merged.supervisionDaysAfter && merged.supervisionDaysAfter < merged.leadingGroupDaysAfter)) {
    bad.push('ladder rungs must climb: overdueDaysAfter < supervisionDaysAfter < leadingGroupDaysAfter');
  }
  if (bad.length) throw new CycleError('PROFILE_INVALID', bad.join('; '), { problems: bad });
}
