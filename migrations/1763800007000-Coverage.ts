import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Targets (chỉ tiêu) and coverage against them; in-person training sessions and attendance; surveys.
 *
 * Coverage is kept incrementally by triggers, so every writer (evidence from courses and tests, attendance,
 * transfers, status changes, merges, unit moves) updates it in its own transaction:
 * - coverage_person: one row per eligible person per target, with the years (within the target's range) in which
 *   their evidence keeps them covered;
 * - coverage_counter: per target × unit (the unit the people sit in directly) × year, eligible and covered counts.
 *   A subtree is a sum over `org_unit.path LIKE root || '%'`.
 * coverage_refresh_people(target, people) recomputes those people from scratch and applies the difference; coverage_rebuild
 * recomputes a whole target set-based (new targets, changed rules, and the check that the counters are right).
 * The rules mirror libs/shared/src/coverage/rules.ts.
 */
interface SeedTarget {
  code: string;
  name: string;
  basisNumber: string;
  basisDate: string;
  topic: string;
  kind: 'people' | 'units';
  audience: object;
  kinds: string[];
  validity: 'year' | 'years' | 'phase';
  phases: object[];
  startYear: number;
  endYear: number;
  deadline: string;
  threshold: number;
  unitDue: string;
  provinceDue: string;
}

const ALL_KINDS = ['course_completed', 'test_passed', 'attendance'];
const CB_CC = { categories: ['can_bo', 'cong_chuc'], doesCchcWork: null, isLeader: null, unitLevels: [], unitIds: [] };
const PHASES_1439 = [
  { name: 'Giai đoạn I (2019–2022)', startYear: 2019, endYear: 2022, review: 'interim' },
  { name: 'Giai đoạn II (2022–2025)', startYear: 2022, endYear: 2025, review: 'final' },
];

export const SEED_TARGETS: SeedTarget[] = [
  {
    code: 'QD1439.ASEAN',
    name: '100% cán bộ, công chức được bồi dưỡng kiến thức về Cộng đồng ASEAN',
    basisNumber: '1439/QĐ-TTg', basisDate: '2018-10-29', topic: 'ASEAN', kind: 'people', audience: CB_CC, kinds: ALL_KINDS,
    validity: 'phase', phases: PHASES_1439, startYear: 2019, endYear: 2025, deadline: '2025-12-31', threshold: 100, unitDue: '11-25', provinceDue: '12-15',
  },
  {
    code: 'QD1439.KNHC',
    name: 'Ít nhất 80% cán bộ, công chức được bồi dưỡng kỹ năng hành chính, quản lý nhà nước theo chuẩn ASEAN',
    basisNumber: '1439/QĐ-TTg', basisDate: '2018-10-29', topic: 'KNHC', kind: 'people', audience: CB_CC, kinds: ALL_KINDS,
    validity: 'phase', phases: PHASES_1439, startYear: 2019, endYear: 2025, deadline: '2025-12-31', threshold: 80, unitDue: '11-25', provinceDue: '12-15',
  },
  {
    code: 'QD1718.CCHC',
    name: '100% công chức làm công tác CCHC được bồi dưỡng kiến thức, kỹ năng về CCHC',
    basisNumber: '1718/QĐ-UBND', basisDate: '2023-07-21', topic: 'CCHC', kind: 'people',
    audience: { categories: [], doesCchcWork: true, isLeader: null, unitLevels: [], unitIds: [] }, kinds: ALL_KINDS, validity: 'phase',
    phases: [
      { name: 'Giai đoạn 2023–2025', startYear: 2023, endYear: 2025, review: 'interim' },
      { name: 'Giai đoạn 2026–2030', startYear: 2026, endYear: 2030, review: 'final' },
    ],
    startYear: 2023, endYear: 2030, deadline: '2030-12-31', threshold: 100, unitDue: '11-25', provinceDue: '12-15',
  },
  {
    code: 'QD1847.VHCV',
    name: 'Bồi dưỡng thường xuyên về văn hóa công vụ cho cán bộ, công chức, viên chức hằng năm',
    basisNumber: '1847/QĐ-TTg', basisDate: '2018-12-27', topic: 'VHCV', kind: 'people',
    audience: { categories: ['can_bo', 'cong_chuc', 'vien_chuc'], doesCchcWork: null, isLeader: null, unitLevels: [], unitIds: [] },
    kinds: ALL_KINDS, validity: 'year', phases: [{ name: 'Giai đoạn 2019–2030', startYear: 2019, endYear: 2030, review: 'final' }],
    startYear: 2019, endYear: 2030, deadline: '2030-12-31', threshold: 100, unitDue: '11-15', provinceDue: '12-01',
  },
  {
    code: 'KH.CCHC.XA',
    name: '100% UBND cấp xã, phường được tập huấn về CCHC trong năm',
    basisNumber: '2855/QĐ-UBND', basisDate: '2017-12-08', topic: 'CCHC', kind: 'units',
    audience: { categories: [], doesCchcWork: null, isLeader: null, unitLevels: ['commune'], unitIds: [] }, kinds: ALL_KINDS, validity: 'year',
    phases: [{ name: 'Giai đoạn 2025–2030', startYear: 2025, endYear: 2030, review: 'final' }],
    startYear: 2025, endYear: 2030, deadline: '2030-12-31', threshold: 100, unitDue: '11-25', provinceDue: '12-15',
  },
];

export class Coverage1763800007000 implements MigrationInterface {
  name = 'Coverage1763800007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE target (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        code varchar(50) NOT NULL,
        name varchar(300) NOT NULL,
        legal_basis_number varchar(60) NOT NULL,
        legal_basis_date date NULL,
        topic_id uuid NOT NULL,
        topic_ids uuid[] NOT NULL,
        kind varchar(10) NOT NULL,
        audience jsonb NOT NULL,
        evidence_kinds text[] NOT NULL,
        validity varchar(10) NOT NULL,
        validity_years integer NOT NULL DEFAULT 1,
        phases jsonb NOT NULL DEFAULT '[]',
        start_year integer NOT NULL,
        end_year integer NOT NULL,
        deadline date NOT NULL,
        threshold_pct numeric(5,2) NOT NULL,
        unit_share numeric(4,3) NOT NULL DEFAULT 0,
        unit_report_due varchar(5) NULL,
        province_report_due varchar(5) NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_target PRIMARY KEY (id),
        CONSTRAINT uq_target_code UNIQUE (code),
        CONSTRAINT fk_target_topic FOREIGN KEY (topic_id) REFERENCES topic (id),
        CONSTRAINT ck_target_kind CHECK (kind IN ('people','units')),
        CONSTRAINT ck_target_validity CHECK (validity IN ('year','years','phase')),
        CONSTRAINT ck_target_years CHECK (end_year >= start_year AND end_year - start_year <= 30),
        CONSTRAINT ck_target_threshold CHECK (threshold_pct > 0 AND threshold_pct <= 100),
        CONSTRAINT ck_target_share CHECK (unit_share >= 0 AND unit_share <= 1)
      )`);

    await q.query(`
      CREATE TABLE coverage_person (
        target_id uuid NOT NULL,
        person_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        years integer[] NOT NULL DEFAULT '{}',
        CONSTRAINT pk_coverage_person PRIMARY KEY (target_id, person_id),
        CONSTRAINT fk_coverage_person_target FOREIGN KEY (target_id) REFERENCES target (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_coverage_person_unit ON coverage_person (target_id, unit_id)`);
    await q.query(`
      CREATE TABLE coverage_counter (
        target_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        year integer NOT NULL,
        eligible integer NOT NULL DEFAULT 0,
        covered integer NOT NULL DEFAULT 0,
        CONSTRAINT pk_coverage_counter PRIMARY KEY (target_id, year, unit_id),
        CONSTRAINT fk_coverage_counter_target FOREIGN KEY (target_id) REFERENCES target (id) ON DELETE CASCADE
      )`);

    await q.query(`
      CREATE TABLE training_session (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        title varchar(300) NOT NULL,
        topic_id uuid NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        place varchar(300) NULL,
        organising_unit_id uuid NOT NULL,
        for_unit_ids uuid[] NOT NULL DEFAULT '{}',
        trainer varchar(200) NULL,
        hours numeric(6,1) NOT NULL DEFAULT 0,
        created_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_training_session PRIMARY KEY (id),
        CONSTRAINT fk_training_session_topic FOREIGN KEY (topic_id) REFERENCES topic (id),
        CONSTRAINT fk_training_session_unit FOREIGN KEY (organising_unit_id) REFERENCES org_unit (id),
        CONSTRAINT fk_training_session_created_by FOREIGN KEY (created_by) REFERENCES user_account (id) ON DELETE SET NULL,
        CONSTRAINT ck_training_session_dates CHECK (ends_on >= starts_on),
        CONSTRAINT ck_training_session_hours CHECK (hours >= 0)
      )`);
    await q.query(`CREATE INDEX ix_training_session_unit ON training_session (organising_unit_id, starts_on)`);
    await q.query(`
      CREATE TABLE training_attendance (
        session_id uuid NOT NULL,
        person_id uuid NOT NULL,
        source varchar(10) NOT NULL,
        recorded_by uuid NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_training_attendance PRIMARY KEY (session_id, person_id),
        CONSTRAINT fk_training_attendance_session FOREIGN KEY (session_id) REFERENCES training_session (id) ON DELETE CASCADE,
        CONSTRAINT fk_training_attendance_person FOREIGN KEY (person_id) REFERENCES person (id) ON DELETE CASCADE,
        CONSTRAINT ck_training_attendance_source CHECK (source IN ('manual','import','qr'))
      )`);

    await q.query(`
      CREATE TABLE survey (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        kind varchar(12) NOT NULL,
        title varchar(300) NOT NULL,
        questions jsonb NOT NULL,
        topic_id uuid NULL,
        session_id uuid NULL,
        audience_unit_id uuid NULL,
        opens_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        created_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_survey PRIMARY KEY (id),
        CONSTRAINT fk_survey_topic FOREIGN KEY (topic_id) REFERENCES topic (id),
        CONSTRAINT fk_survey_session FOREIGN KEY (session_id) REFERENCES training_session (id) ON DELETE CASCADE,
        CONSTRAINT fk_survey_unit FOREIGN KEY (audience_unit_id) REFERENCES org_unit (id),
        CONSTRAINT ck_survey_kind CHECK (kind IN ('needs','evaluation')),
        CONSTRAINT ck_survey_window CHECK (closes_at > opens_at)
      )`);
    await q.query(`
      CREATE TABLE survey_response (
        survey_id uuid NOT NULL,
        person_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        answers jsonb NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_survey_response PRIMARY KEY (survey_id, person_id),
        CONSTRAINT fk_survey_response_survey FOREIGN KEY (survey_id) REFERENCES survey (id) ON DELETE CASCADE,
        CONSTRAINT fk_survey_response_person FOREIGN KEY (person_id) REFERENCES person (id) ON DELETE CASCADE,
        CONSTRAINT fk_survey_response_unit FOREIGN KEY (unit_id) REFERENCES org_unit (id)
      )`);

    // ---- rules (mirror libs/shared/src/coverage/rules.ts) ----
    await q.query(`
      CREATE FUNCTION coverage_eligible(a jsonb, k text, status text, category text, cchc boolean, leader boolean, lvl text, upath text)
      RETURNS boolean LANGUAGE sql STABLE AS $$
        SELECT status IN ('active','on_leave')
          AND (jsonb_array_length(coalesce(a->'categories','[]')) = 0 OR (a->'categories') ? category)
          AND (coalesce(a->'doesCchcWork','null'::jsonb) = 'null'::jsonb OR (a->>'doesCchcWork')::boolean = cchc)
          AND (coalesce(a->'isLeader','null'::jsonb) = 'null'::jsonb OR (a->>'isLeader')::boolean = leader)
          AND (k = 'units' OR jsonb_array_length(coalesce(a->'unitLevels','[]')) = 0 OR (a->'unitLevels') ? lvl)
          AND (jsonb_array_length(coalesce(a->'unitIds','[]')) = 0 OR EXISTS (
                SELECT 1 FROM org_unit r WHERE r.id IN (SELECT x::uuid FROM jsonb_array_elements_text(a->'unitIds') x) AND upath LIKE r.path || '%'))
      $$`);
    await q.query(`
      CREATE FUNCTION coverage_valid_until(validity text, n integer, phases jsonb, y integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE validity
          WHEN 'year' THEN y
          WHEN 'years' THEN y + greatest(n, 1) - 1
          ELSE coalesce((SELECT (ph->>'endYear')::int FROM jsonb_array_elements(phases) WITH ORDINALITY AS x(ph, i)
                          WHERE y BETWEEN (ph->>'startYear')::int AND (ph->>'endYear')::int ORDER BY i LIMIT 1), y)
        END
      $$`);
    // Evidence years are calendar years in Vietnam (UTC+7).
    await q.query(`
      CREATE FUNCTION coverage_evidence_year(at timestamptz) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
        SELECT extract(year FROM at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int
      $$`);

    // Full, set-based computation of one target, for every person (p_people NULL) or the people given.
    // It is the reference the incremental counters are checked against, and the bulk path of every refresh.
    await q.query(`
      CREATE FUNCTION coverage_compute(p_target uuid, p_people uuid[] DEFAULT NULL)
      RETURNS TABLE (person_id uuid, unit_id uuid, years integer[]) LANGUAGE sql STABLE AS $$
        WITH t AS (SELECT * FROM target WHERE id = p_target AND active),
        elig AS (
          SELECT p.id, p.unit_id FROM person p JOIN org_unit u ON u.id = p.unit_id, t
           WHERE (p_people IS NULL OR p.id = ANY(p_people))
             AND coverage_eligible(t.audience, t.kind, p.status, p.category, p.does_cchc_work, p.is_leader, u.level, u.path)),
        ev AS (
          SELECT DISTINCT e.person_id, coverage_evidence_year(e.occurred_at) AS y FROM training_evidence e, t
           WHERE (p_people IS NULL OR e.person_id = ANY(p_people)) AND e.topic_id = ANY(t.topic_ids) AND e.kind = ANY(t.evidence_kinds)),
        yrs AS (
          SELECT ev.person_id, array_agg(DISTINCT g ORDER BY g) AS years FROM ev, t,
                 generate_series(greatest(ev.y, t.start_year), least(coverage_valid_until(t.validity, t.validity_years, t.phases, ev.y), t.end_year)) g
           GROUP BY ev.person_id)
        SELECT elig.id, elig.unit_id, coalesce(yrs.years, '{}') FROM elig LEFT JOIN yrs ON yrs.person_id = elig.id
      $$`);

    // Recomputes the given people for one target and applies the difference to the counters.
    await q.query(`
      CREATE FUNCTION coverage_refresh_people(p_target uuid, p_people uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE t target%ROWTYPE;
      BEGIN
        SELECT * INTO t FROM target WHERE id = p_target;
        IF NOT FOUND OR p_people IS NULL OR cardinality(p_people) = 0 THEN RETURN; END IF;
        -- Take the counters' rows in a fixed order first, so two transactions touching the same units cannot deadlock.
        PERFORM 1 FROM coverage_counter c
          WHERE c.target_id = p_target AND c.unit_id IN (
            SELECT cp.unit_id FROM coverage_person cp WHERE cp.target_id = p_target AND cp.person_id = ANY(p_people)
            UNION SELECT p.unit_id FROM person p WHERE p.id = ANY(p_people))
          ORDER BY c.unit_id, c.year FOR UPDATE;
        UPDATE coverage_counter c SET eligible = c.eligible - d.e, covered = c.covered - d.c
          FROM (SELECT cp.unit_id, y, count(*)::int AS e, count(*) FILTER (WHERE y = ANY(cp.years))::int AS c
                  FROM coverage_person cp, generate_series(t.start_year, t.end_year) y
                 WHERE cp.target_id = p_target AND cp.person_id = ANY(p_people) GROUP BY 1, 2) d
         WHERE c.target_id = p_target AND c.unit_id = d.unit_id AND c.year = d.y;
        DELETE FROM coverage_person cp WHERE cp.target_id = p_target AND cp.person_id = ANY(p_people);
        INSERT INTO coverage_person (target_id, person_id, unit_id, years)
          SELECT p_target, f.person_id, f.unit_id, f.years FROM coverage_compute(p_target, p_people) f;
        INSERT INTO coverage_counter (target_id, unit_id, year, eligible, covered)
          SELECT p_target, cp.unit_id, y, count(*), count(*) FILTER (WHERE y = ANY(cp.years))
            FROM coverage_person cp, generate_series(t.start_year, t.end_year) y
           WHERE cp.target_id = p_target AND cp.person_id = ANY(p_people) GROUP BY 2, 3
          ON CONFLICT (target_id, year, unit_id) DO UPDATE
            SET eligible = coverage_counter.eligible + EXCLUDED.eligible, covered = coverage_counter.covered + EXCLUDED.covered;
      END $$`);
    await q.query(`
      CREATE FUNCTION coverage_rebuild(p_target uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM 1 FROM target WHERE id = p_target FOR UPDATE;
        DELETE FROM coverage_counter WHERE target_id = p_target;
        DELETE FROM coverage_person WHERE target_id = p_target;
        INSERT INTO coverage_person (target_id, person_id, unit_id, years) SELECT p_target, c.person_id, c.unit_id, c.years FROM coverage_compute(p_target) c;
        INSERT INTO coverage_counter (target_id, unit_id, year, eligible, covered)
          SELECT p_target, cp.unit_id, y, count(*), count(*) FILTER (WHERE y = ANY(cp.years))
            FROM coverage_person cp, target t, generate_series(t.start_year, t.end_year) y
           WHERE cp.target_id = p_target AND t.id = p_target
           GROUP BY cp.unit_id, y;
      END $$`);

    // ---- triggers: every writer keeps coverage right in its own transaction ----
    await q.query(`
      CREATE FUNCTION coverage_on_evidence() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE r record;
      BEGIN
        FOR r IN SELECT t.id AS target_id, array_agg(DISTINCT x.person_id) AS people FROM changed_rows x JOIN target t
                   ON t.active AND x.topic_id = ANY(t.topic_ids) AND x.kind = ANY(t.evidence_kinds)
                 GROUP BY t.id ORDER BY t.id LOOP
          PERFORM coverage_refresh_people(r.target_id, r.people);
        END LOOP;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER trg_coverage_evidence_ins AFTER INSERT ON training_evidence REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_on_evidence()`);
    await q.query(`CREATE TRIGGER trg_coverage_evidence_del AFTER DELETE ON training_evidence REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_on_evidence()`);

    await q.query(`
      CREATE FUNCTION coverage_on_person() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE r record;
      BEGIN
        FOR r IN SELECT t.id AS target_id, array_agg(DISTINCT x.id) AS people FROM changed_rows x CROSS JOIN target t GROUP BY t.id ORDER BY t.id LOOP
          PERFORM coverage_refresh_people(r.target_id, r.people);
        END LOOP;
        RETURN NULL;
      END $$`);
    // Updates matter only when something eligibility depends on changed (a renamed person changes nothing).
    await q.query(`
      CREATE FUNCTION coverage_on_person_update() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE r record;
      BEGIN
        FOR r IN SELECT t.id AS target_id, array_agg(DISTINCT n.id) AS people
                   FROM new_rows n JOIN old_rows o ON o.id = n.id
                    AND (o.unit_id, o.status, o.category, o.does_cchc_work, o.is_leader) IS DISTINCT FROM (n.unit_id, n.status, n.category, n.does_cchc_work, n.is_leader)
                   CROSS JOIN target t GROUP BY t.id ORDER BY t.id LOOP
          PERFORM coverage_refresh_people(r.target_id, r.people);
        END LOOP;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER trg_coverage_person_ins AFTER INSERT ON person REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_on_person()`);
    await q.query(`CREATE TRIGGER trg_coverage_person_upd AFTER UPDATE ON person REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_on_person_update()`);
    await q.query(`CREATE TRIGGER trg_coverage_person_del AFTER DELETE ON person REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_on_person()`);

    // A unit whose level or place in the tree changes may change who is eligible (targets by unit level or subtree).
    await q.query(`
      CREATE FUNCTION coverage_on_unit() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE r record;
      BEGIN
        FOR r IN SELECT t.id AS target_id, array_agg(DISTINCT p.id) AS people
                   FROM new_rows n JOIN old_rows o ON o.id = n.id AND (o.level <> n.level OR o.path <> n.path)
                   JOIN person p ON p.unit_id = n.id
                   JOIN target t ON jsonb_array_length(coalesce(t.audience->'unitLevels','[]')) > 0 OR jsonb_array_length(coalesce(t.audience->'unitIds','[]')) > 0
                  GROUP BY t.id ORDER BY t.id LOOP
          PERFORM coverage_refresh_people(r.target_id, r.people);
        END LOOP;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER trg_coverage_unit_upd AFTER UPDATE ON org_unit REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_on_unit()`);

    for (const s of SEED_TARGETS) {
      await q.query(
        `INSERT INTO target (code, name, legal_basis_number, legal_basis_date, topic_id, topic_ids, kind, audience, evidence_kinds, validity, phases,
                             start_year, end_year, deadline, threshold_pct, unit_report_due, province_report_due)
         SELECT $1, $2, $3, $4, tp.id,
                (WITH RECURSIVE sub AS (SELECT id FROM topic WHERE id = tp.id UNION ALL SELECT c.id FROM topic c JOIN sub ON c.parent_id = sub.id) SELECT array_agg(id) FROM sub),
                $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16
           FROM topic tp WHERE tp.code = $5`,
        [s.code, s.name, s.basisNumber, s.basisDate, s.topic, s.kind, JSON.stringify(s.audience), s.kinds, s.validity, JSON.stringify(s.phases),
          s.startYear, s.endYear, s.deadline, s.threshold, s.unitDue, s.provinceDue],
      );
    }
    await q.query(`SELECT coverage_rebuild(id) FROM target`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER trg_coverage_unit_upd ON org_unit`);
    await q.query(`DROP TRIGGER trg_coverage_person_del ON person`);
    await q.query(`DROP TRIGGER trg_coverage_person_upd ON person`);
    await q.query(`DROP TRIGGER trg_coverage_person_ins ON person`);
    await q.query(`DROP TRIGGER trg_coverage_evidence_del ON training_evidence`);
    await q.query(`DROP TRIGGER trg_coverage_evidence_ins ON training_evidence`);
    await q.query(`DROP FUNCTION coverage_on_unit()`);
    await q.query(`DROP FUNCTION coverage_on_person_update()`);
    await q.query(`DROP FUNCTION coverage_on_person()`);
    await q.query(`DROP FUNCTION coverage_on_evidence()`);
    await q.query(`DROP FUNCTION coverage_rebuild(uuid)`);
    await q.query(`DROP FUNCTION coverage_refresh_people(uuid, uuid[])`);
    await q.query(`DROP FUNCTION coverage_compute(uuid, uuid[])`);
    await q.query(`DROP FUNCTION coverage_evidence_year(timestamptz)`);
    await q.query(`DROP FUNCTION coverage_valid_until(text, integer, jsonb, integer)`);
    await q.query(`DROP FUNCTION coverage_eligible(jsonb, text, text, text, boolean, boolean, text, text)`);
    await q.query(`DROP TABLE survey_response`);
    await q.query(`DROP TABLE survey`);
    await q.query(`DROP TABLE training_attendance`);
    await q.query(`DROP TABLE training_session`);
    await q.query(`DROP TABLE coverage_counter`);
    await q.query(`DROP TABLE coverage_person`);
    await q.query(`DROP TABLE target`);
  }
}
