import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search by words in Chinese without a word segmenter: trigram indexes (pg_trgm) over the texts the
 * search reads with ILIKE, matching the expressions in libs/database/src/repositories/search.repository.ts.
 */
export class SearchIndexes1796100000000 implements MigrationInterface {
  name = 'SearchIndexes1796100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE INDEX "ix_tasks_search_trgm" ON "tasks" USING gin (("heading" || ' ' || "body") gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_status_reports_search_trgm" ON "status_reports" USING gin ((coalesce("narrative", '') || ' ' || coalesce("problems", '') || ' ' || coalesce("next_steps", '')) gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_status_reports_search_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."ix_tasks_search_trgm"`);
  }
}
