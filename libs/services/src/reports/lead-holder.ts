import { EntityManager } from 'typeorm';

/**
 * Whether the report's unit still holds the task's lead assignment (pending or acknowledged). A
 * unit that declined, or whose task the office reassigned, no longer reads, drafts or files it.
 */
export async function holdsLead(em: EntityManager, taskId: string, unitId: string): Promise<boolean> {
  const rows: unknown[] = await em.query(
    `SELECT 1 FROM assignments WHERE task_id = $1 AND unit_id = $2 AND role = 'lead' AND state IN ('pending', 'acknowledged') LIMIT 1`,
    [taskId, unitId],
  );
  return rows.length > 0;
}

/** The same test inside a report query, for the report row aliased `r`. */
export const holdsLeadSql = (r: string): string =>
  `EXISTS (SELECT 1 FROM assignments la WHERE la.task_id = ${r}.task_id AND la.unit_id = ${r}.unit_id AND la.role = 'lead' AND la.state IN ('pending', 'acknowledged'))`;
