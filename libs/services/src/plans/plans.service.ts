import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, CLOCK, periodAt } from '@tracker/domain';
import { CyclesRepository, PlansRepository } from '@tracker/database';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { loadPlanState, PlanState } from './plan-state';
import { PlanError } from './plans.errors';

/** A plan's end: the year it runs to (read from its text or set by the office), and archiving it. */
@Injectable()
export class PlansService {
  private readonly logger = new Logger(PlansService.name);

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(documentId: string): Promise<PlanState> {
    return this.require(this.dataSource.manager, documentId);
  }

  /** The office sets (extends or corrects) the plan's last year; null goes back to the text's. */
  async setHorizon(
    actor: Actor,
    documentId: string,
    horizonYear: number | null,
  ): Promise<PlanState> {
    const currentYear = Number(periodAt('yearly', this.clock.now()).slice(0, 4));
    if (
      horizonYear !== null &&
      (!Number.isInteger(horizonYear) || horizonYear < 2000 || horizonYear > currentYear + 30)
    ) {
      throw new PlanError(
        'PLAN_HORIZON_INVALID',
        `horizonYear must be a year from 2000 to ${currentYear + 30}`,
        {
          fields: { horizonYear: [`must be a year from 2000 to ${currentYear + 30}`] },
        },
      );
    }
    return this.dataSource.transaction(async (em) => {
      const before = await this.require(em, documentId, true);
      if (before.archivedAt)
        throw new PlanError(
          'DOCUMENT_ARCHIVED',
          `Document ${documentId} was archived at ${before.archivedAt.toISOString()}`,
        );
      await new PlansRepository(em).setHorizon(documentId, horizonYear);
      await this.record(
        em,
        actor,
        'document.horizon.update',
        documentId,
        { horizonYear: before.horizonYear },
        { horizonYear },
      );
      return this.require(em, documentId);
    });
  }

  /** Archives a plan: its open cycles close, so no cycle, notice or digest line comes from it again. */
  async archive(actor: Actor, documentId: string): Promise<PlanState & { closedCycles: number }> {
    return this.dataSource.transaction(async (em) => {
      const before = await this.require(em, documentId, true);
      if (before.archivedAt) return { ...before, closedCycles: 0 };
      const now = this.clock.now();
      await new PlansRepository(em).archive(documentId, now, actor.id);
      const closedCycles = await new CyclesRepository(em).closeAllOf(documentId, now);
      await this.record(em, actor, 'document.archive', documentId, null, {
        archivedAt: now.toISOString(),
        closedCycles,
      });
      this.logger.log({ documentId, closedCycles }, 'plan archived');
      return { ...(await this.require(em, documentId)), closedCycles };
    });
  }

  private async require(em: EntityManager, documentId: string, lock = false): Promise<PlanState> {
    const plan = await loadPlanState(em, documentId, lock);
    if (!plan) throw new PlanError('DOCUMENT_NOT_FOUND', `Document ${documentId} not found`);
    return plan;
  }

  private record(
    em: EntityManager,
    actor: Actor,
    action: string,
    id: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.byActor(em, actor, {
      action,
      targetType: 'policy_document',
      targetId: id,
      before,
      after,
    });
  }
}
