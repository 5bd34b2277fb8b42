import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the paged lists under load: a unit's held assignments covering state, role and
 * task (replacing the bare unit index), and the tasks in number and deadline order.
 */
export class ListIndexes1796500000000 implements MigrationInterface {
  name = 'ListIndexes1796500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_assignments_unit_held" ON "assignments" ("unit_id", "state", "role", "task_id") `,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_assignments_unit"`);
    await queryRunner.query(
      `CREATE INDEX "ix_tasks_document_ordinal" ON "tasks" ("document_id", "ordinal") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_tasks_deadline" ON "tasks" ("deadline_on") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_tasks_deadline"`);
    await queryRunner.query(`DROP INDEX "public"."ix_tasks_document_ordinal"`);
    await queryRunner.query(`CREATE INDEX "ix_assignments_unit" ON "assignments" ("unit_id") `);
    await queryRunner.query(`DROP INDEX "public"."ix_assignments_unit_held"`);
  }
}
