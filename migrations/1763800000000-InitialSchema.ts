import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "assignments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "task_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "group_id" uuid, "role" text NOT NULL, "state" text NOT NULL DEFAULT 'pending', "acknowledged_at" TIMESTAMP WITH TIME ZONE, "acknowledged_by" uuid, "declined_at" TIMESTAMP WITH TIME ZONE, "decline_reason" text, "ordinal" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_assignments_decline_reason" CHECK ("state" <> 'declined' OR "decline_reason" IS NOT NULL), CONSTRAINT "ck_assignments_state" CHECK ("state" IN ('pending', 'acknowledged', 'declined', 'reassigned')), CONSTRAINT "ck_assignments_role" CHECK ("role" IN ('lead', 'support')), CONSTRAINT "PK_c54ca359535e0012b04dcbd80ee" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_assignments_task" ON "assignments" ("task_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_assignments_pending_support" ON "assignments" ("created_at") WHERE "state" = 'pending' AND "role" = 'support'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_assignments_unit_open" ON "assignments" ("unit_id", "role") WHERE "state" IN ('pending', 'acknowledged')`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_assignments_task_unit" ON "assignments" ("task_id", "unit_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_id" uuid, "actor_unit_id" uuid, "action" text NOT NULL, "target_type" text NOT NULL, "target_id" text NOT NULL, "before" jsonb, "after" jsonb, "channel" text NOT NULL DEFAULT 'api', "request_id" text, CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_log_action" ON "audit_log" ("action") `);
    await queryRunner.query(
      `CREATE INDEX "ix_audit_log_target" ON "audit_log" ("target_type", "target_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "heartbeats" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token" text NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "worker" text NOT NULL, CONSTRAINT "PK_a7375f00766c83ddca3c1f939e3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_heartbeats_token" ON "heartbeats" ("token") `);
    await queryRunner.query(
      `CREATE TABLE "policy_documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" text, "issuer" text, "doc_number" text, "issued_on" date, "source_file" text, "content_hash" text NOT NULL, "source_text" text NOT NULL, "leading_body" text, "office" text, "supervision_clauses" jsonb NOT NULL DEFAULT '[]', "supervision_profile" jsonb NOT NULL, "imported_by" uuid, "imported_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1b216a28d5d763f95b4c9f2e6db" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_policy_documents_content_hash" ON "policy_documents" ("content_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "reporting_cycles" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "document_id" uuid NOT NULL, "period" text NOT NULL, "opens_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "state" text NOT NULL DEFAULT 'scheduled', "opened_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_reporting_cycles_period" CHECK ("period" ~ '^[0-9]{4}-(Q[1-4]|H[12]|M(0[1-9]|1[0-2])|Y)$'), CONSTRAINT "ck_reporting_cycles_state" CHECK ("state" IN ('scheduled', 'open', 'closed')), CONSTRAINT "PK_e4af10c1755bd11881d1081a33d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_reporting_cycles_document_period" ON "reporting_cycles" ("document_id", "period") `,
    );
    await queryRunner.query(
      `CREATE TABLE "status_reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cycle_id" uuid NOT NULL, "task_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "state" text NOT NULL DEFAULT 'pending', "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ladder_epoch" integer NOT NULL DEFAULT '0', "progress_status" text, "progress_percent" integer, "narrative" text, "target_values" jsonb NOT NULL DEFAULT '[]', "problems" text, "next_steps" text, "revision" integer NOT NULL DEFAULT '0', "submitted_at" TIMESTAMP WITH TIME ZONE, "first_submitted_at" TIMESTAMP WITH TIME ZONE, "reviewed_at" TIMESTAMP WITH TIME ZONE, "reviewed_by" uuid, "review_comment" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_status_reports_progress" CHECK ("progress_status" IS NULL OR "progress_status" IN ('on_track', 'at_risk', 'delayed', 'completed')), CONSTRAINT "ck_status_reports_state" CHECK ("state" IN ('pending', 'draft', 'submitted', 'returned', 'accepted')), CONSTRAINT "PK_5b303afd85233dce17c88c519ca" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_status_reports_task" ON "status_reports" ("task_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_status_reports_unit" ON "status_reports" ("unit_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_status_reports_missing_due" ON "status_reports" ("due_at") WHERE "state" IN ('pending', 'draft', 'returned')`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_status_reports_cycle_task_unit" ON "status_reports" ("cycle_id", "task_id", "unit_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "status_report_revisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "report_id" uuid NOT NULL, "revision" integer NOT NULL, "snapshot" jsonb NOT NULL, "author_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6a207eeca8e0efe93ab1dd7182f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_status_report_revisions" ON "status_report_revisions" ("report_id", "revision") `,
    );
    await queryRunner.query(
      `CREATE TABLE "report_contributions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "report_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "author_id" uuid, "text" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f982c1b035bfd8deddb7d94780c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_report_contributions_report_unit" ON "report_contributions" ("report_id", "unit_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dedup_key" text NOT NULL, "kind" text NOT NULL, "level" integer NOT NULL DEFAULT '0', "colour" text NOT NULL, "task_id" uuid, "unit_id" uuid, "assignment_id" uuid, "cycle_id" uuid, "report_id" uuid, "title" text NOT NULL, "body" text NOT NULL, "title_en" text, "body_en" text, "clause" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_notices_level" CHECK ("level" BETWEEN 0 AND 3), CONSTRAINT "ck_notices_colour" CHECK ("colour" IN ('blue', 'yellow', 'orange', 'red')), CONSTRAINT "ck_notices_kind" CHECK ("kind" IN ('reminder', 'overdue', 'supervision', 'leading_group', 'ack_request', 'ack_reminder', 'ack_overdue', 'deadline_overdue', 'decline', 'extension_request', 'extension_decision', 'report_returned', 'bulletin')), CONSTRAINT "PK_3eb18c29da25d6935fcbe584237" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_notices_dedup_key" ON "notices" ("dedup_key") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_notices_task" ON "notices" ("task_id") `);
    await queryRunner.query(`CREATE INDEX "ix_notices_unit" ON "notices" ("unit_id") `);
    await queryRunner.query(
      `CREATE TABLE "notice_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "notice_id" uuid NOT NULL, "user_id" uuid NOT NULL, "channel" text NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, "sent_at" TIMESTAMP WITH TIME ZONE, "failed_at" TIMESTAMP WITH TIME ZONE, "last_error" text, "attempts" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_notice_deliveries_channel" CHECK ("channel" IN ('inapp', 'email')), CONSTRAINT "PK_936f61f7a56488c972f885d443e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notice_deliveries_inbox" ON "notice_deliveries" ("user_id", "created_at") WHERE "channel" = 'inapp'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_notice_deliveries" ON "notice_deliveries" ("notice_id", "user_id", "channel") `,
    );
    await queryRunner.query(
      `CREATE TABLE "escalations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dedup_key" text NOT NULL, "task_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "cycle_id" uuid, "report_id" uuid, "notice_id" uuid, "level" integer NOT NULL, "state" text NOT NULL DEFAULT 'open', "reason" text NOT NULL, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reviewed_at" TIMESTAMP WITH TIME ZONE, "reviewed_by" uuid, "review_comment" text, "resolved_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_escalations_level" CHECK ("level" BETWEEN 1 AND 3), CONSTRAINT "ck_escalations_state" CHECK ("state" IN ('open', 'extended', 'supervising', 'resolved')), CONSTRAINT "PK_652a394609addaa4b0f2b3032a1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_escalations_dedup_key" ON "escalations" ("dedup_key") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_escalations_task" ON "escalations" ("task_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_escalations_open" ON "escalations" ("level", "raised_at") WHERE "state" <> 'resolved'`,
    );
    await queryRunner.query(
      `CREATE TABLE "extension_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "task_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "report_id" uuid, "requested_by" uuid, "requested_due_on" date NOT NULL, "reason" text NOT NULL, "state" text NOT NULL DEFAULT 'pending', "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_comment" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_extension_requests_state" CHECK ("state" IN ('pending', 'approved', 'rejected')), CONSTRAINT "PK_cf652cfbd6bc847a21929fd703f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_extension_requests_pending" ON "extension_requests" ("created_at") WHERE "state" = 'pending'`,
    );
    await queryRunner.query(
      `CREATE TABLE "bulletins" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cycle_id" uuid NOT NULL, "compiled_at" TIMESTAMP WITH TIME ZONE NOT NULL, "content" jsonb NOT NULL, CONSTRAINT "PK_2a8a95dd56d5a3507074c35954e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_bulletins_cycle" ON "bulletins" ("cycle_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "tasks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "document_id" uuid NOT NULL, "parent_id" uuid, "path" text array NOT NULL, "path_key" text NOT NULL, "ordinal" integer NOT NULL, "heading" text NOT NULL, "body" text NOT NULL DEFAULT '', "is_task" boolean NOT NULL, "units_source" text NOT NULL, "deadline_text" text, "deadline_on" date, "targets" jsonb NOT NULL DEFAULT '[]', "state" text NOT NULL DEFAULT 'open', "completed_at" TIMESTAMP WITH TIME ZONE, "deadline_overdue_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_tasks_units_source" CHECK ("units_source" IN ('own', 'inherited', 'none')), CONSTRAINT "ck_tasks_state" CHECK ("state" IN ('open', 'completed', 'cancelled')), CONSTRAINT "PK_8d12ff38fcc62aaba2cab748772" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_tasks_parent" ON "tasks" ("parent_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_tasks_open_deadline" ON "tasks" ("deadline_on") WHERE "state" = 'open' AND "deadline_on" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_tasks_document_path" ON "tasks" ("document_id", "path_key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "units" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "level" text NOT NULL, "kind" text NOT NULL, "region" text, "successor_id" uuid, "calendar_token" text, "is_registered" boolean NOT NULL DEFAULT true, CONSTRAINT "ck_units_not_own_successor" CHECK ("successor_id" IS NULL OR "successor_id" <> "id"), CONSTRAINT "ck_units_kind" CHECK ("kind" IN ('department', 'government', 'enterprise', 'other')), CONSTRAINT "ck_units_level" CHECK ("level" IN ('national', 'province', 'city', 'county', 'other')), CONSTRAINT "PK_5a8f2f064919b587d93936cb223" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_units_name" ON "units" ("name") `);
    await queryRunner.query(`CREATE INDEX "ix_units_successor" ON "units" ("successor_id") `);
    await queryRunner.query(
      `CREATE TABLE "unit_aliases" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "alias" text NOT NULL, "unit_id" uuid NOT NULL, CONSTRAINT "PK_244713230c89362d91537be3f71" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_unit_aliases_alias" ON "unit_aliases" ("alias") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_unit_aliases_unit" ON "unit_aliases" ("unit_id") `);
    await queryRunner.query(
      `CREATE TABLE "unit_groups" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "region" text, CONSTRAINT "PK_a9373c5060331af9c864be62b87" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_unit_groups_name" ON "unit_groups" ("name") `);
    await queryRunner.query(
      `CREATE TABLE "unit_group_members" ("group_id" uuid NOT NULL, "unit_id" uuid NOT NULL, CONSTRAINT "PK_35134b07533bd9359b9cafbae0d" PRIMARY KEY ("group_id", "unit_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_unit_group_members_unit" ON "unit_group_members" ("unit_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" text NOT NULL, "display_name" text NOT NULL, "email" text, "password_hash" text NOT NULL, "roles" text array NOT NULL, "unit_id" uuid, "is_unit_head" boolean NOT NULL DEFAULT false, "is_disabled" boolean NOT NULL DEFAULT false, "token_version" integer NOT NULL DEFAULT '0', "notice_preferences" jsonb NOT NULL DEFAULT '{}', "locale" text NOT NULL DEFAULT 'zh-CN', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_users_agency_has_unit" CHECK (NOT ('agency' = ANY("roles")) OR "unit_id" IS NOT NULL), CONSTRAINT "ck_users_roles" CHECK ("roles" <@ ARRAY['agency', 'office', 'leader', 'admin']::text[] AND cardinality("roles") > 0), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_username" ON "users" ("username") `);
    await queryRunner.query(`CREATE INDEX "ix_users_unit" ON "users" ("unit_id") `);
    await queryRunner.query(
      `CREATE TABLE "refresh_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token_hash" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_refresh_tokens_user" ON "refresh_tokens" ("user_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_refresh_tokens_hash" ON "refresh_tokens" ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "action_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" text NOT NULL, "action" text NOT NULL, "subject_id" uuid NOT NULL, "user_id" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_d29a2a18dc1b6b8abe2a151bea0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_action_tokens_hash" ON "action_tokens" ("token_hash") `,
    );
    await queryRunner.query(
      `ALTER TABLE "assignments" ADD CONSTRAINT "FK_292e1d7e3f055c7554845a72f13" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignments" ADD CONSTRAINT "FK_23808c344842c98d087c9a3d12a" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignments" ADD CONSTRAINT "FK_9a52a70c18d351ddab148eaf849" FOREIGN KEY ("group_id") REFERENCES "unit_groups"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reporting_cycles" ADD CONSTRAINT "FK_5e713514abcd20b0fa345e85f62" FOREIGN KEY ("document_id") REFERENCES "policy_documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "status_reports" ADD CONSTRAINT "FK_a927d3c444a1587c41e15e04ba9" FOREIGN KEY ("cycle_id") REFERENCES "reporting_cycles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "status_reports" ADD CONSTRAINT "FK_bac49bc0eb2c5544117d8461ba1" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "status_reports" ADD CONSTRAINT "FK_ae1a40fb0bf2b0706a839ff3518" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "status_report_revisions" ADD CONSTRAINT "FK_452ea182a8670c166c15d8d906e" FOREIGN KEY ("report_id") REFERENCES "status_reports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "report_contributions" ADD CONSTRAINT "FK_c0ebcbf20a91446c33cf4a106a9" FOREIGN KEY ("report_id") REFERENCES "status_reports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "report_contributions" ADD CONSTRAINT "FK_cb7024106de506a4816ce847215" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notices" ADD CONSTRAINT "FK_72aa15f22bf8554284c0d61b811" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notices" ADD CONSTRAINT "FK_16972adffb5066c6765d8db3313" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notice_deliveries" ADD CONSTRAINT "FK_6bc35f8bdee788327e2079ec534" FOREIGN KEY ("notice_id") REFERENCES "notices"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notice_deliveries" ADD CONSTRAINT "FK_325b3b3f7cd41e4e33d14462851" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "escalations" ADD CONSTRAINT "FK_63ede8ea0f068fad0eddbec823f" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "escalations" ADD CONSTRAINT "FK_d9d1c19349680f1c38bbf8e6d81" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "extension_requests" ADD CONSTRAINT "FK_9f7f906d26983d95257acdba174" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bulletins" ADD CONSTRAINT "FK_ef13b0f78fabea9591f8c577e99" FOREIGN KEY ("cycle_id") REFERENCES "reporting_cycles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tasks" ADD CONSTRAINT "FK_d6ca79d82d12e4959048f3fd7f3" FOREIGN KEY ("document_id") REFERENCES "policy_documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tasks" ADD CONSTRAINT "FK_b03c99063a4eaf084f069a4d5a7" FOREIGN KEY ("parent_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "units" ADD CONSTRAINT "FK_4f02e0d0168a6a9931a4d3c6b67" FOREIGN KEY ("successor_id") REFERENCES "units"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "unit_aliases" ADD CONSTRAINT "FK_4ca354bb1455ae08691d5c45105" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "unit_group_members" ADD CONSTRAINT "FK_0bb3f6fdd089f58b3eac8d59050" FOREIGN KEY ("group_id") REFERENCES "unit_groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "unit_group_members" ADD CONSTRAINT "FK_adb6120b528982ea8dfa2ea01e5" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "FK_b94ecc6be926a5d23aa7791ec8a" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "refresh_tokens" ADD CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // The audit log is append-only: the database itself refuses to change or remove an entry.
    await queryRunner.query(
      `CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "audit_log_no_truncate" ON "audit_log"`);
    await queryRunner.query(`DROP TRIGGER "audit_log_no_update" ON "audit_log"`);
    await queryRunner.query(`DROP FUNCTION audit_log_append_only()`);
    await queryRunner.query(
      `ALTER TABLE "refresh_tokens" DROP CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4"`,
    );
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_b94ecc6be926a5d23aa7791ec8a"`);
    await queryRunner.query(
      `ALTER TABLE "unit_group_members" DROP CONSTRAINT "FK_adb6120b528982ea8dfa2ea01e5"`,
    );
    await queryRunner.query(
      `ALTER TABLE "unit_group_members" DROP CONSTRAINT "FK_0bb3f6fdd089f58b3eac8d59050"`,
    );
    await queryRunner.query(
      `ALTER TABLE "unit_aliases" DROP CONSTRAINT "FK_4ca354bb1455ae08691d5c45105"`,
    );
    await queryRunner.query(`ALTER TABLE "units" DROP CONSTRAINT "FK_4f02e0d0168a6a9931a4d3c6b67"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP CONSTRAINT "FK_b03c99063a4eaf084f069a4d5a7"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP CONSTRAINT "FK_d6ca79d82d12e4959048f3fd7f3"`);
    await queryRunner.query(
      `ALTER TABLE "bulletins" DROP CONSTRAINT "FK_ef13b0f78fabea9591f8c577e99"`,
    );
    await queryRunner.query(
      `ALTER TABLE "extension_requests" DROP CONSTRAINT "FK_9f7f906d26983d95257acdba174"`,
    );
    await queryRunner.query(
      `ALTER TABLE "escalations" DROP CONSTRAINT "FK_d9d1c19349680f1c38bbf8e6d81"`,
    );
    await queryRunner.query(
      `ALTER TABLE "escalations" DROP CONSTRAINT "FK_63ede8ea0f068fad0eddbec823f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "notice_deliveries" DROP CONSTRAINT "FK_325b3b3f7cd41e4e33d14462851"`,
    );
    await queryRunner.query(
      `ALTER TABLE "notice_deliveries" DROP CONSTRAINT "FK_6bc35f8bdee788327e2079ec534"`,
    );
    await queryRunner.query(
      `ALTER TABLE "notices" DROP CONSTRAINT "FK_16972adffb5066c6765d8db3313"`,
    );
    await queryRunner.query(
      `ALTER TABLE "notices" DROP CONSTRAINT "FK_72aa15f22bf8554284c0d61b811"`,
    );
    await queryRunner.query(
      `ALTER TABLE "report_contributions" DROP CONSTRAINT "FK_cb7024106de506a4816ce847215"`,
    );
    await queryRunner.query(
      `ALTER TABLE "report_contributions" DROP CONSTRAINT "FK_c0ebcbf20a91446c33cf4a106a9"`,
    );
    await queryRunner.query(
      `ALTER TABLE "status_report_revisions" DROP CONSTRAINT "FK_452ea182a8670c166c15d8d906e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "status_reports" DROP CONSTRAINT "FK_ae1a40fb0bf2b0706a839ff3518"`,
    );
    await queryRunner.query(
      `ALTER TABLE "status_reports" DROP CONSTRAINT "FK_bac49bc0eb2c5544117d8461ba1"`,
    );
    await queryRunner.query(
      `ALTER TABLE "status_reports" DROP CONSTRAINT "FK_a927d3c444a1587c41e15e04ba9"`,
    );
    await queryRunner.query(
      `ALTER TABLE "reporting_cycles" DROP CONSTRAINT "FK_5e713514abcd20b0fa345e85f62"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignments" DROP CONSTRAINT "FK_9a52a70c18d351ddab148eaf849"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignments" DROP CONSTRAINT "FK_23808c344842c98d087c9a3d12a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignments" DROP CONSTRAINT "FK_292e1d7e3f055c7554845a72f13"`,
    );
    await queryRunner.query(`DROP INDEX "public"."uq_action_tokens_hash"`);
    await queryRunner.query(`DROP TABLE "action_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."uq_refresh_tokens_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_refresh_tokens_user"`);
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."ix_users_unit"`);
    await queryRunner.query(`DROP INDEX "public"."uq_users_username"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."ix_unit_group_members_unit"`);
    await queryRunner.query(`DROP TABLE "unit_group_members"`);
    await queryRunner.query(`DROP INDEX "public"."uq_unit_groups_name"`);
    await queryRunner.query(`DROP TABLE "unit_groups"`);
    await queryRunner.query(`DROP INDEX "public"."ix_unit_aliases_unit"`);
    await queryRunner.query(`DROP INDEX "public"."uq_unit_aliases_alias"`);
    await queryRunner.query(`DROP TABLE "unit_aliases"`);
    await queryRunner.query(`DROP INDEX "public"."ix_units_successor"`);
    await queryRunner.query(`DROP INDEX "public"."uq_units_name"`);
    await queryRunner.query(`DROP TABLE "units"`);
    await queryRunner.query(`DROP INDEX "public"."uq_tasks_document_path"`);
    await queryRunner.query(`DROP INDEX "public"."ix_tasks_open_deadline"`);
    await queryRunner.query(`DROP INDEX "public"."ix_tasks_parent"`);
    await queryRunner.query(`DROP TABLE "tasks"`);
    await queryRunner.query(`DROP INDEX "public"."uq_bulletins_cycle"`);
    await queryRunner.query(`DROP TABLE "bulletins"`);
    await queryRunner.query(`DROP INDEX "public"."ix_extension_requests_pending"`);
    await queryRunner.query(`DROP TABLE "extension_requests"`);
    await queryRunner.query(`DROP INDEX "public"."ix_escalations_open"`);
    await queryRunner.query(`DROP INDEX "public"."ix_escalations_task"`);
    await queryRunner.query(`DROP INDEX "public"."uq_escalations_dedup_key"`);
    await queryRunner.query(`DROP TABLE "escalations"`);
    await queryRunner.query(`DROP INDEX "public"."uq_notice_deliveries"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notice_deliveries_inbox"`);
    await queryRunner.query(`DROP TABLE "notice_deliveries"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notices_unit"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notices_task"`);
    await queryRunner.query(`DROP INDEX "public"."uq_notices_dedup_key"`);
    await queryRunner.query(`DROP TABLE "notices"`);
    await queryRunner.query(`DROP INDEX "public"."uq_report_contributions_report_unit"`);
    await queryRunner.query(`DROP TABLE "report_contributions"`);
    await queryRunner.query(`DROP INDEX "public"."uq_status_report_revisions"`);
    await queryRunner.query(`DROP TABLE "status_report_revisions"`);
    await queryRunner.query(`DROP INDEX "public"."uq_status_reports_cycle_task_unit"`);
    await queryRunner.query(`DROP INDEX "public"."ix_status_reports_missing_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_status_reports_unit"`);
    await queryRunner.query(`DROP INDEX "public"."ix_status_reports_task"`);
    await queryRunner.query(`DROP TABLE "status_reports"`);
    await queryRunner.query(`DROP INDEX "public"."uq_reporting_cycles_document_period"`);
    await queryRunner.query(`DROP TABLE "reporting_cycles"`);
    await queryRunner.query(`DROP INDEX "public"."uq_policy_documents_content_hash"`);
    await queryRunner.query(`DROP TABLE "policy_documents"`);
    await queryRunner.query(`DROP INDEX "public"."uq_heartbeats_token"`);
    await queryRunner.query(`DROP TABLE "heartbeats"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_log_target"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_log_action"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`DROP INDEX "public"."uq_assignments_task_unit"`);
    await queryRunner.query(`DROP INDEX "public"."ix_assignments_unit_open"`);
    await queryRunner.query(`DROP INDEX "public"."ix_assignments_pending_support"`);
    await queryRunner.query(`DROP INDEX "public"."ix_assignments_task"`);
    await queryRunner.query(`DROP TABLE "assignments"`);
  }
}
