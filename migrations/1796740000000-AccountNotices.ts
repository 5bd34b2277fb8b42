import { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS_BEFORE = `'reminder', 'overdue', 'supervision', 'leading_group', 'ack_request', 'ack_reminder', 'ack_overdue', 'deadline_overdue', 'decline', 'extension_request', 'extension_decision', 'report_returned', 'bulletin', 'urge', 'completion_request', 'completion_decision'`;

/**
 * Notices about accounts: a password-help request (to the admins) and a password reset (to the
 * account). Neither is about a task, so a notice may carry the page its mail and inbox link to.
 */
export class AccountNotices1796740000000 implements MigrationInterface {
  name = 'AccountNotices1796740000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notices" DROP CONSTRAINT "ck_notices_kind"`);
    await queryRunner.query(
      `ALTER TABLE "notices" ADD CONSTRAINT "ck_notices_kind" CHECK ("kind" IN (${KINDS_BEFORE}, 'password_help', 'password_reset'))`,
    );
    await queryRunner.query(`ALTER TABLE "notices" ADD "link_path" text`);
    await queryRunner.query(
      `ALTER TABLE "notices" ADD CONSTRAINT "ck_notices_link_path" CHECK ("link_path" IS NULL OR ("link_path" LIKE '/%' AND "link_path" NOT LIKE '//%'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notices" DROP CONSTRAINT "ck_notices_link_path"`);
    await queryRunner.query(`ALTER TABLE "notices" DROP COLUMN "link_path"`);
    await queryRunner.query(
      `DELETE FROM "notices" WHERE "kind" IN ('password_help', 'password_reset')`,
    );
    await queryRunner.query(`ALTER TABLE "notices" DROP CONSTRAINT "ck_notices_kind"`);
    await queryRunner.query(
      `ALTER TABLE "notices" ADD CONSTRAINT "ck_notices_kind" CHECK ("kind" IN (${KINDS_BEFORE}))`,
    );
  }
}
