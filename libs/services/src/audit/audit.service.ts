import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK } from '@tracker/domain';
import { AuditEntry } from '@tracker/database';
import { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';

export interface AuditRecord {
  actorId: string | null;
  actorUnitId?: string | null;
  action: string;
  targetType: string;
  targetId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  channel?: 'web' | 'api' | 'email' | 'worker' | 'cli';
  requestId?: string | null;
}

/** Writes audit entries; always called with the transaction's manager so the entry commits with the change. */
@Injectable()
export class AuditService {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  async record(em: EntityManager, entry: AuditRecord): Promise<void> {
    const row: Partial<AuditEntry> = {
      at: this.clock.now(),
      actorId: entry.actorId,
      actorUnitId: entry.actorUnitId ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      before: entry.before ?? null,
      after: entry.after ?? null,
      channel: entry.channel ?? 'api',
      requestId: entry.requestId ?? null,
    };
    await em.getRepository(AuditEntry).insert(row as never); // jsonb columns defeat TypeORM's deep-partial typing
  }

  /** An entry for what a signed-in actor did: who, from which unit, by which channel and request. */
  byActor(
    em: EntityManager,
    actor: Actor,
    change: Omit<AuditRecord, 'actorId' | 'actorUnitId' | 'channel' | 'requestId'>,
  ): Promise<void> {
    return this.record(em, {
      ...change,
      actorId: actor.id,
      actorUnitId: actor.unitId,
      channel: actor.channel ?? 'api',
      requestId: actor.requestId ?? null,
    });
  }
}
