import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  addDays,
  periodBounds,
  shanghaiInstant,
  ASSESSMENT_EVENT_NAMES,
  AssessmentEvent,
  AssessmentScheme,
  Clock,
  CLOCK,
  DEFAULT_ASSESSMENT_SCHEME,
  withSchemeDefaults,
  escalationLevelName,
  PERIOD_PATTERN,
  schemeProblems,
  scoreUnits,
  UnitScore,
} from '@tracker/domain';
import { AssessmentEventRow, AssessmentRepository } from '@tracker/database';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Actor, hasRole } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { taskNumber } from '../tasks/task-read-models';
import { AssessmentError } from './assessments.errors';
import { assessmentWorkbook } from './assessment-workbook';

export interface AssessmentLine {
  kind: AssessmentEvent['kind'];
  /** What the event is called (the domain's names, so pages need no copy). */
  label: { zh: string; en: string };
  points: number;
  at: Date;
  period: string | null;
  on: string | null;
  level: number | null;
  task: { id: string; number: string; heading: string } | null;
  reportId: string | null;
  source: { type: string; id: string };
  note: string | null;
}

export interface UnitAssessment {
  unit: { id: string; name: string };
  score: number;
  rank: number;
  deducted: number;
  added: number;
  lines: AssessmentLine[];
}

export interface DocumentAssessment {
  documentId: string;
  documentTitle: string | null;
  period: string;
  scheme: AssessmentScheme;
  /** Units ranked; for an agency member only its own unit (its rank among all). */
  units: UnitAssessment[];
  /** How many units were ranked. */
  rankedUnits: number;
}

export interface SchemeView {
  documentId: string;
  scheme: AssessmentScheme;
  isDefault: boolean;
  updatedAt: Date | null;
}

type TaskRef = { path: string[] | null; heading: string | null };

function toEvent(r: AssessmentEventRow): AssessmentEvent & TaskRef {
  return {
    kind: r.kind,
    unitId: r.unit_id,
    at: new Date(r.at).toISOString(),
    period: r.period,
    on: r.on,
    level: r.level,
    points: r.points === null ? null : Number(r.points),
    taskId: r.task_id,
    reportId: r.report_id,
    source: { type: r.source_type, id: r.source_id },
    note: r.note,
    path: r.path,
    heading: r.heading,
  };
}

function toUnitView(s: UnitScore): UnitAssessment {
  return {
    unit: { id: s.unitId, name: s.unitName },
    score: s.score,
    rank: s.rank,
    deducted: s.deducted,
    added: s.added,
    lines: s.lines.map(({ event, points }) => {
      const e = event as AssessmentEvent & TaskRef;
      const name = ASSESSMENT_EVENT_NAMES[e.kind];
      const level = e.kind === 'escalation_rung' && e.level ? escalationLevelName(e.level) : null;
      return {
        kind: e.kind,
        label: level ? { zh: `${name.zh}：${level.zh}`, en: `${name.en}: ${level.en}` } : name,
        points,
        at: new Date(e.at),
        period: e.period ?? null,
        on: e.on ?? null,
        level: e.level ?? null,
        task:
          e.taskId && e.path
            ? { id: e.taskId, number: taskNumber(e.path), heading: e.heading ?? '' }
            : null,
        reportId: e.reportId ?? null,
        source: e.source,
        note: e.note ?? null,
      };
    }),
  };
}

const invalid = (field: string, why: string): AssessmentError =>
  new AssessmentError('VALIDATION_FAILED', `${field} ${why}`, { fields: { [field]: [why] } });

/**
 * 考核评估: per document and period, each unit's score under the document's scheme, computed from
 * what happened (see AssessmentRepository), with the office's reasoned adjustments. The office and
 * leaders see every unit; an agency member sees its own unit's breakdown only.
 */
@Injectable()
export class AssessmentsService {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async scheme(actor: Actor, documentId: string): Promise<SchemeView> {
    if (!hasRole(actor, 'office', 'leader'))
      throw new AssessmentError('FORBIDDEN', 'Only the office and leaders read the scoring scheme');
    const repo = new AssessmentRepository(this.dataSource.manager);
    await this.requireDocument(repo, documentId);
    return this.schemeOf(repo, documentId);
  }

  async updateScheme(
    actor: Actor,
    documentId: string,
    proposed: AssessmentScheme,
  ): Promise<SchemeView> {
    if (!hasRole(actor, 'office'))
      throw new AssessmentError('FORBIDDEN', 'Only the office edits the scoring scheme');
    const problems = schemeProblems(proposed);
    if (Object.keys(problems).length)
      throw new AssessmentError('VALIDATION_FAILED', 'The scheme has invalid points', {
        fields: problems,
      });
    const scheme: AssessmentScheme = {
      base: proposed.base,
      lateReport: proposed.lateReport,
      escalationRung: { '2': proposed.escalationRung['2'], '3': proposed.escalationRung['3'] },
      reportReturned: proposed.reportReturned,
      declinedNotReassigned: proposed.declinedNotReassigned,
      completedOnTime: proposed.completedOnTime,
      urged: proposed.urged,
    };
    await this.dataSource.transaction(async (em) => {
      const repo = new AssessmentRepository(em);
      await this.requireDocument(repo, documentId);
      const before = await this.schemeOf(repo, documentId);
      await repo.saveScheme(documentId, scheme, actor.id, this.clock.now());
      await this.record(
        em,
        actor,
        'assessment.scheme_update',
        'policy_document',
        documentId,
        { scheme: before.scheme },
        { scheme },
      );
    });
    return this.schemeOf(new AssessmentRepository(this.dataSource.manager), documentId);
  }

