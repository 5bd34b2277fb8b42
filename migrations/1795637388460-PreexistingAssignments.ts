import { MigrationInterface, QueryRunner } from 'typeorm';

/** Assignments made before their document came into the tracker: no acknowledgement request for them. */
export class PreexistingAssignments1795637388460 implements MigrationInterface {
  name = 'PreexistingAssignments1795637388460';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "assignments" ADD "is_preexisting" boolean NOT NULL DEFAULT false`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "assignments" DROP COLUMN "is_preexisting"`);
  }
}
