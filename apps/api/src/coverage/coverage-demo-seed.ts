import { EntityManager } from 'typeorm';

/**
 * Demo evidence so the province view is not empty (deterministic, by hash of staff code and unit code):
 * ASEAN 40–70% of people per unit (2024–2025), KNHC 25–55%, CCHC for CCHC staff 35–65% (this year; 40–75% last year),
 * Văn hóa công vụ 30–60% (this year; 45–80% last year); in-person CCHC sessions organised by the Sở Nội vụ for eight communes with their attendance; and,
 * when assessment has not seeded any, one closed test round with results for the unit views. Runs inside the demo
 * seed's transaction; the coverage triggers keep the counters.
 */
export async function seedCoverageDemo(tx: EntityManager, year: number): Promise<void> {
  // The tables were filled a moment ago in this transaction: without statistics the coverage triggers' queries are
  // planned for empty tables (nested loops over thousands of people), which made each evidence insert take tens of
  // seconds. ANALYZE runs inside a transaction and sees its rows.
  await tx.query(`ANALYZE person, org_unit, topic, target, training_evidence, coverage_person, coverage_counter`);
  const share = (salt: string, base: number, spread: number) =>
    `abs(hashtext(p.staff_code || '${salt}')) % 100 < ${base} + abs(hashtext(u.code || '${salt}')) % ${spread + 1}`;
  const evidence = async (topic: string, salt: string, at: string, cond: string, kind = 'course_completed') =>
    tx.query(
      `INSERT INTO training_evidence (person_id, topic_id, kind, source_type, source_id, occurred_at)
       SELECT p.id, t.id, $1, 'demo', $2, $3::timestamptz FROM person p JOIN org_unit u ON u.id = p.unit_id JOIN topic t ON t.code = $4
        WHERE p.status IN ('active','on_leave') AND ${cond}
       ON CONFLICT ON CONSTRAINT uq_training_evidence_source DO NOTHING`,
      [kind, `demo-${salt}`, at, topic],
    );
  await evidence('ASEAN', 'asean', '2024-09-20T03:00:00Z', share('asean', 40, 30));
  await evidence('KNHC', 'knhc', '2025-06-12T03:00:00Z', share('knhc', 25, 30), 'test_passed');
  await evidence('CCHC.TTHC', 'cchc', `${year}-05-15T03:00:00Z`, `p.does_cchc_work AND ${share('cchc', 35, 30)}`);
  await evidence('VHCV', 'vhcv', `${year}-04-10T03:00:00Z`, share('vhcv', 30, 30));
  // Last year too, so last year's report is not empty for the yearly and per-phase targets.
  await evidence('VHCV', 'vhcv-prev', `${year - 1}-04-10T03:00:00Z`, share('vhcv-prev', 45, 35));
  await evidence('CCHC.CQS', 'cchc-prev', `${year - 1}-08-20T03:00:00Z`, `p.does_cchc_work AND ${share('cchc-prev', 40, 35)}`);

  // Hội nghị tập huấn CCHC for eight communes (not Phường Nha Trang, whose officer then sees the gap).
  const communes: { id: string; name: string }[] = await tx.query(
    `SELECT id, name FROM org_unit WHERE level = 'commune' AND status = 'active' AND name <> 'Phường Nha Trang' ORDER BY code LIMIT 8`,
  );
  const [snv] = await tx.query(`SELECT id FROM org_unit WHERE name = 'Sở Nội vụ' ORDER BY code LIMIT 1`);
  const [topic] = await tx.query(`SELECT id FROM topic WHERE code = 'CCHC'`);
  if (!snv || !topic) return;
  for (const [i, c] of communes.entries()) {
    const day = `${year}-${String(3 + (i % 6)).padStart(2, '0')}-${String(10 + i).padStart(2, '0')}`;
    const [{ id }] = await tx.query(
      `INSERT INTO training_session (title, topic_id, starts_on, ends_on, place, organising_unit_id, for_unit_ids, trainer, hours)
       VALUES ($1, $2, $3, $3, $4, $5, $6, 'Phòng Cải cách hành chính, Sở Nội vụ', 4) RETURNING id`,
      [`Hội nghị tập huấn nghiệp vụ CCHC năm ${year} — ${c.name}`, topic.id, day, `Hội trường UBND ${c.name}`, snv.id, [c.id]],
    );
    const attendees: { id: string }[] = await tx.query(
      `SELECT id FROM person WHERE unit_id = $1 AND status = 'active' AND category IN ('can_bo','cong_chuc') ORDER BY staff_code LIMIT 3`,
      [c.id],
    );
    if (!attendees.length) continue;
    await tx.query(`INSERT INTO training_attendance (session_id, person_id, source) SELECT $1, x, 'manual' FROM unnest($2::uuid[]) x`, [id, attendees.map((a) => a.id)]);
    await tx.query(
      `INSERT INTO training_evidence (person_id, topic_id, kind, source_type, source_id, occurred_at)
       SELECT x, $2, 'attendance', 'session', $1, $3::timestamptz FROM unnest($4::uuid[]) x`,
      [id, topic.id, `${day}T05:00:00Z`, attendees.map((a) => a.id)],
    );
  }

  const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM test_round`);
  if (n > 0) return;
  const [round] = await tx.query(
    `INSERT INTO test_round (name, status, opens_at, closes_at, topic_ids, pass_mark, blueprint)
     SELECT $1, 'closed', $2::timestamptz, $3::timestamptz, array_agg(id ORDER BY code), 5,
            (SELECT jsonb_agg(jsonb_build_object('topicId', t.id, 'difficulty', 'medium', 'count', 5) ORDER BY t.code)
               FROM (SELECT id, code FROM topic WHERE code LIKE 'CCHC%' ORDER BY code LIMIT 6) t)
       FROM topic WHERE code LIKE 'CCHC%' RETURNING id`,
    [`Kiểm tra kiến thức CCHC định kỳ quý I/${year}`, `${year}-03-01T01:00:00Z`, `${year}-03-31T10:00:00Z`],
  );
  await tx.query(
    `INSERT INTO test_result (round_id, person_id, score, band, passed, finished_at)
     SELECT $1, p.id, s.score, CASE WHEN s.score >= 8.5 THEN 'Giỏi' WHEN s.score >= 6.5 THEN 'Khá' WHEN s.score >= 5 THEN 'Đạt' ELSE 'Chưa đạt' END,
            s.score >= 5, $2::timestamptz + (abs(hashtext(p.staff_code)) % 20) * interval '1 day'
       FROM person p JOIN org_unit u ON u.id = p.unit_id,
            LATERAL (SELECT round((2 + (abs(hashtext(p.staff_code || 'score')) % 81) / 10.0)::numeric, 1) AS score) s
      WHERE p.status = 'active' AND (p.does_cchc_work OR abs(hashtext(p.staff_code || 'test')) % 100 < 20)`,
    [round.id, `${year}-03-05T02:00:00Z`],
  );
}
