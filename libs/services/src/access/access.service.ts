import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessError } from './access.errors';
import { Actor, hasRole } from './actor';

/** What an actor may read: everything (office, leader) or the tasks its unit chain holds. */
export type AccessScope = { all: true } | { all: false; unitIds: string[] };

import { HELD_ASSIGNMENT_STATES, UNIT_CHAIN_SQL } from '@tracker/database';

export { HELD_ASSIGNMENT_STATES, UNIT_CHAIN_SQL };

/**
 * Scoping happens in SQL: callers put `scope.unitIds` into their WHERE clauses; rows that are
 * missing and rows that are not the actor's give the same not-found error.
 */
@Injectable()
export class AccessService {
  async scope(em: EntityManager, actor: Actor): Promise<AccessScope> {
    if (hasRole(actor, 'office', 'leader')) return { all: true };
    return { all: false, unitIds: await this.unitChain(em, actor) };
  }

  /** The actor's unit and its former names; empty for accounts without a unit. */
  async unitChain(em: EntityManager, actor: Actor): Promise<string[]> {
    if (!actor.unitId || !hasRole(actor, 'agency')) return [];
    const rows: { id: string }[] = await em.query(UNIT_CHAIN_SQL, [actor.unitId]);
    return rows.map((r) => r.id);
  }

  /** Throws TASK_NOT_FOUND unless the task exists and the actor may see it (one query). */
  async requireTask(em: EntityManager, actor: Actor, taskId: string): Promise<void> {
    const scope = await this.scope(em, actor);
    const rows: unknown[] = scope.all
      ? await em.query(`SELECT 1 FROM tasks WHERE id = $1`, [taskId])
      : await em.query(
          `SELECT 1 FROM tasks t WHERE t.id = $1 AND EXISTS (
             SELECT 1 FROM assignments a WHERE a.task_id = t.id AND a.unit_id = ANY($2::uuid[])
               AND a.state IN ${HELD_ASSIGNMENT_STATES})`,
          [taskId, scope.unitIds],
        );
    if (rows.length === 0) throw new AccessError('TASK_NOT_FOUND', `Task ${taskId} not found`);
  }
}
