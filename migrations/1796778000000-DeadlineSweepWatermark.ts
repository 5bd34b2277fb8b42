import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The daily final-deadline sweep reads only what became due since its last run.
 *
 * - `deadline_sweep_state` (one row) keeps the watermark: `swept_on`, the last business day a
 *   sweep finished, and `sweeping_to`, the day a sweep in progress is sweeping to. A run reads the
 *   tasks whose deadline plus a rung's days falls in (swept_on, today], by index range
 *   (`ix_tasks_document_open_deadline`), so missed days are caught up and a day with nothing new
 *   reads nothing.
 * - `deadline_sweep_recheck` holds the tasks a change may have made due behind the watermark: a
 *   deadline moved earlier (an amendment), a task reopened, a new or restored lead assignment, a
 *   document's supervision rules changed or the document restored. Triggers queue
 *   them in the writer's transaction, for every write path (inserts per statement, updates per
 *   row behind a WHEN clause); the sweep checks and removes them in
 *   the transaction that tells them. A change that lands at or after the watermark needs no entry:
 *   the window reaches it. The triggers read the watermark FOR SHARE, so a sweep cannot move it
 *   between a writer's check and that writer's commit.
 */
export class DeadlineSweepWatermark1796778000000 implements MigrationInterface {
  name = 'DeadlineSweepWatermark1796778000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "deadline_sweep_state" ("id" smallint NOT NULL DEFAULT 1, "swept_on" date, "sweeping_to" date,
        CONSTRAINT "pk_deadline_sweep_state" PRIMARY KEY ("id"), CONSTRAINT "ck_deadline_sweep_state_one" CHECK ("id" = 1))`,
    );
    await queryRunner.query(`INSERT INTO "deadline_sweep_state" ("id") VALUES (1)`);
    await queryRunner.query(
      `CREATE TABLE "deadline_sweep_recheck" ("task_id" uuid NOT NULL, "touched" integer NOT NULL DEFAULT 0,
        CONSTRAINT "pk_deadline_sweep_recheck" PRIMARY KEY ("task_id"),
        CONSTRAINT "fk_deadline_sweep_recheck_task" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_tasks_document_open_deadline" ON "tasks" ("document_id", "deadline_on") WHERE "state" = 'open' AND "deadline_on" IS NOT NULL`,
    );
    // The highest day the watermark says is (being) swept; null before the first sweep, whose
    // full pass needs no queue.
    await queryRunner.query(`CREATE FUNCTION deadline_sweep_horizon() RETURNS date LANGUAGE sql AS $$
  SELECT GREATEST(swept_on, sweeping_to) FROM deadline_sweep_state WHERE id = 1 FOR SHARE
$$`);
    // Queue some task ids for the next sweep. Upserting (not DO NOTHING) locks an existing entry,
    // so a sweep removing it waits for this transaction and then reads its change.
    const enqueue = (select: string) => `
    horizon := deadline_sweep_horizon();
    IF horizon IS NULL THEN RETURN NULL; END IF;
    INSERT INTO deadline_sweep_recheck AS r (task_id)
    SELECT DISTINCT id FROM (${select}) q WHERE deadline_on <= horizon ORDER BY id
    ON CONFLICT (task_id) DO UPDATE SET touched = r.touched + 1;`;
    // Inserts (an import, a new lead unit) are checked per statement: a bulk insert before the
    // first sweep costs one EXISTS. Updates are checked per row, and only rows whose WHEN clause
    // holds call a function: the sweep's own updates (rungs, overdue marks), acknowledging and
    // closing call none.
    const tasksAdded = `SELECT n.id, n.deadline_on FROM deadline_task_rows_new n WHERE n.state = 'open' AND n.deadline_on IS NOT NULL`;
    await queryRunner.query(`CREATE FUNCTION deadline_sweep_tasks_added() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE horizon date;
BEGIN
  IF NOT EXISTS (${tasksAdded}) THEN RETURN NULL; END IF;${enqueue(tasksAdded)}
  RETURN NULL;
END $$`);
    await queryRunner.query(`CREATE FUNCTION deadline_sweep_task_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE horizon date;
BEGIN${enqueue(`SELECT NEW.id AS id, NEW.deadline_on AS deadline_on`)}
  RETURN NULL;
END $$`);
    const leadOpen = `n.role = 'lead' AND n.state IN ('pending', 'acknowledged')`;
    const assignmentsAdded = `SELECT t.id, t.deadline_on FROM deadline_assignment_rows_new n
       JOIN tasks t ON t.id = n.task_id AND t.state = 'open' AND t.deadline_on IS NOT NULL WHERE ${leadOpen}`;
    await queryRunner.query(`CREATE FUNCTION deadline_sweep_assignments_added() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE horizon date;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM deadline_assignment_rows_new n WHERE ${leadOpen}) THEN RETURN NULL; END IF;${enqueue(assignmentsAdded)}
  RETURN NULL;
END $$`);
    await queryRunner.query(`CREATE FUNCTION deadline_sweep_assignment_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE horizon date;
BEGIN${enqueue(`SELECT t.id, t.deadline_on FROM tasks t WHERE t.id = NEW.task_id AND t.state = 'open' AND t.deadline_on IS NOT NULL`)}
  RETURN NULL;
END $$`);
    await queryRunner.query(`CREATE FUNCTION deadline_sweep_document_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE horizon date;
BEGIN${enqueue(`SELECT t.id, t.deadline_on FROM tasks t WHERE t.document_id = NEW.id AND t.state = 'open' AND t.deadline_on IS NOT NULL`)}
  RETURN NULL;
END $$`);
    await queryRunner.query(
      `CREATE TRIGGER deadline_sweep_tasks_insert AFTER INSERT ON "tasks" REFERENCING NEW TABLE AS deadline_task_rows_new
        FOR EACH STATEMENT EXECUTE FUNCTION deadline_sweep_tasks_added()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER deadline_sweep_tasks_update AFTER UPDATE OF deadline_on, state, document_id ON "tasks" FOR EACH ROW
        WHEN (NEW.state = 'open' AND NEW.deadline_on IS NOT NULL AND (OLD.deadline_on IS DISTINCT FROM NEW.deadline_on
              OR OLD.state IS DISTINCT FROM NEW.state OR OLD.document_id IS DISTINCT FROM NEW.document_id))
        EXECUTE FUNCTION deadline_sweep_task_changed()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER deadline_sweep_assignments_insert AFTER INSERT ON "assignments" REFERENCING NEW TABLE AS deadline_assignment_rows_new
        FOR EACH STATEMENT EXECUTE FUNCTION deadline_sweep_assignments_added()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER deadline_sweep_assignments_update AFTER UPDATE ON "assignments" FOR EACH ROW
        WHEN (NEW.role = 'lead' AND NEW.state IN ('pending', 'acknowledged') AND (OLD.role IS DISTINCT FROM NEW.role
              OR OLD.state NOT IN ('pending', 'acknowledged') OR OLD.task_id IS DISTINCT FROM NEW.task_id
              OR NEW.deadline_rung < OLD.deadline_rung))
        EXECUTE FUNCTION deadline_sweep_assignment_changed()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER deadline_sweep_documents_update AFTER UPDATE ON "policy_documents" FOR EACH ROW
        WHEN (NEW.archived_at IS NULL AND (OLD.supervision_profile IS DISTINCT FROM NEW.supervision_profile
              OR OLD.supervision_clauses IS DISTINCT FROM NEW.supervision_clauses OR OLD.archived_at IS NOT NULL))
        EXECUTE FUNCTION deadline_sweep_document_changed()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "deadline_sweep_documents_update" ON "policy_documents"`);
    for (const t of ['insert', 'update']) {
      await queryRunner.query(`DROP TRIGGER "deadline_sweep_assignments_${t}" ON "assignments"`);
      await queryRunner.query(`DROP TRIGGER "deadline_sweep_tasks_${t}" ON "tasks"`);
    }
    for (const f of [
      'document_changed',
      'assignment_changed',
      'assignments_added',
      'task_changed',
      'tasks_added',
    ])
      await queryRunner.query(`DROP FUNCTION deadline_sweep_${f}()`);
    await queryRunner.query(`DROP FUNCTION deadline_sweep_horizon()`);
    await queryRunner.query(`DROP INDEX "ix_tasks_document_open_deadline"`);
    await queryRunner.query(`DROP TABLE "deadline_sweep_recheck"`);
    await queryRunner.query(`DROP TABLE "deadline_sweep_state"`);
  }
}
