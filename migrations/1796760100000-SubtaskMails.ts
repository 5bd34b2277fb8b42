import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The mail a sub-task's owner gets when the lead unit names an email address: rendered when the
 * sub-task is handed down, and sent exactly once through the mail outbox like digests.
 */
export class SubtaskMails1796760100000 implements MigrationInterface {
  name = 'SubtaskMails1796760100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "subtask_mails" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "subtask_id" uuid REFERENCES "subtasks"("id") ON DELETE SET NULL,
        "to_email" text NOT NULL,
        "subject" text NOT NULL,
        "body_text" text NOT NULL,
        "body_html" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "sent_at" TIMESTAMP WITH TIME ZONE,
        "attempts" integer NOT NULL DEFAULT 0,
        "last_error" text,
        "failed_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_subtask_mails" PRIMARY KEY ("id")
      )`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_subtask_mails_unsent" ON "subtask_mails" ("created_at") WHERE "sent_at" IS NULL AND "failed_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_subtask_mails_subtask" ON "subtask_mails" ("subtask_id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "subtask_mails"`);
  }
}
