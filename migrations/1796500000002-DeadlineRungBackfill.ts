import { MigrationInterface, QueryRunner } from 'typeorm';

/** Data: each lead assignment's deadline rung from the deadline notices already raised for its task and unit. */
export class DeadlineRungBackfill1796500000002 implements MigrationInterface {
  name = 'DeadlineRungBackfill1796500000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE assignments a SET deadline_rung = n.level
         FROM (SELECT task_id, unit_id, max(level) AS level FROM notices WHERE kind = 'deadline_overdue' GROUP BY task_id, unit_id) n
        WHERE a.task_id = n.task_id AND a.unit_id = n.unit_id AND a.role = 'lead' AND a.deadline_rung < n.level`,
    );
  }

  public async down(): Promise<void> {
    // The column goes with the DDL migration's down; nothing to undo here.
  }
}
