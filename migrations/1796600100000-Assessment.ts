import { MigrationInterface, QueryRunner } from 'typeorm';

/** Assessment (考核评估): a scoring scheme per document and manual adjustments that carry a reason. */
export class Assessment1796600100000 implements MigrationInterface {
  name = 'Assessment1796600100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "assessment_schemes" ("document_id" uuid NOT NULL, "scheme" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_by" uuid, CONSTRAINT "PK_21c3b6a60c55d3146e99e7bbd9a" PRIMARY KEY ("document_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "assessment_adjustments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "document_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "period" text NOT NULL, "points" numeric(7,2) NOT NULL, "reason" text NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_assessment_adjustments_points" CHECK ("points" <> 0), CONSTRAINT "ck_assessment_adjustments_reason" CHECK (length(btrim("reason")) > 0), CONSTRAINT "PK_64bfc3a8d6892c3390ee1a14042" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_assessment_adjustments_document" ON "assessment_adjustments" ("document_id", "unit_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_schemes" ADD CONSTRAINT "FK_21c3b6a60c55d3146e99e7bbd9a" FOREIGN KEY ("document_id") REFERENCES "policy_documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_schemes" ADD CONSTRAINT "FK_aa31e15aa6f642c6f5e0f0f089a" FOREIGN KEY ("updated_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_adjustments" ADD CONSTRAINT "FK_305a4520edc8576cc5fc3ef79c4" FOREIGN KEY ("document_id") REFERENCES "policy_documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_adjustments" ADD CONSTRAINT "FK_59fbc28b51108c53464c1904d7b" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_adjustments" ADD CONSTRAINT "FK_d10e2e9e6ed3d9169262daa5b5f" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "assessment_adjustments"`);
    await queryRunner.query(`DROP TABLE "assessment_schemes"`);
  }
}
