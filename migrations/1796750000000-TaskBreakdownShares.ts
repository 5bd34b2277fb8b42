import { MigrationInterface, QueryRunner } from 'typeorm';

/** A task's breakdown table (分解表): each member unit's share of each of the task's targets. */
export class TaskBreakdownShares1796750000000 implements MigrationInterface {
  name = 'TaskBreakdownShares1796750000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "task_breakdown_shares" ("task_id" uuid NOT NULL, "target_index" integer NOT NULL, "unit_id" uuid NOT NULL, "value" numeric(18,4) NOT NULL, "measure" text, "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_task_breakdown_shares_index" CHECK ("target_index" >= 0), CONSTRAINT "ck_task_breakdown_shares_value" CHECK ("value" >= 0), CONSTRAINT "PK_c4fcff2f35f36f39004709590dd" PRIMARY KEY ("task_id", "target_index", "unit_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_task_breakdown_shares_unit" ON "task_breakdown_shares" ("unit_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "task_breakdown_shares" ADD CONSTRAINT "FK_3b433ea9519ca34fce4938170d5" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "task_breakdown_shares" ADD CONSTRAINT "FK_bda9f63dbc5612b764c85332f2e" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "task_breakdown_shares" ADD CONSTRAINT "FK_832ceb23b0da8370a0b5c2a7d3d" FOREIGN KEY ("updated_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "task_breakdown_shares"`);
  }
}
