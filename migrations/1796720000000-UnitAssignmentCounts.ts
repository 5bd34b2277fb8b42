import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many assignments each unit holds, per role and state, kept by statement-level triggers on
 * `assignments` in the same transaction as the change (one grouped upsert per statement, keys in
 * order so concurrent writers never deadlock). "My tasks" reads its total from here instead of
 * counting a large unit's 20,000 index entries on every page.
 */
export class UnitAssignmentCounts1796720000000 implements MigrationInterface {
  name = 'UnitAssignmentCounts1796720000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "unit_assignment_counts" ("unit_id" uuid NOT NULL, "role" text NOT NULL, "state" text NOT NULL, "n" integer NOT NULL, CONSTRAINT "pk_unit_assignment_counts" PRIMARY KEY ("unit_id", "role", "state"))`,
    );
    // One upsert for every kind of statement; each branch reads only the transition tables its
    // statement has (plpgsql plans a statement when it first runs it).
    const upsert = (changed: string) => `
    INSERT INTO unit_assignment_counts AS c (unit_id, role, state, n)
    SELECT unit_id, role, state, sum(d)::int FROM (${changed}) changed
     GROUP BY unit_id, role, state HAVING sum(d) <> 0
     ORDER BY unit_id, role, state
    ON CONFLICT (unit_id, role, state) DO UPDATE SET n = c.n + excluded.n;`;
    const added = `SELECT unit_id, role, state, 1 AS d FROM assignment_rows_new`;
    const removed = `SELECT unit_id, role, state, -1 AS d FROM assignment_rows_old`;
    await queryRunner.query(`CREATE FUNCTION assignment_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM unit_assignment_counts;
  ELSIF TG_OP = 'INSERT' THEN${upsert(added)}
  ELSIF TG_OP = 'DELETE' THEN${upsert(removed)}
  ELSE${upsert(`${added} UNION ALL ${removed}`)}
  END IF;
  RETURN NULL;
END $$`);
    await queryRunner.query(
      `CREATE TRIGGER assignment_counts_insert AFTER INSERT ON "assignments" REFERENCING NEW TABLE AS assignment_rows_new FOR EACH STATEMENT EXECUTE FUNCTION assignment_counts_apply()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER assignment_counts_update AFTER UPDATE ON "assignments" REFERENCING OLD TABLE AS assignment_rows_old NEW TABLE AS assignment_rows_new FOR EACH STATEMENT EXECUTE FUNCTION assignment_counts_apply()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER assignment_counts_delete AFTER DELETE ON "assignments" REFERENCING OLD TABLE AS assignment_rows_old FOR EACH STATEMENT EXECUTE FUNCTION assignment_counts_apply()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER assignment_counts_truncate AFTER TRUNCATE ON "assignments" FOR EACH STATEMENT EXECUTE FUNCTION assignment_counts_apply()`,
    );
    await queryRunner.query(
      `INSERT INTO "unit_assignment_counts" (unit_id, role, state, n) SELECT unit_id, role, state, count(*)::int FROM "assignments" GROUP BY unit_id, role, state`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const t of ['insert', 'update', 'delete', 'truncate'])
      await queryRunner.query(`DROP TRIGGER "assignment_counts_${t}" ON "assignments"`);
    await queryRunner.query(`DROP FUNCTION assignment_counts_apply()`);
    await queryRunner.query(`DROP TABLE "unit_assignment_counts"`);
  }
}
