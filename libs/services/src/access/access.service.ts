import { Injectable } from '@nestjs/common';
import { TasksRepository, UnitsRepository } from '@tracker/database';
import { EntityManager } from 'typeorm';
import { AccessError } from './access.errors';
import { Actor, hasRole } from './actor';

/** What an actor may read: everything (office, leader) or the tasks its unit chain holds. */
export type AccessScope = { all: true } | { all: false; unitIds: string[] };

/**
 * Scoping happens in SQL: callers pass `scope.unitIds` to the repositories' filters; rows that
 * are missing and rows that are not the actor's give the same not-found error.
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
    return new UnitsRepository(em).chain(actor.unitId);
  }

  /** Throws TASK_NOT_FOUND unless the task exists and the actor may see it (one query). */
  async requireTask(em: EntityManager, actor: Actor, taskId: string): Promise<void> {
    const scope = await this.scope(em, actor);
    if (!(await new TasksRepository(em).isVisible(taskId, scope.all ? null : scope.unitIds)))
      throw new AccessError('TASK_NOT_FOUND', `Task ${taskId} not found`);
  }
}
