import { MigrationInterface, QueryRunner } from 'typeorm';

const CONTENT_TABLES = ['target', 'topic', 'question', 'test_round'] as const;

/**
 * One deployment for many provinces. A national level above the provinces ('nation', the tree's root: a province is a
 * subtree); each unit and each person knows its province (kept by triggers, so every writer, the seed and the
 * benchmarks included, gets it right); staff codes are unique within a province; targets, topics, questions and test
 * rounds belong to a province or, with province_id NULL, to the nation; a read-only national role (Bộ Nội vụ).
 *
 * An existing single-province database is moved under a new national root and its content stays its province's.
 */
export class Provinces1763800010000 implements MigrationInterface {
  name = 'Provinces1763800010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE org_unit DROP CONSTRAINT ck_org_unit_level`);
    await q.query(`ALTER TABLE org_unit ADD CONSTRAINT ck_org_unit_level
      CHECK (level IN ('nation','province','department','district','commune','sub_unit','public_service'))`);
    await q.query(`ALTER TABLE user_account DROP CONSTRAINT ck_user_account_role`);
    await q.query(`ALTER TABLE user_account ADD CONSTRAINT ck_user_account_role
      CHECK (role IN ('learner','unit_officer','coordinator','author','admin','national_officer'))`);

    // The province of a unit: itself for a province, its province ancestor below one, NULL for the nation; a tree
    // without a province level (a lone root of another level) counts as its own root's.
    await q.query(`ALTER TABLE org_unit ADD COLUMN province_id uuid NULL`);
    await q.query(`
      CREATE FUNCTION org_unit_set_province() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.level = 'nation' THEN NEW.province_id := NULL;
        ELSIF NEW.level = 'province' THEN NEW.province_id := NEW.id;
        ELSE
          SELECT a.id INTO NEW.province_id FROM org_unit a
           WHERE a.id = ANY(string_to_array(trim(both '/' from NEW.path), '/')::uuid[]) AND a.level = 'province' LIMIT 1;
          IF NEW.province_id IS NULL THEN NEW.province_id := split_part(NEW.path, '/', 2)::uuid; END IF;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER tg_org_unit_province BEFORE INSERT OR UPDATE OF path, level ON org_unit
      FOR EACH ROW EXECUTE FUNCTION org_unit_set_province()`);
    await q.query(`CREATE INDEX ix_org_unit_province ON org_unit (province_id)`);

    // Upgrading a database that already holds a tree: put a national root above its roots.
    const [{ n }] = await q.query(`SELECT count(*)::int AS n FROM org_unit WHERE parent_id IS NULL`);
    if (n > 0) {
      const [{ id: nationId }] = await q.query(
        `INSERT INTO org_unit (code, name, level, path) VALUES ('VN', 'Toàn quốc', 'nation', '/') RETURNING id`,
      );
      await q.query(`UPDATE org_unit SET path = '/' || $1 || '/' WHERE id = $1`, [nationId]);
      await q.query(`UPDATE org_unit SET parent_id = $1 WHERE parent_id IS NULL AND id <> $1`, [nationId]);
      await q.query(`UPDATE org_unit SET path = '/' || $1 || path WHERE id <> $1`, [nationId]);
    }

    await q.query(`ALTER TABLE person ADD COLUMN province_id uuid NULL`);
    await q.query(`
      CREATE FUNCTION person_set_province() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT coalesce(u.province_id, u.id) INTO NEW.province_id FROM org_unit u WHERE u.id = NEW.unit_id;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER tg_person_province BEFORE INSERT OR UPDATE OF unit_id ON person
      FOR EACH ROW EXECUTE FUNCTION person_set_province()`);
    await q.query(`UPDATE person p SET province_id = coalesce(u.province_id, u.id) FROM org_unit u WHERE u.id = p.unit_id`);
    await q.query(`ALTER TABLE person ALTER COLUMN province_id SET NOT NULL`);
    await q.query(`ALTER TABLE person DROP CONSTRAINT uq_person_staff_code`);
    await q.query(`ALTER TABLE person ADD CONSTRAINT uq_person_province_staff_code UNIQUE (province_id, staff_code)`);
    await q.query(`CREATE INDEX ix_person_staff_code ON person (staff_code)`);

