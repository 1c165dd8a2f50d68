import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A target's build on several connections at once. The build of migration 1763800031000 walked the units one step
 * after the other (the build's row, locked by each step, said where the next one starts), so a national target used
 * one core. Now the start cuts the target's units (tree order) into chunks of about the step's number of people
 * (`coverage_build_chunk`), and each step claims the first chunk nobody is building (`FOR UPDATE SKIP LOCKED`) and
 * applies it with `coverage_build_units` — idempotent as before, so a pass, a transfer or an import during the build
 * is applied exactly, and two steps never take the same chunk. The steps hold the build's row `FOR KEY SHARE`, which
 * they share; a start (an edit) takes it `FOR UPDATE`, so it waits for the steps running and none begins before the
 * new chunks are there. Progress is the people of the chunks done; a build is open while a chunk is not done.
 */
export class CoverageBuildChunks1763800033100 implements MigrationInterface {
  name = 'CoverageBuildChunks1763800033100';

  async up(q: QueryRunner): Promise<void> {
    // A build still running is finished first (the way migration 1763800031000 builds).
    await q.query(`SELECT coverage_rebuild(target_id) FROM coverage_build WHERE finished_at IS NULL`);
    await q.query(`UPDATE coverage_build SET finished_at = clock_timestamp(), people_done = people_total WHERE finished_at IS NULL`);
    await q.query(`
      CREATE TABLE coverage_build_chunk (
        target_id uuid NOT NULL,
        seq integer NOT NULL,
        unit_ids uuid[] NOT NULL,
        people integer NOT NULL,
        done boolean NOT NULL DEFAULT false,
        CONSTRAINT pk_coverage_build_chunk PRIMARY KEY (target_id, seq),
        CONSTRAINT fk_coverage_build_chunk_build FOREIGN KEY (target_id) REFERENCES coverage_build (target_id) ON DELETE CASCADE,
        CONSTRAINT ck_coverage_build_chunk_people CHECK (people >= 0)
      )`);
    await q.query(`CREATE INDEX ix_coverage_build_chunk_open ON coverage_build_chunk (target_id, seq) WHERE NOT done`);
    await q.query(`DROP INDEX ix_coverage_build_open`);
    await q.query(`ALTER TABLE coverage_build DROP COLUMN next_path, DROP COLUMN people_done, DROP COLUMN finished_at`);

    await q.query(`DROP FUNCTION coverage_build_step(uuid, integer, boolean)`);
    await q.query(`DROP FUNCTION coverage_build_start(uuid)`);
    // (Re)starts the build of a target from scratch: its units (of its province, or of the country) in tree order, cut
    // into chunks of about p_step people. Answers how many people it reaches.
    await q.query(`
      CREATE FUNCTION coverage_build_start(p_target uuid, p_step integer) RETURNS integer LANGUAGE plpgsql AS $$
      DECLARE prov uuid; total integer;
      BEGIN
        SELECT province_id INTO prov FROM target WHERE id = p_target;
        IF NOT FOUND THEN RETURN 0; END IF;
        -- Waits for the steps running on this build, and keeps new ones out until this transaction ends.
        PERFORM 1 FROM coverage_build WHERE target_id = p_target FOR UPDATE;
        DELETE FROM coverage_build_chunk WHERE target_id = p_target;
        INSERT INTO coverage_build AS b (target_id, people_total, started_at) VALUES (p_target, 0, clock_timestamp())
        ON CONFLICT (target_id) DO UPDATE SET people_total = 0, started_at = excluded.started_at;
        INSERT INTO coverage_build_chunk (target_id, seq, unit_ids, people)
          SELECT p_target, (c.before / greatest(p_step, 1))::int, array_agg(c.id ORDER BY c.path), sum(c.n)::int
            FROM (SELECT u.id, u.path, u.n, sum(u.n) OVER (ORDER BY u.path) - u.n AS before
                    FROM (SELECT o.id, o.path, (SELECT count(*) FROM person p WHERE p.unit_id = o.id) AS n
                            FROM org_unit o WHERE prov IS NULL OR o.province_id = prov) u) c
           GROUP BY 2;
        SELECT coalesce(sum(people), 0)::int INTO total FROM coverage_build_chunk WHERE target_id = p_target;
        UPDATE coverage_build SET people_total = total WHERE target_id = p_target;
        RETURN total;
      END $$`);
    // One step: the first chunk nobody is building, applied. p_wait false: answers nothing when the build is being
    // restarted or every chunk left is being built by another session; p_wait true waits for them instead.
    await q.query(`
      CREATE FUNCTION coverage_build_step(p_target uuid, p_wait boolean DEFAULT true)
      RETURNS TABLE (done integer, total integer, finished boolean) LANGUAGE plpgsql AS $$
      DECLARE b coverage_build%ROWTYPE; ch coverage_build_chunk%ROWTYPE;
      BEGIN
        IF p_wait THEN SELECT * INTO b FROM coverage_build WHERE target_id = p_target FOR KEY SHARE;
        ELSE SELECT * INTO b FROM coverage_build WHERE target_id = p_target FOR KEY SHARE SKIP LOCKED; END IF;
        IF NOT FOUND THEN RETURN; END IF;
        IF p_wait THEN
          SELECT * INTO ch FROM coverage_build_chunk c WHERE c.target_id = p_target AND NOT c.done ORDER BY c.seq LIMIT 1 FOR UPDATE;
        ELSE
          SELECT * INTO ch FROM coverage_build_chunk c WHERE c.target_id = p_target AND NOT c.done ORDER BY c.seq LIMIT 1 FOR UPDATE SKIP LOCKED;
        END IF;
        IF FOUND THEN
          PERFORM coverage_build_units(p_target, ch.unit_ids);
          UPDATE coverage_build_chunk c SET done = true WHERE c.target_id = p_target AND c.seq = ch.seq;
        ELSIF EXISTS (SELECT 1 FROM coverage_build_chunk c WHERE c.target_id = p_target AND NOT c.done) THEN
          RETURN; -- the chunks left are being built by other sessions
        END IF;
        RETURN QUERY
          SELECT coalesce(sum(c.people) FILTER (WHERE c.done), 0)::int, b.people_total, coalesce(NOT bool_or(NOT c.done), true)
            FROM coverage_build_chunk c WHERE c.target_id = p_target;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    // A build still open is finished at once (the way targets were built before 1763800031000).
    await q.query(`SELECT coverage_rebuild(b.target_id) FROM coverage_build b WHERE EXISTS (SELECT 1 FROM coverage_build_chunk c WHERE c.target_id = b.target_id AND NOT c.done)`);
    await q.query(`DROP FUNCTION coverage_build_step(uuid, boolean)`);
    await q.query(`DROP FUNCTION coverage_build_start(uuid, integer)`);
    await q.query(`ALTER TABLE coverage_build ADD COLUMN next_path text NULL, ADD COLUMN people_done integer NOT NULL DEFAULT 0, ADD COLUMN finished_at timestamptz NULL`);
    await q.query(`UPDATE coverage_build SET people_done = people_total, finished_at = clock_timestamp()`);
    await q.query(`ALTER TABLE coverage_build ADD CONSTRAINT ck_coverage_build_people CHECK (people_done >= 0 AND people_total >= 0)`);
    await q.query(`CREATE INDEX ix_coverage_build_open ON coverage_build (started_at) WHERE finished_at IS NULL`);
    await q.query(`DROP TABLE coverage_build_chunk`);
    await q.query(`
      CREATE FUNCTION coverage_build_start(p_target uuid) RETURNS integer LANGUAGE plpgsql AS $$
      DECLARE prov uuid; total integer;
      BEGIN
        SELECT province_id INTO prov FROM target WHERE id = p_target;
        IF NOT FOUND THEN RETURN 0; END IF;
        SELECT count(*)::int INTO total FROM person p WHERE prov IS NULL OR p.province_id = prov;
        INSERT INTO coverage_build AS b (target_id, next_path, people_total, people_done, started_at, finished_at)
             VALUES (p_target, NULL, total, 0, clock_timestamp(), NULL)
        ON CONFLICT (target_id) DO UPDATE SET next_path = NULL, people_total = excluded.people_total, people_done = 0,
                                              started_at = excluded.started_at, finished_at = NULL;
        RETURN total;
      END $$`);
    await q.query(`
      CREATE FUNCTION coverage_build_step(p_target uuid, p_people integer, p_wait boolean DEFAULT true)
      RETURNS TABLE (done integer, total integer, finished boolean) LANGUAGE plpgsql AS $$
      DECLARE b coverage_build%ROWTYPE; prov uuid; u record; units uuid[] := '{}'; last text; n integer := 0;
      BEGIN
        IF p_wait THEN SELECT * INTO b FROM coverage_build WHERE target_id = p_target FOR UPDATE;
        ELSE SELECT * INTO b FROM coverage_build WHERE target_id = p_target FOR UPDATE SKIP LOCKED; END IF;
        IF NOT FOUND THEN RETURN; END IF;
        IF b.finished_at IS NOT NULL THEN RETURN QUERY SELECT b.people_done, b.people_total, true; RETURN; END IF;
        SELECT t.province_id INTO prov FROM target t WHERE t.id = p_target;
        FOR u IN SELECT o.id, o.path FROM org_unit o
                  WHERE (prov IS NULL OR o.province_id = prov) AND o.path > coalesce(b.next_path, '')
                  ORDER BY o.path LOOP
          units := units || u.id;
          last := u.path;
          n := n + (SELECT count(*)::int FROM person p WHERE p.unit_id = u.id);
          EXIT WHEN n >= p_people;
        END LOOP;
        IF last IS NULL THEN
          UPDATE coverage_build SET finished_at = clock_timestamp(), people_done = greatest(people_done, people_total) WHERE target_id = p_target
            RETURNING people_done, people_total INTO b.people_done, b.people_total;
          RETURN QUERY SELECT b.people_done, b.people_total, true;
          RETURN;
        END IF;
        PERFORM coverage_build_units(p_target, units);
        UPDATE coverage_build SET next_path = last, people_done = people_done + n WHERE target_id = p_target
          RETURNING people_done, people_total INTO b.people_done, b.people_total;
        RETURN QUERY SELECT b.people_done, b.people_total, false;
      END $$`);
  }
}
