import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The escalation board a page at a time in its order (level, raised at, id, all descending) for
 * every filter, resolved ones included: the open-only partial index serves the default board.
 */
export class EscalationBoardIndex1796710000000 implements MigrationInterface {
  name = 'EscalationBoardIndex1796710000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_escalations_board" ON "escalations" ("level", "raised_at", "id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_escalations_board"`);
  }
}
