import { MigrationInterface, QueryRunner } from 'typeorm';

/** A task's end: the lead unit's completion request (办结申请) and the office's closing (销号) or return. */
export class TaskCompletion1795637251873 implements MigrationInterface {
  name = 'TaskCompletion1795637251873';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "tasks" ADD "completion_requested_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(`ALTER TABLE "tasks" ADD "completion_report_id" uuid`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "closed_by" uuid`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "completion_comment" text`);
    await queryRunner.query(
      `ALTER TABLE "tasks" ADD "completion_returned_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "status_reports" ADD "is_completion_request" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_tasks_completion_requested" ON "tasks" ("completion_requested_at") WHERE "state" = 'open' AND "completion_requested_at" IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "tasks" ADD CONSTRAINT "FK_tasks_completion_report" FOREIGN KEY ("completion_report_id") REFERENCES "status_reports"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tasks" DROP CONSTRAINT "FK_tasks_completion_report"`);
    await queryRunner.query(`DROP INDEX "public"."ix_tasks_completion_requested"`);
    await queryRunner.query(`ALTER TABLE "status_reports" DROP COLUMN "is_completion_request"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "completion_returned_at"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "completion_comment"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "closed_by"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "completion_report_id"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "completion_requested_at"`);
  }
}
