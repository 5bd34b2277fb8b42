import { MigrationInterface, QueryRunner } from 'typeorm';

/** A plan's last year as the office sets it, and archiving a plan (no more cycles or notices). */
export class PlanHorizonAndArchive1795637104219 implements MigrationInterface {
  name = 'PlanHorizonAndArchive1795637104219';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "policy_documents" ADD "horizon_year" integer`);
    await queryRunner.query(
      `ALTER TABLE "policy_documents" ADD "archived_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(`ALTER TABLE "policy_documents" ADD "archived_by" uuid`);
    await queryRunner.query(
      `ALTER TABLE "policy_documents" ADD CONSTRAINT "ck_policy_documents_horizon_year" CHECK ("horizon_year" IS NULL OR "horizon_year" BETWEEN 2000 AND 2099)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "policy_documents" DROP CONSTRAINT "ck_policy_documents_horizon_year"`,
    );
    await queryRunner.query(`ALTER TABLE "policy_documents" DROP COLUMN "archived_by"`);
    await queryRunner.query(`ALTER TABLE "policy_documents" DROP COLUMN "archived_at"`);
    await queryRunner.query(`ALTER TABLE "policy_documents" DROP COLUMN "horizon_year"`);
  }
}
