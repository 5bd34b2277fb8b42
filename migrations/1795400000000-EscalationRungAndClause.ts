import { MigrationInterface, QueryRunner } from 'typeorm';

/** Escalations record their rung colour and cite the supervision clause behind them. */
export class EscalationRungAndClause1795400000000 implements MigrationInterface {
  name = 'EscalationRungAndClause1795400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "escalations" ADD "colour" text NOT NULL DEFAULT 'orange'`,
    );
    await queryRunner.query(`ALTER TABLE "escalations" ADD "clause" jsonb`);
    await queryRunner.query(
      `ALTER TABLE "escalations" ADD CONSTRAINT "ck_escalations_colour" CHECK ("colour" IN ('blue', 'yellow', 'orange', 'red'))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_escalations_cycle" ON "escalations" ("cycle_id") `);
    await queryRunner.query(`CREATE INDEX "ix_escalations_report" ON "escalations" ("report_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_escalations_report"`);
    await queryRunner.query(`DROP INDEX "public"."ix_escalations_cycle"`);
    await queryRunner.query(`ALTER TABLE "escalations" DROP CONSTRAINT "ck_escalations_colour"`);
    await queryRunner.query(`ALTER TABLE "escalations" DROP COLUMN "clause"`);
    await queryRunner.query(`ALTER TABLE "escalations" DROP COLUMN "colour"`);
  }
}
