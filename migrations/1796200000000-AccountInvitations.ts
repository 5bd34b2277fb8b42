import { MigrationInterface, QueryRunner } from 'typeorm';

/** Invitations by mail to open a unit's agency account (token kept hashed; the row is the mail's outbox row). */
export class AccountInvitations1796200000000 implements MigrationInterface {
  name = 'AccountInvitations1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "account_invitations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "unit_id" uuid NOT NULL, "document_id" uuid, "email" text NOT NULL, "token_hash" text NOT NULL, "invited_by" uuid, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE, "user_id" uuid, "sent_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "failed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_549ced110476548ed49316795d5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_account_invitations_unit" ON "account_invitations" ("unit_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_account_invitations_document" ON "account_invitations" ("document_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_account_invitations_token_hash" ON "account_invitations" ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_account_invitations_invited_by" ON "account_invitations" ("invited_by") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_account_invitations_user" ON "account_invitations" ("user_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_account_invitations_unsent" ON "account_invitations" ("created_at") WHERE "sent_at" IS NULL AND "failed_at" IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "account_invitations" ADD CONSTRAINT "FK_c3e30085e657341b5db405d4bd4" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "account_invitations" ADD CONSTRAINT "FK_d3826e6e547f5d2d5a549f9bb6d" FOREIGN KEY ("document_id") REFERENCES "policy_documents"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "account_invitations" ADD CONSTRAINT "FK_7a4f82bb6fdc0cf3c0e1b22e846" FOREIGN KEY ("invited_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "account_invitations" ADD CONSTRAINT "FK_40d272468a218cf7f89c129b179" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "account_invitations" DROP CONSTRAINT "FK_40d272468a218cf7f89c129b179"`,
    );
    await queryRunner.query(
      `ALTER TABLE "account_invitations" DROP CONSTRAINT "FK_7a4f82bb6fdc0cf3c0e1b22e846"`,
    );
    await queryRunner.query(
      `ALTER TABLE "account_invitations" DROP CONSTRAINT "FK_d3826e6e547f5d2d5a549f9bb6d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "account_invitations" DROP CONSTRAINT "FK_c3e30085e657341b5db405d4bd4"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_account_invitations_unsent"`);
    await queryRunner.query(`DROP INDEX "public"."ix_account_invitations_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_account_invitations_invited_by"`);
    await queryRunner.query(`DROP INDEX "public"."uq_account_invitations_token_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_account_invitations_document"`);
    await queryRunner.query(`DROP INDEX "public"."ix_account_invitations_unit"`);
    await queryRunner.query(`DROP TABLE "account_invitations"`);
  }
}
