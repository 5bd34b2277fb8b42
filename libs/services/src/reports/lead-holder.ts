import { ReportsRepository } from '@tracker/database';
import { EntityManager } from 'typeorm';

/**
 * Whether the report's unit still holds the task's lead assignment (pending or acknowledged). A
 * unit that declined, or whose task the office reassigned, no longer reads, drafts or files it.
 */
export function holdsLead(em: EntityManager, taskId: string, unitId: string): Promise<boolean> {
  return new ReportsRepository(em).holdsLead(taskId, unitId);
}
