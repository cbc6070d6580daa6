import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Settings the system keeps for itself (generated secrets shared by all nodes, bootstrap markers). */
export class Init1764000000000 implements MigrationInterface {
  name = 'Init1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE system_setting (
        key         text PRIMARY KEY CHECK (length(key) <= 128),
        value       text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE system_setting`);
  }
}
