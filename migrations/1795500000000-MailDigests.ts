import { MigrationInterface, QueryRunner } from 'typeorm';

/** Digests sent once per user, cadence and period; a cheap scan of unsent email deliveries. */
export class MailDigests1795500000000 implements MigrationInterface {
  name = 'MailDigests1795500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "digests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "cadence" text NOT NULL, "period" text NOT NULL, "subject" text NOT NULL, "body_text" text NOT NULL, "body_html" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, "failed_at" TIMESTAMP WITH TIME ZONE, "last_error" text, "attempts" integer NOT NULL DEFAULT '0', CONSTRAINT "ck_digests_cadence" CHECK ("cadence" IN ('daily', 'weekly')), CONSTRAINT "PK_3849fbafde59a8a4abf182ad18c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_digests_unsent" ON "digests" ("created_at") WHERE "sent_at" IS NULL AND "failed_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_digests_user_cadence_period" ON "digests" ("user_id", "cadence", "period") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notice_deliveries_unsent_email" ON "notice_deliveries" ("created_at") WHERE "channel" = 'email' AND "sent_at" IS NULL AND "failed_at" IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "digests" ADD CONSTRAINT "FK_38293b7517fbf90c3c53253825c" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "digests" DROP CONSTRAINT "FK_38293b7517fbf90c3c53253825c"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_notice_deliveries_unsent_email"`);
    await queryRunner.query(`DROP INDEX "public"."uq_digests_user_cadence_period"`);
    await queryRunner.query(`DROP INDEX "public"."ix_digests_unsent"`);
    await queryRunner.query(`DROP TABLE "digests"`);
  }
}
