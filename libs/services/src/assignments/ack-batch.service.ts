import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, CLOCK } from '@tracker/domain';
import { AssignmentsRepository } from '@tracker/database';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { AssignmentError } from './assignments.errors';

export interface AckBatchResult {
  acknowledged: string[];
  /** Already acknowledged: nothing to do. */
  alreadyAcknowledged: string[];
  /** Left pending because the unit means to decline them one by one. */
  leftPending: string[];
}

/**
 * "Acknowledge all": a unit acknowledges many of its pending assignments in one transaction —
 * every one it holds, or the ones it names — leaving out those it will decline one by one. An id
 * that is not the unit's answers 404 and changes nothing.
 */
@Injectable()
export class AckBatchService {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async acknowledgeMany(
    actor: Actor,
    opts: { assignmentIds?: string[]; except?: string[] },
  ): Promise<AckBatchResult> {
    return this.dataSource.transaction(async (em) => {
      const units = await this.access.unitChain(em, actor);
      const named = opts.assignmentIds ?? null;
      const assignments = new AssignmentsRepository(em);
      const rows = units.length ? await assignments.lockOfUnits(units, named) : [];
      const missing = (named ?? []).filter((id) => !rows.some((r) => r.id === id));
      if (missing.length)
        throw new AssignmentError(
          'ASSIGNMENT_NOT_FOUND',
          `Assignment ${missing.join(', ')} not found`,
          { assignmentIds: missing },
        );
      const closed = rows.filter((r) => r.state !== 'pending' && r.state !== 'acknowledged');
      if (closed.length) {
        throw new AssignmentError(
          'ASSIGNMENT_STATE_CONFLICT',
          `Assignment ${closed.map((r) => `${r.id} is ${r.state}`).join(', ')}`,
          {
            assignmentIds: closed.map((r) => r.id),
          },
        );
      }
      const except = new Set(opts.except ?? []);
      const toAck = rows.filter((r) => r.state === 'pending' && !except.has(r.id)).map((r) => r.id);
      const now = this.clock.now();
      if (toAck.length) {
        await assignments.acknowledgeMany(toAck, now, actor.id);
      }
      for (const id of toAck) {
        await this.audit.byActor(em, actor, {
          action: 'assignment.acknowledge',
          targetType: 'assignment',
          targetId: id,
          before: { state: 'pending' },
          after: { state: 'acknowledged', batch: true },
        });
      }
      return {
        acknowledged: toAck,
        alreadyAcknowledged: rows.filter((r) => r.state === 'acknowledged').map((r) => r.id),
        leftPending: rows.filter((r) => r.state === 'pending' && except.has(r.id)).map((r) => r.id),
      };
    });
  }
}
