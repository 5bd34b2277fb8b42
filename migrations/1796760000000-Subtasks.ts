import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sub-tasks (分解下达): the parts a lead unit hands down to its divisions or subordinate units,
 * each with an owner, a deadline, a share of the task's targets and the progress the lead records.
 * One level only: a sub-task has no sub-tasks of its own.
 */
export class Subtasks1796760000000 implements MigrationInterface {
  name = 'Subtasks1796760000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "subtasks" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "seq" bigint GENERATED ALWAYS AS IDENTITY,
        "task_id" uuid NOT NULL REFERENCES "tasks"("id") ON DELETE CASCADE,
        "unit_id" uuid NOT NULL REFERENCES "units"("id") ON DELETE CASCADE,
        "title" text NOT NULL,
        "owner_name" text NOT NULL,
        "owner_email" text,
        "due_on" date NOT NULL,
        "shares" jsonb NOT NULL DEFAULT '[]',
        "note" text,
        "status" text NOT NULL DEFAULT 'not_started',
        "percent" smallint NOT NULL DEFAULT 0,
        "reported" jsonb NOT NULL DEFAULT '[]',
        "progress_note" text,
        "progress_at" TIMESTAMP WITH TIME ZONE,
        "created_by" uuid NOT NULL REFERENCES "users"("id") ON DELETE RESTRICT,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_subtasks" PRIMARY KEY ("id"),
        CONSTRAINT "ck_subtasks_status" CHECK ("status" IN ('not_started', 'in_progress', 'done')),
        CONSTRAINT "ck_subtasks_percent" CHECK ("percent" BETWEEN 0 AND 100),
        CONSTRAINT "ck_subtasks_shares" CHECK (jsonb_typeof("shares") = 'array'),
        CONSTRAINT "ck_subtasks_reported" CHECK (jsonb_typeof("reported") = 'array')
      )`,
    );
    await queryRunner.query(`CREATE INDEX "ix_subtasks_task" ON "subtasks" ("task_id", "seq")`);
    await queryRunner.query(`CREATE INDEX "ix_subtasks_unit" ON "subtasks" ("unit_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "subtasks"`);
  }
}