    // A coordinator works for one province: an account without a unit gets the only province, if there is one.
    await q.query(`
      UPDATE user_account SET unit_id = (SELECT id FROM org_unit WHERE level = 'province')
       WHERE role = 'coordinator' AND unit_id IS NULL AND (SELECT count(*) FROM org_unit WHERE level = 'province') = 1`);

    const [province] = await q.query(`SELECT id FROM org_unit WHERE level = 'province' AND (SELECT count(*) FROM org_unit WHERE level = 'province') = 1`);
    for (const table of CONTENT_TABLES) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN province_id uuid NULL`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT fk_${table}_province FOREIGN KEY (province_id) REFERENCES org_unit (id)`);
      await q.query(`CREATE INDEX ix_${table}_province ON ${table} (province_id)`);
      // What a single province made so far stays that province's.
      if (province) await q.query(`UPDATE ${table} SET province_id = $1`, [province.id]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...CONTENT_TABLES].reverse()) {
      await q.query(`DROP INDEX ix_${table}_province`);
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT fk_${table}_province`);
      await q.query(`ALTER TABLE ${table} DROP COLUMN province_id`);
    }
    await q.query(`DROP INDEX ix_person_staff_code`);
    await q.query(`ALTER TABLE person DROP CONSTRAINT uq_person_province_staff_code`);
    await q.query(`ALTER TABLE person ADD CONSTRAINT uq_person_staff_code UNIQUE (staff_code)`);
    await q.query(`DROP TRIGGER tg_person_province ON person`);
    await q.query(`DROP FUNCTION person_set_province()`);
    await q.query(`ALTER TABLE person DROP COLUMN province_id`);

    // Back to one tree per root: the provinces become roots again and the national root goes.
    const nations: { id: string; path: string }[] = await q.query(`SELECT id, path FROM org_unit WHERE level = 'nation'`);
    for (const nation of nations) {
      await q.query(`UPDATE person SET unit_id = (SELECT id FROM org_unit WHERE parent_id = $1 ORDER BY created_at LIMIT 1) WHERE unit_id = $1`, [nation.id]);
      await q.query(`UPDATE user_account SET unit_id = NULL WHERE unit_id = $1`, [nation.id]);
      await q.query(`UPDATE org_unit SET parent_id = NULL WHERE parent_id = $1`, [nation.id]);
      await q.query(`UPDATE org_unit SET path = substr(path, length($2)) WHERE path LIKE $2 || '%' AND id <> $1`, [nation.id, nation.path]);
      await q.query(`DELETE FROM org_unit WHERE id = $1`, [nation.id]);
    }
    await q.query(`DROP INDEX ix_org_unit_province`);
    await q.query(`DROP TRIGGER tg_org_unit_province ON org_unit`);
    await q.query(`DROP FUNCTION org_unit_set_province()`);
    await q.query(`ALTER TABLE org_unit DROP COLUMN province_id`);
    await q.query(`UPDATE user_account SET role = 'learner' WHERE role = 'national_officer'`);
    await q.query(`ALTER TABLE user_account DROP CONSTRAINT ck_user_account_role`);
    await q.query(`ALTER TABLE user_account ADD CONSTRAINT ck_user_account_role CHECK (role IN ('learner','unit_officer','coordinator','author','admin'))`);
    await q.query(`ALTER TABLE org_unit DROP CONSTRAINT ck_org_unit_level`);
    await q.query(`ALTER TABLE org_unit ADD CONSTRAINT ck_org_unit_level
      CHECK (level IN ('province','department','district','commune','sub_unit','public_service'))`);
  }
}
