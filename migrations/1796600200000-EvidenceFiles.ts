import { MigrationInterface, QueryRunner } from 'typeorm';

/** Evidence (佐证材料): files attached to reports and contributions; the bytes live in the evidence storage. */
export class EvidenceFiles1796600200000 implements MigrationInterface {
  name = 'EvidenceFiles1796600200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "evidence_files" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "report_id" uuid NOT NULL, "revision" integer NOT NULL, "unit_id" uuid NOT NULL, "role" text NOT NULL, "uploaded_by" uuid NOT NULL, "filename" text NOT NULL, "content_type" text NOT NULL, "size_bytes" integer NOT NULL, "sha256" text NOT NULL, "storage_key" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_evidence_files_role" CHECK ("role" IN ('report', 'contribution')), CONSTRAINT "PK_f8d1a9a8e0430b749e2f4694460" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_evidence_files_report" ON "evidence_files" ("report_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence_files" ADD CONSTRAINT "FK_02c33b16d7bcd40cadd3bced019" FOREIGN KEY ("report_id") REFERENCES "status_reports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence_files" ADD CONSTRAINT "FK_d351725b5d7f18b3ceda4e0ef3d" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence_files" ADD CONSTRAINT "FK_9c814a1eed0dd6b7a5bf714dcc5" FOREIGN KEY ("uploaded_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "evidence_files"`);
  }
}
