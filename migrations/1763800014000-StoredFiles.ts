import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Files kept in PostgreSQL (FILE_STORE=postgres), so every API node serves every upload without a shared disk.
 * A file is a head row plus 256 KiB chunks; both are written in one transaction, so an upload cut off half-way
 * leaves no row at all. Byte ranges read only the chunks they cover.
 */
export class StoredFiles1763800014000 implements MigrationInterface {
  name = 'StoredFiles1763800014000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stored_file (
        key text NOT NULL,
        size bigint NOT NULL,
        sha256 text NOT NULL,
        chunk_size int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_stored_file PRIMARY KEY (key),
        CONSTRAINT ck_stored_file_size CHECK (size >= 0),
        CONSTRAINT ck_stored_file_chunk_size CHECK (chunk_size > 0)
      )`);
    await q.query(`
      CREATE TABLE stored_file_chunk (
        key text NOT NULL,
        seq int NOT NULL,
        data bytea NOT NULL,
        CONSTRAINT pk_stored_file_chunk PRIMARY KEY (key, seq),
        CONSTRAINT fk_stored_file_chunk_file FOREIGN KEY (key) REFERENCES stored_file (key) ON DELETE CASCADE
      )`);
    // Chunks are already compressed media or documents, mostly: do not spend CPU compressing them again.
    await q.query(`ALTER TABLE stored_file_chunk ALTER COLUMN data SET STORAGE EXTERNAL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stored_file_chunk`);
    await q.query(`DROP TABLE stored_file`);
  }
}
