import { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS_BEFORE = `'reminder', 'overdue', 'supervision', 'leading_group', 'ack_request', 'ack_reminder', 'ack_overdue', 'deadline_overdue', 'decline', 'extension_request', 'extension_decision', 'report_returned', 'bulletin', 'urge'`;

/** Notice kinds for the task's end: the lead asks to close (to the office), the office decides (to the lead). */
export class CompletionNotices1796700000000 implements MigrationInterface {
  name = 'CompletionNotices1796700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notices" DROP CONSTRAINT "ck_notices_kind"`);
    await queryRunner.query(
      `ALTER TABLE "notices" ADD CONSTRAINT "ck_notices_kind" CHECK ("kind" IN (${KINDS_BEFORE}, 'completion_request', 'completion_decision'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DELETE FROM "notices" WHERE "kind" IN ('completion_request', 'completion_decision')`,
    );
    await queryRunner.query(`ALTER TABLE "notices" DROP CONSTRAINT "ck_notices_kind"`);
    await queryRunner.query(
      `ALTER TABLE "notices" ADD CONSTRAINT "ck_notices_kind" CHECK ("kind" IN (${KINDS_BEFORE}))`,
    );
  }
}
