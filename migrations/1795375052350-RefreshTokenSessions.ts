import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Groups rotated refresh tokens into a sign-in session: access tokens carry the session id, so
 * signing out (revoking the session) stops them at once, and reusing a rotated token revokes the session.
 */
export class RefreshTokenSessions1795375052350 implements MigrationInterface {
  name = 'RefreshTokenSessions1795375052350';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "refresh_tokens" ADD "session_id" uuid`);
    await queryRunner.query(`UPDATE "refresh_tokens" SET "session_id" = "id"`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" ALTER COLUMN "session_id" SET NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "ix_refresh_tokens_session" ON "refresh_tokens" ("session_id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_refresh_tokens_session"`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP COLUMN "session_id"`);
  }
}
