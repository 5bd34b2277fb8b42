import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  addDays,
  assessmentPeriodOf,
  citeClause,
  Clock,
  CLOCK,
  periodBounds,
  shanghaiInstant,
} from '@tracker/domain';
import { BreakdownRepository, BulletinCycleRow, BulletinsRepository } from '@tracker/database';
import { BULLETIN_TEXT } from '@tracker/notify';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Actor, hasRole } from '../access/actor';
import { AssessmentsService } from '../assessments/assessments.service';
import { AuditService } from '../audit/audit.service';
import { NoticesService } from '../notices/notices.service';
import { BulletinError } from './bulletins.errors';
import { BulletinBreakdownTask, BulletinContent, renderBulletinMarkdown } from './bulletin-content';
import { bulletinWorkbookSpec } from './bulletin-workbook';
import { OffloadPool } from '../offload/offload-pool';

const rate = (n: number, d: number): number => (d ? n / d : 0);

/** The end of a period (Asia/Shanghai): the task versions in force then are the period's. */
const periodEndOf = (period: string): Date =>
  shanghaiInstant(addDays(periodBounds(period).endOn, 1));
const numberOrNull = (v: string | null): number | null => (v === null ? null : Number(v));

/** 各地分解 for the bulletin: each task of the document with a breakdown table, as of the cycle's due time. */
async function breakdownSection(
  repo: BreakdownRepository,
  c: BulletinCycleRow,
): Promise<BulletinBreakdownTask[]> {
  const tasks = await repo.tasksWithBreakdown(c.documentId, periodEndOf(c.period));
  if (!tasks.length) return [];
  const ids = tasks.map((t) => t.taskId);
  const [progress, totals] = [await repo.progress(ids, c.dueAt), await repo.totals(ids, c.dueAt)];
  return tasks.map((t) => ({
    taskId: t.taskId,
    taskLabel: t.path.join(''),
    heading: t.heading,
    targets: totals
      .filter((x) => x.taskId === t.taskId)
      .map((x) => ({
        index: x.targetIndex,
        text: t.targets[x.targetIndex]?.text ?? '',
        unit: t.targets[x.targetIndex]?.unit ?? null,
        shareTotal: x.shareTotal,
        reportedTotal: x.reportedTotal,
        percent: x.percent,
        rows: progress
          .filter((p) => p.taskId === t.taskId && p.targetIndex === x.targetIndex)
          .map((p) => ({
            unitName: p.unitName,
            share: p.share,
            reported: p.reported,
            percent: p.percent,
          })),
      })),
  }));
}

