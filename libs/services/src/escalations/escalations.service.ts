import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { decodeCursor, encodeCursor, KeysetPage, PAGE_LIMIT } from '@tracker/common';
import { Clock, CLOCK } from '@tracker/domain';
import {
  EscalationFilter,
  EscalationKeyRow,
  EscalationsRepository,
  EscalationViewRow,
} from '@tracker/database';
import { REVIEW_TEXT } from '@tracker/notify';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { ExtensionsService } from '../extensions/extensions.service';
import { LadderJobsService } from '../ladder/ladder-jobs.service';
import { cite, loadReport, reportContext } from '../ladder/report-row';
import { NoticesService } from '../notices/notices.service';
import { EscalationError } from './escalations.errors';
import { afterCommit, requireQueue } from '../queue-deadline';

export type { EscalationFilter };

/** An escalation as the office's board shows it: the repository's row with the task's number as one label. */
export type EscalationView = Omit<EscalationViewRow, 'taskPath'> & { taskLabel: string };

export interface EscalationListQuery extends EscalationFilter {
  cursor?: string;
  limit?: number;
}

export interface EscalationPage extends KeysetPage<EscalationView> {
  /** Escalations the filter holds, on every page. */
  total: number;
}

// The board's sort key: level, raised at (microseconds since the epoch), id.
const ESCALATION_KEY = ['int', 'micros', 'uuid'] as const;

/** The office's review of escalations: list, grant an extension, issue a supervision order, resolve. */
@Injectable()
export class EscalationsService {
  private readonly logger = new Logger(EscalationsService.name);

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notices: NoticesService,
    private readonly extensions: ExtensionsService,
    private readonly ladderJobs: LadderJobsService,
  ) {}

  /**
   * A page of escalations by filter, highest level and newest first, after the cursor of the
   * page before; `total` counts the whole filter (a statement of its own).
   */
  async list(q: EscalationListQuery = {}): Promise<EscalationPage> {
    const { cursor, limit, ...filter } = q;
    const after = cursor ? decodeCursor(cursor, ESCALATION_KEY) : null;
    const repo = new EscalationsRepository(this.dataSource.manager);
    const { rows, next } = await repo.page(
      filter,
      after ? [...after] : null,
      limit ?? PAGE_LIMIT.DEFAULT,
    );
    return {
      items: rows.map(toView),
      nextCursor: next ? encodeCursor(next) : null,
      total: await repo.count(filter),
    };
  }

  async get(id: string): Promise<EscalationView> {
    const row = await new EscalationsRepository(this.dataSource.manager).view(id);
    if (!row) throw new EscalationError('ESCALATION_NOT_FOUND', `Escalation ${id} not found`);
    return toView(row);
  }

  private async lockOpen(em: EntityManager, id: string): Promise<EscalationKeyRow> {
    const e = await new EscalationsRepository(em).lock(id);
    if (!e) throw new EscalationError('ESCALATION_NOT_FOUND', `Escalation ${id} not found`);
    if (e.state === 'resolved') {
      throw new EscalationError(
        'ESCALATION_ALREADY_RESOLVED',
        `Escalation ${id} was resolved at ${e.resolvedAt?.toISOString()}`,
      );
    }
    return e;
  }

  /** Grants a new due date: the ladder resets and re-times from it; jobs timed for the old one do nothing. */
  async grantExtension(
    actor: Actor,
    id: string,
    dueOn: string,
    comment?: string,
  ): Promise<EscalationView> {
    await requireQueue(this.ladderJobs, 'escalation.extend');
    const moved = await this.dataSource.transaction(async (em) => {
      const e = await this.lockOpen(em, id);
      const r = e.reportId ? await loadReport(em, e.reportId, true) : null;
      if (!r)
        throw new EscalationError(
          'ESCALATION_NOT_FOUND',
          `Escalation ${id} has no report to extend`,
        );
      const result = await this.extensions.extendInTx(em, actor, r, dueOn, comment ?? null);
      await this.record(em, actor, 'escalation.grant_extension', id, {
        dueOn,
        comment: comment ?? null,
      });
      return result;
    });
    await afterCommit(this.logger, 'escalation.extend', () =>
      this.ladderJobs.retime(moved.target, moved.oldEpoch),
    );
    return this.get(id);
  }

  /** A supervision order (督办) to the unit and its head, with the office's comment. */
  async issueSupervisionOrder(actor: Actor, id: string, comment: string): Promise<EscalationView> {
    await this.dataSource.transaction(async (em) => {
      const e = await this.lockOpen(em, id);
      const now = this.clock.now();
      await new EscalationsRepository(em).markSupervising(id, now, actor.id, comment);
      const r = e.reportId ? await loadReport(em, e.reportId) : null;
      if (r) {
        const clause = cite(r, 'supervision');
        await this.notices.raise(em, {
          dedupKey: `supervision_order/${id}`,
          kind: 'supervision',
          level: e.level,
          colour: e.colour,
          text: REVIEW_TEXT.supervisionOrder(reportContext(r), comment, clause),
          clause,
          recipients: { unitMembers: [r.unitId], unitHeads: [r.unitId] },
          taskId: r.taskId,
          unitId: r.unitId,
          cycleId: r.cycleId,
          reportId: r.id,
        });
      }
      await this.record(em, actor, 'escalation.supervise', id, { comment });
    });
    return this.get(id);
  }

  async resolve(actor: Actor, id: string, comment?: string): Promise<EscalationView> {
    await this.dataSource.transaction(async (em) => {
      await this.lockOpen(em, id);
      const now = this.clock.now();
      await new EscalationsRepository(em).markResolved(id, now, actor.id, comment ?? null);
      await this.record(em, actor, 'escalation.resolve', id, { comment: comment ?? null });
    });
    return this.get(id);
  }

  private record(
    em: EntityManager,
    actor: Actor,
    action: string,
    id: string,
    after: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.byActor(em, actor, {
      action,
      targetType: 'escalation',
      targetId: id,
      after,
    });
  }
}

function toView({ taskPath, ...e }: EscalationViewRow): EscalationView {
  return { ...e, taskLabel: taskPath.join('') };
}
