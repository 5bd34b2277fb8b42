import { MigrationInterface, QueryRunner } from 'typeorm';

/** The highest final-deadline rung raised per lead assignment, so the daily sweep skips what it has told. */
export class DeadlineRungMark1796500000001 implements MigrationInterface {
  name = 'DeadlineRungMark1796500000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "assignments" ADD "deadline_rung" smallint NOT NULL DEFAULT '0'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "assignments" DROP COLUMN "deadline_rung"`);
  }
}