/** The quarterly bulletin (通报): compiled once per cycle, when every report is accepted or escalated to level 3. */
@Injectable()
export class BulletinsService {
  private readonly logger = new Logger(BulletinsService.name);

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notices: NoticesService,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly offload: OffloadPool,
    private readonly assessments: AssessmentsService,
  ) {}

  /**
   * The bulletin is mailed to every unit of its document, so their members may read it; another
   * unit gets the same 404 as for a bulletin not yet compiled. Office and leaders read them all.
   */
  private async requireReader(cycleId: string, actor?: Actor): Promise<void> {
    if (!actor || hasRole(actor, 'office', 'leader')) return;
    const chain = await this.access.unitChain(this.dataSource.manager, actor);
    if (!(await new BulletinsRepository(this.dataSource.manager).isReader(cycleId, chain)))
      throw new BulletinError('BULLETIN_NOT_FOUND', `Cycle ${cycleId} has no bulletin for you`);
  }

  async outstanding(em: EntityManager, cycleId: string): Promise<number> {
    return new BulletinsRepository(em).outstanding(cycleId);
  }

  /** Compiles the bulletin if the cycle is complete; PostgreSQL, not the flow, decides. */
  async compileIfComplete(cycleId: string): Promise<{ compiled: boolean; outstanding: number }> {
    return this.dataSource.transaction(async (em) => {
      const bulletins = new BulletinsRepository(em);
      const cycle = await bulletins.lockCycle(cycleId);
      if (!cycle) return { compiled: false, outstanding: 0 };
      if (await bulletins.exists(cycleId)) return { compiled: false, outstanding: 0 };
      const outstanding = await bulletins.outstanding(cycleId);
      if (outstanding > 0) return { compiled: false, outstanding };
      const content = await this.compute(em, bulletins, cycle);
      content.localities = await breakdownSection(new BreakdownRepository(em), cycle);
      await bulletins.saveAndClose(cycleId, content, this.clock.now());
      const clause = citeClause(content.documentTitle, cycle.clauses, 'bulletin');
      await this.notices.raise(em, {
        dedupKey: `bulletin/${cycleId}`,
        kind: 'bulletin',
        level: 0,
        colour: 'blue',
        text: BULLETIN_TEXT(content.documentTitle, content.period),
        clause,
        // The bulletin goes to the leaders, the office and every unit with a task in the document.
        recipients: {
          roles: ['office', 'leader'],
          unitMembers: await bulletins.unitsOfDocument(content.documentId),
        },
        cycleId,
      });
      await this.audit.record(em, {
        actorId: null,
        action: 'bulletin.compile',
        targetType: 'reporting_cycle',
        targetId: cycleId,
        after: { totals: content.totals },
        channel: 'worker',
      });
      this.logger.log({ cycleId, totals: content.totals }, 'bulletin compiled');
      return { compiled: true, outstanding: 0 };
    });
  }

  private async compute(
    em: EntityManager,
    bulletins: BulletinsRepository,
    c: BulletinCycleRow,
  ): Promise<BulletinContent> {
    const cycleId = c.id;
    const units = await bulletins.unitFigures(cycleId);
    const asOf = periodEndOf(c.period);
    const late = await bulletins.lateReports(cycleId, asOf);
    const escalated = await bulletins.escalatedReports(cycleId, asOf);
    const targets = await bulletins.targetFigures(cycleId, asOf);
    // A task the office closed (销号) counts as done, however its report of this cycle stands.
    const closed = await bulletins.closedTasks(cycleId, asOf);
    const assessmentPeriod = assessmentPeriodOf(c.period);
    const assessed = await this.assessments.scores(em, c.documentId, assessmentPeriod);
    const unitRows = units.map((u) => ({ ...u, onTimeRate: rate(u.onTime, u.reports) }));
    const sum = (k: 'reports' | 'onTime' | 'late' | 'missing' | 'accepted'): number =>
      unitRows.reduce((a, u) => a + u[k], 0);
    const escalatedTasks = escalated
      .map(({ taskPath, ...e }) => ({ ...e, taskLabel: taskPath.join('') }))
      .sort((a, b) => b.level - a.level || a.taskLabel.localeCompare(b.taskLabel));
    return {
      cycleId,
      documentId: c.documentId,
      documentTitle: c.documentTitle,
      period: c.period,
      dueAt: c.dueAt.toISOString(),
      compiledAt: this.clock.now().toISOString(),
      totals: {
        reports: sum('reports'),
        accepted: sum('accepted'),
        onTime: sum('onTime'),
        late: sum('late'),
        missing: sum('missing'),
        escalatedToLeadingGroup: escalatedTasks.filter((e) => e.level === 3).length,
        onTimeRate: rate(sum('onTime'), sum('reports')),
        closed: closed.length,
      },
      closedTasks: closed.map((t) => ({
        taskId: t.taskId,
        taskLabel: t.taskPath.join(''),
        heading: t.heading,
        closedAt: t.completedAt.toISOString(),
      })),
      units: unitRows,
      lateTasks: late.map(({ taskPath, ...r }) => ({
        ...r,
        taskLabel: taskPath.join(''),
        dueAt: r.dueAt.toISOString(),
        firstSubmittedAt: r.firstSubmittedAt?.toISOString() ?? null,
      })),
      escalatedTasks,
      targets: targets.map(({ taskPath, ...t }) => {
        const planned = numberOrNull(t.planned);
        const reported = numberOrNull(t.reported);
        return {
          ...t,
          taskLabel: taskPath.join(''),
          planned,
          reported,
          percent: planned && reported !== null ? (reported / planned) * 100 : null,
        };
      }),
      assessment: {
        period: assessmentPeriod,
        base: assessed.scheme.base,
        units: assessed.units.map((u) => ({
          unitId: u.unit.id,
          unitName: u.unit.name,
          score: u.score,
          rank: u.rank,
          deducted: u.deducted,
          added: u.added,
          events: u.lines.length,
        })),
      },
    };
  }

  /**
   * The cycle's bulletin computed afresh from PostgreSQL, without storing it: what compiling it now
   * would give. A past period reads the task versions in force at its due time, so an amendment
   * since leaves it as it was compiled (the office's check, and the test of it).
   */
  async recompute(cycleId: string): Promise<BulletinContent> {
    return this.dataSource.transaction(async (em) => {
      const bulletins = new BulletinsRepository(em);
      const cycle = await bulletins.lockCycle(cycleId);
      if (!cycle) throw new BulletinError('BULLETIN_NOT_FOUND', `Cycle ${cycleId} not found`);
      const content = await this.compute(em, bulletins, cycle);
      content.localities = await breakdownSection(new BreakdownRepository(em), cycle);
      return content;
    });
  }

  async get(
    cycleId: string,
    actor?: Actor,
  ): Promise<{ cycleId: string; compiledAt: Date; content: BulletinContent }> {
    await this.requireReader(cycleId, actor);
    const row = await new BulletinsRepository(this.dataSource.manager).find<BulletinContent>(
      cycleId,
    );
    if (!row) throw new BulletinError('BULLETIN_NOT_FOUND', `Cycle ${cycleId} has no bulletin yet`);
    return row;
  }

  async markdown(cycleId: string, actor?: Actor): Promise<{ filename: string; body: string }> {
    const { content } = await this.get(cycleId, actor);
    return {
      filename: `bulletin-${content.period}-${cycleId.slice(0, 8)}.md`,
      body: renderBulletinMarkdown(content),
    };
  }

  async workbook(cycleId: string, actor?: Actor): Promise<{ filename: string; body: Buffer }> {
    const { content } = await this.get(cycleId, actor);
    return {
      filename: `bulletin-${content.period}-${cycleId.slice(0, 8)}.xlsx`,
      body: await this.offload.workbook(bulletinWorkbookSpec(content, this.clock.now())),
    };
  }
}
