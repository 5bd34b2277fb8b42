import { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS_BEFORE = `'reminder', 'overdue', 'supervision', 'leading_group', 'ack_request', 'ack_reminder', 'ack_overdue', 'deadline_overdue', 'decline', 'extension_request', 'extension_decision', 'report_returned', 'bulletin'`;

/** The office's urging (催办) of a unit on a task: one row per task, unit and business day; a notice kind `urge`. */
export class Urgings1796600000000 implements MigrationInterface {
  name = 'Urgings1796600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notices" DROP CONSTRAINT "ck_notices_kind"`);
    await queryRunner.query(
      `ALTER TABLE "notices" ADD CONSTRAINT "ck_notices_kind" CHECK ("kind" IN (${KINDS_BEFORE}, 'urge'))`,
    );
    await queryRunner.query(
      `CREATE TABLE "urgings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "task_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "urged_by" uuid NOT NULL, "comment" text, "urged_on" date NOT NULL, "urged_at" TIMESTAMP WITH TIME ZONE NOT NULL, "notice_id" uuid, CONSTRAINT "PK_c7ec35123395d7a4f079659c7d6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_urgings_unit" ON "urgings" ("unit_id", "urged_at") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_urgings_task_unit_day" ON "urgings" ("task_id", "unit_id", "urged_on") `,
    );
    await queryRunner.query(
      `ALTER TABLE "urgings" ADD CONSTRAINT "FK_8acfb2d9b3a3f93f2594564da78" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "urgings" ADD CONSTRAINT "FK_5d64146fef22a439d6215cdcfab" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "urgings" ADD CONSTRAINT "FK_a6a10a7188214f96c6afa52630f" FOREIGN KEY ("urged_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "urgings" ADD CONSTRAINT "FK_535d4a9f83a635dffc16db3c617" FOREIGN KEY ("notice_id") REFERENCES "notices"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "urgings"`);
    await queryRunner.query(`DELETE FROM "notices" WHERE "kind" = 'urge'`);
    await queryRunner.query(`ALTER TABLE "notices" DROP CONSTRAINT "ck_notices_kind"`);
    await queryRunner.query(
      `ALTER TABLE "notices" ADD CONSTRAINT "ck_notices_kind" CHECK ("kind" IN (${KINDS_BEFORE}))`,
    );
  }
}