  /**
   * Every unit's score for a period under the document's scheme, for a reader already admitted
   * (the bulletin compiles it; `assess` admits and scopes).
   */
  async scores(
    em: EntityManager,
    documentId: string,
    period: string,
  ): Promise<{ scheme: AssessmentScheme; units: UnitAssessment[] }> {
    const repo = new AssessmentRepository(em);
    const { scheme } = await this.schemeOf(repo, documentId);
    // The units that held parts by the period's end (an amendment since brings in no new ones).
    const units = await repo.units(
      documentId,
      shanghaiInstant(addDays(periodBounds(period).endOn, 1)),
    );
    const events = (await repo.events(documentId)).map(toEvent);
    return { scheme, units: scoreUnits(units, events, scheme, period).map(toUnitView) };
  }

  async assess(actor: Actor, documentId: string, period: string): Promise<DocumentAssessment> {
    const em = this.dataSource.manager;
    const repo = new AssessmentRepository(em);
    const title = await this.requireDocument(repo, documentId);
    const { scheme, units: scored } = await this.scores(em, documentId, period);
    const scope = await this.access.scope(em, actor);
    const visible = scope.all ? scored : scored.filter((u) => scope.unitIds.includes(u.unit.id));
    // An agency member with no part in the document gets what a missing document gets.
    if (!scope.all && visible.length === 0)
      throw new AssessmentError('DOCUMENT_NOT_FOUND', `Document ${documentId} not found`);
    return {
      documentId,
      documentTitle: title,
      period,
      scheme,
      units: visible,
      rankedUnits: scored.length,
    };
  }

  /** One unit's score and the events behind each point; another unit's answers 404 for an agency member. */
  async unitBreakdown(
    actor: Actor,
    documentId: string,
    unitId: string,
    period: string,
  ): Promise<
    UnitAssessment & { rankedUnits: number; period: string; documentTitle: string | null }
  > {
    if (!hasRole(actor, 'office', 'leader')) {
      const own = await this.access.unitChain(this.dataSource.manager, actor);
      if (!own.includes(unitId))
        throw new AssessmentError('UNIT_NOT_FOUND', `Unit ${unitId} not found`);
    }
    const all = await this.assess(actor, documentId, period);
    const unit = all.units.find((u) => u.unit.id === unitId);
    if (!unit)
      throw new AssessmentError(
        'UNIT_NOT_FOUND',
        `Unit ${unitId} has no part in document ${documentId}`,
      );
    return { ...unit, rankedUnits: all.rankedUnits, period, documentTitle: all.documentTitle };
  }

  async adjust(
    actor: Actor,
    documentId: string,
    a: { unitId: string; period: string; points: number; reason: string },
  ): Promise<UnitAssessment> {
    if (!hasRole(actor, 'office'))
      throw new AssessmentError('FORBIDDEN', 'Only the office adjusts scores');
    const reason = (a.reason ?? '').trim();
    if (!reason) throw invalid('reason', 'must give the reason for the adjustment');
    if (!PERIOD_PATTERN.test(a.period))
      throw invalid('period', 'must be a reporting period like 2020-Q3');
    if (
      !Number.isFinite(a.points) ||
      a.points === 0 ||
      Math.abs(a.points) > 1_000 ||
      Math.round(a.points * 100) !== a.points * 100
    ) {
      throw invalid(
        'points',
        'must be a non-zero number from -1000 to 1000 with at most two decimals',
      );
    }
    await this.dataSource.transaction(async (em) => {
      const repo = new AssessmentRepository(em);
      await this.requireDocument(repo, documentId);
      if (!(await repo.units(documentId)).some((u) => u.id === a.unitId))
        throw new AssessmentError(
          'UNIT_NOT_FOUND',
          `Unit ${a.unitId} has no part in document ${documentId}`,
        );
      const id = await repo.insertAdjustment({
        documentId,
        unitId: a.unitId,
        period: a.period,
        points: a.points,
        reason,
        createdBy: actor.id,
        at: this.clock.now(),
      });
      await this.record(em, actor, 'assessment.adjust', 'assessment_adjustment', id, null, {
        documentId,
        unitId: a.unitId,
        period: a.period,
        points: a.points,
        reason,
      });
    });
    return this.unitBreakdown(actor, documentId, a.unitId, a.period);
  }

  /** The assessment as a workbook: ranking, then every point with the record behind it (office and leaders). */
  async workbook(
    actor: Actor,
    documentId: string,
    period: string,
  ): Promise<{ filename: string; content: Buffer }> {
    if (!hasRole(actor, 'office', 'leader'))
      throw new AssessmentError('FORBIDDEN', 'Only the office and leaders export the assessment');
    const a = await this.assess(actor, documentId, period);
    return {
      filename: `考核评估-${a.documentTitle ?? documentId}-${period}.xlsx`,
      content: await assessmentWorkbook(a),
    };
  }

  private async schemeOf(repo: AssessmentRepository, documentId: string): Promise<SchemeView> {
    const row = await repo.scheme(documentId);
    return row
      ? {
          documentId,
          scheme: withSchemeDefaults(row.scheme),
          isDefault: false,
          updatedAt: new Date(row.updated_at),
        }
      : { documentId, scheme: DEFAULT_ASSESSMENT_SCHEME, isDefault: true, updatedAt: null };
  }

  private async requireDocument(
    repo: AssessmentRepository,
    documentId: string,
  ): Promise<string | null> {
    const doc = await repo.documentTitle(documentId);
    if (!doc) throw new AssessmentError('DOCUMENT_NOT_FOUND', `Document ${documentId} not found`);
    return doc.title;
  }

  private record(
    em: EntityManager,
    actor: Actor,
    action: string,
    targetType: string,
    targetId: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.byActor(em, actor, {
      action,
      targetType,
      targetId,
      before,
      after,
    });
  }
}
