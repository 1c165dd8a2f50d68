import { MigrationInterface, QueryRunner } from 'typeorm';

/** coverage_compute as created by migration 1763800007000, with `extra` added to who is eligible. */
const computeSql = (extra: string) => `
  CREATE OR REPLACE FUNCTION coverage_compute(p_target uuid, p_people uuid[] DEFAULT NULL)
  RETURNS TABLE (person_id uuid, unit_id uuid, years integer[]) LANGUAGE sql STABLE AS $$
    WITH t AS (SELECT * FROM target WHERE id = p_target AND active),
    elig AS (
      SELECT p.id, p.unit_id FROM person p JOIN org_unit u ON u.id = p.unit_id, t
       WHERE (p_people IS NULL OR p.id = ANY(p_people))
         AND coverage_eligible(t.audience, t.kind, p.status, p.category, p.does_cchc_work, p.is_leader, u.level, u.path)${extra}),
    ev AS (
      SELECT DISTINCT e.person_id, coverage_evidence_year(e.occurred_at) AS y FROM training_evidence e, t
       WHERE (p_people IS NULL OR e.person_id = ANY(p_people)) AND e.topic_id = ANY(t.topic_ids) AND e.kind = ANY(t.evidence_kinds)),
    yrs AS (
      SELECT ev.person_id, array_agg(DISTINCT g ORDER BY g) AS years FROM ev, t,
             generate_series(greatest(ev.y, t.start_year), least(coverage_valid_until(t.validity, t.validity_years, t.phases, ev.y), t.end_year)) g
       GROUP BY ev.person_id)
    SELECT elig.id, elig.unit_id, coalesce(yrs.years, '{}') FROM elig LEFT JOIN yrs ON yrs.person_id = elig.id
  $$`;

const CONTENT_TABLES = ['target', 'topic', 'question', 'test_round'] as const;

/**
 * Content belongs to a province or to the nation (province_id NULL), and now the code reads it: a province's target
 * counts only that province's people (a national one every province's, each seeing its own part).
 *
 * Backfill of content made while the code ignored province_id (it was saved NULL, i.e. national): in a database with
 * one province, everything is that province's (the rule of migration 1763800010000); otherwise a question or round
 * belongs to the province of the account that made it, a round or target limited to units of one province to that
 * province. What matches no rule stays national. down() restores the eligibility rule and leaves ownership as it is
 * (the columns are migration 1763800010000's; setting them back to NULL would hand a province's content to everyone).
 */
export class ContentProvinces1763800023000 implements MigrationInterface {
  name = 'ContentProvinces1763800023000';

  async up(q: QueryRunner): Promise<void> {
    const provinces: { id: string }[] = await q.query(`SELECT id FROM org_unit WHERE level = 'province'`);
    if (provinces.length === 1) {
      for (const table of CONTENT_TABLES) await q.query(`UPDATE ${table} SET province_id = $1 WHERE province_id IS NULL`, [provinces[0].id]);
    } else if (provinces.length > 1) {
      for (const table of ['question', 'test_round'])
        await q.query(`
          UPDATE ${table} c SET province_id = u.province_id
            FROM user_account a JOIN org_unit u ON u.id = a.unit_id
           WHERE c.province_id IS NULL AND a.id = c.created_by AND a.role <> 'admin' AND a.role <> 'national_officer' AND u.province_id IS NOT NULL`);
      await q.query(`
        UPDATE test_round r SET province_id = u.province_id FROM org_unit u
         WHERE r.province_id IS NULL AND u.id = (r.audience->>'unitId')::uuid AND u.province_id IS NOT NULL`);
      await q.query(`
        UPDATE target t SET province_id = x.province_id
          FROM (SELECT t2.id, min(u.province_id::text)::uuid AS province_id FROM target t2
                  JOIN org_unit u ON u.id IN (SELECT v::uuid FROM jsonb_array_elements_text(t2.audience->'unitIds') v)
                 GROUP BY t2.id HAVING count(DISTINCT u.province_id) = 1 AND bool_and(u.province_id IS NOT NULL)) x
         WHERE t.province_id IS NULL AND t.id = x.id`);
    }
    await q.query(computeSql(`\n         AND (t.province_id IS NULL OR p.province_id = t.province_id)`));
    await q.query(`SELECT coverage_rebuild(id) FROM target WHERE province_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(computeSql(''));
    await q.query(`SELECT coverage_rebuild(id) FROM target WHERE province_id IS NOT NULL`);
  }
}
