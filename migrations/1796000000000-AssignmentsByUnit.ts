import { MigrationInterface, QueryRunner } from 'typeorm';

/** A unit's assignments in any state (my tasks lists declined ones too, which the partial index leaves out). */
export class AssignmentsByUnit1796000000000 implements MigrationInterface {
  name = 'AssignmentsByUnit1796000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_assignments_unit" ON "assignments" ("unit_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_assignments_unit"`);
  }
}
