import { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS_BEFORE = `'reminder', 'overdue', 'supervision', 'leading_group', 'ack_request', 'ack_reminder', 'ack_overdue', 'deadline_overdue', 'decline', 'extension_request', 'extension_decision', 'report_returned', 'bulletin', 'urge', 'completion_request', 'completion_decision', 'password_help', 'password_reset'`;

/**
 * Amendments (动态调整): every version of a task's units, deadline, targets and text is kept, with
 * its reason and who made it; the task row carries the version in force and a deadline epoch for
 * the final-deadline rungs; the units concerned get a `task_amended` notice.
 */
export class TaskVersions1796770000000 implements MigrationInterface {
  name = 'TaskVersions1796770000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "task_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "task_id" uuid NOT NULL, "version" integer NOT NULL, "effective_from" TIMESTAMP WITH TIME ZONE NOT NULL, "source" text NOT NULL, "heading" text NOT NULL, "body" text NOT NULL, "deadline_text" text, "deadline_on" date, "targets" jsonb NOT NULL, "lead_unit_ids" uuid array NOT NULL, "support_unit_ids" uuid array NOT NULL, "changed" text array NOT NULL DEFAULT '{}', "reason" text, "amended_by" uuid, CONSTRAINT "ck_task_versions_reason" CHECK ("version" = 1 OR "reason" IS NOT NULL), CONSTRAINT "ck_task_versions_source" CHECK ("source" IN ('import', 'amendment', 'reimport')), CONSTRAINT "PK_66ea8304aab1f37b3c26f02a9e1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_task_versions_task_version" ON "task_versions" ("task_id", "version") `,
    );
    await queryRunner.query(
      `ALTER TABLE "tasks" ADD "deadline_epoch" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(`ALTER TABLE "tasks" ADD "version" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(
      `ALTER TABLE "task_versions" ADD CONSTRAINT "FK_aad2d877ca2e1ec1df8dd37a265" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "task_versions" ADD CONSTRAINT "FK_417aaab805824df8cd29fa24dde" FOREIGN KEY ("amended_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "notices" DROP CONSTRAINT "ck_notices_kind"`);
    await queryRunner.query(
      `ALTER TABLE "notices" ADD CONSTRAINT "ck_notices_kind" CHECK ("kind" IN (${KINDS_BEFORE}, 'task_amended'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "notices" WHERE "kind" = 'task_amended'`);
    await queryRunner.query(`ALTER TABLE "notices" DROP CONSTRAINT "ck_notices_kind"`);
    await queryRunner.query(
      `ALTER TABLE "notices" ADD CONSTRAINT "ck_notices_kind" CHECK ("kind" IN (${KINDS_BEFORE}))`,
    );
    await queryRunner.query(`DROP TABLE "task_versions"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "version"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "deadline_epoch"`);
  }
}
