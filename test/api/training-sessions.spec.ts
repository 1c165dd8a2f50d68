import { Workbook } from 'exceljs';
import { createTestApp, insertPerson, login, seedSmallProvince, SmallProvince, TestApp } from '../support/test-app';

describe('in-person training sessions', () => {
  let t: TestApp;
  let p: SmallProvince;
  let coord: string;
  let officer: string;
  let topicId: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp();
    p = await seedSmallProvince(t.db);
    coord = await login(t.http, 'coord');
    officer = await login(t.http, 'commune.officer');
    [{ id: topicId }] = await t.db.query(`SELECT id FROM topic WHERE code = 'CCHC.TTHC'`);
    // A namesake in another commune, to make a name-only row ambiguous.
    await insertPerson(t.db, { staffCode: 'T0099', fullName: 'Phạm Thị Dung', unitId: p.units.communeB.id });
  });
  afterAll(() => t.close());

  const newSession = (token: string, unitId: string) =>
    t.http.post('/api/training-sessions').set(auth(token)).send({ title: 'Tập huấn thủ tục hành chính cấp xã', topicId, startsOn: '2026-06-10', endsOn: '2026-06-11', place: 'Hội trường UBND xã', organisingUnitId: unitId, trainer: 'Sở Tư pháp', hours: 8 });

  const sheet = async (rows: (string | null)[][]) => {
    const wb = new Workbook();
    const ws = wb.addWorksheet('Điểm danh');
    ws.addRow(['STT', 'Mã cán bộ', 'Họ và tên', 'Đơn vị', 'Ký tên']);
    rows.forEach((r, i) => ws.addRow([i + 1, ...r, '']));
    return Buffer.from(await wb.xlsx.writeBuffer());
  };

  it('imports an attendance sheet: a dry run lists unmatched and ambiguous rows, the commit is all or nothing', async () => {
    const session = (await newSession(coord, p.units.dept.id).expect(201)).body;
    const bad = await sheet([
      ['T0003', 'Lê Đức Cường', 'Xã An Bình'],
      [null, 'le duc cuong', null], // the same person again, by name without diacritics
      [null, 'Phạm Thị Dung', null], // two people share the name
      [null, 'Nguyễn Không Có', 'Xã An Bình'],
    ]);
    const dry = await t.http.post(`/api/training-sessions/${session.id}/attendance/import/dry-run`).set(auth(coord)).attach('file', bad, 'diem-danh.xlsx').expect(200);
    expect(dry.body.rows.map((r: { row: number; status: string }) => `${r.row}:${r.status}`)).toEqual(['2:matched', '3:duplicate', '4:ambiguous', '5:unmatched']);
    const commit = await t.http.post(`/api/training-sessions/${session.id}/attendance/import/commit`).set(auth(coord)).attach('file', bad, 'diem-danh.xlsx');
    expect(`${commit.status} ${commit.body.code}`).toBe('422 ATTENDANCE_UNMATCHED');
    expect(await t.db.query(`SELECT * FROM training_attendance WHERE session_id = $1`, [session.id])).toEqual([]);
    expect(await t.db.query(`SELECT * FROM training_evidence WHERE source_id = $1`, [session.id])).toEqual([]);

    const good = await sheet([
      ['T0003', 'Lê Đức Cường', 'Xã An Bình'],
      [null, 'Pham Thi Dung', 'Xa An Binh'],
    ]);
    const ok = await t.http.post(`/api/training-sessions/${session.id}/attendance/import/commit`).set(auth(coord)).attach('file', good, 'diem-danh.xlsx').expect(200);
    expect(ok.body).toMatchObject({ committed: true, matched: 2 });
    const attendance = await t.http.get(`/api/training-sessions/${session.id}/attendance`).set(auth(coord)).expect(200);
    expect(attendance.body.map((a: { staffCode: string; source: string }) => `${a.staffCode}:${a.source}`).sort()).toEqual(['T0003:import', 'T0004:import']);
    const evidence = await t.db.query(`SELECT kind, coverage_evidence_year(occurred_at) AS y FROM training_evidence WHERE source_id = $1`, [session.id]);
    expect(evidence).toEqual([{ kind: 'attendance', y: 2026 }, { kind: 'attendance', y: 2026 }]);
  });

  it('a unit officer records sessions and attendance only within their subtree', async () => {
    const outside = await newSession(officer, p.units.communeB.id);
    expect(`${outside.status} ${outside.body.code}`).toBe('403 OUT_OF_SCOPE');
    const mine = (await newSession(officer, p.units.communeA.id).expect(201)).body;
    const other = await t.http.post(`/api/training-sessions/${mine.id}/attendance`).set(auth(officer)).send({ personIds: [p.people.communeBStaff.id] });
    expect(`${other.status} ${other.body.code}`).toBe('403 OUT_OF_SCOPE');
    await t.http.post(`/api/training-sessions/${mine.id}/attendance`).set(auth(officer)).send({ personIds: [p.people.communeAStaff2.id] }).expect(200);
    const list = await t.http.get('/api/training-sessions').set(auth(officer)).expect(200);
    expect(list.body.map((s: { organisingUnitName: string }) => s.organisingUnitName)).toEqual(['Xã An Bình']);
  });

  it("a session in the officer's commune attended by people from elsewhere lists only the officer's own people to them", async () => {
    const mine = (await newSession(officer, p.units.communeA.id).expect(201)).body;
    // The coordinator records someone from commune B at it (a session open to neighbours).
    await t.http.post(`/api/training-sessions/${mine.id}/attendance`).set(auth(coord)).send({ personIds: [p.people.communeAStaff.id, p.people.communeBStaff.id] }).expect(200);
    const codes = async (token: string) =>
      (await t.http.get(`/api/training-sessions/${mine.id}/attendance`).set(auth(token)).expect(200)).body.map((a: { staffCode: string }) => a.staffCode).sort();
    expect(await codes(coord)).toEqual(['T0003', 'T0005']);
    expect(await codes(officer)).toEqual(['T0003']);
  });

  it('QR self check-in: a signed short-lived token, confirmed by the signed-in learner', async () => {
    const session = (await newSession(coord, p.units.communeA.id).expect(201)).body;
    const qr = await t.http.post(`/api/training-sessions/${session.id}/qr`).set(auth(coord)).expect(200);
    expect(qr.body.dataUrl).toMatch(/^data:image\/png;base64,/);
    expect(qr.body.url).toContain('/diem-danh?token=');
    const learner = await login(t.http, 'learner');
    const tampered = qr.body.token.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A'));
    const bad = await t.http.post('/api/training-sessions/check-in').set(auth(learner)).send({ token: tampered });
    expect(`${bad.status} ${bad.body.code}`).toBe('400 CHECKIN_TOKEN_INVALID');
    const ok = await t.http.post('/api/training-sessions/check-in').set(auth(learner)).send({ token: qr.body.token }).expect(200);
    expect(ok.body).toEqual({ sessionTitle: session.title, added: true });
    const again = await t.http.post('/api/training-sessions/check-in').set(auth(learner)).send({ token: qr.body.token }).expect(200);
    expect(again.body.added).toBe(false);
    t.clock.advance(11 * 60 * 1000);
    const late = await t.http.post('/api/training-sessions/check-in').set(auth(learner)).send({ token: qr.body.token });
    expect(`${late.status} ${late.body.code}`).toBe('400 CHECKIN_TOKEN_EXPIRED');
    const [{ source }] = await t.db.query(`SELECT source FROM training_attendance WHERE session_id = $1`, [session.id]);
    expect(source).toBe('qr');
  }, 30_000);
  it('edits a session: the units it is for (shown on the detail), only within the editor\'s scope; topic and last day stay once someone attended', async () => {
    const session = (await newSession(coord, p.units.dept.id).expect(201)).body;
    expect(session.forUnitIds).toEqual([]);
    const edit = (token: string, id: string, changes: object) =>
      t.http.put(`/api/training-sessions/${id}`).set(auth(token)).send({
        title: 'Tập huấn thủ tục hành chính cấp xã (đợt 2)', topicId, startsOn: '2026-06-10', endsOn: '2026-06-11', place: 'Hội trường UBND tỉnh',
        organisingUnitId: p.units.dept.id, forUnitIds: [p.units.communeA.id, p.units.communeB.id], trainer: 'Sở Tư pháp', hours: 6, ...changes,
      });
    const ok = await edit(coord, session.id, {}).expect(200);
    expect(ok.body).toMatchObject({ title: 'Tập huấn thủ tục hành chính cấp xã (đợt 2)', place: 'Hội trường UBND tỉnh', hours: 6 });
    expect(ok.body.forUnitIds.sort()).toEqual([p.units.communeA.id, p.units.communeB.id].sort());
    const detail = await t.http.get(`/api/training-sessions/${session.id}`).set(auth(coord)).expect(200);
    expect(detail.body.forUnitIds.sort()).toEqual([p.units.communeA.id, p.units.communeB.id].sort());
    const [audit] = await t.db.query(`SELECT summary FROM audit_log WHERE entity_id = $1 AND action = 'update'`, [session.id]);
    expect(audit.summary).toContain('Sửa lớp tập huấn');

    // Refused edits change nothing.
    const unknownUnit = await edit(coord, session.id, { title: 'Không được lưu', forUnitIds: [p.units.communeA.id, '00000000-0000-4000-8000-000000000000'] });
    expect(`${unknownUnit.status} ${unknownUnit.body.code}`).toBe('404 UNIT_NOT_FOUND');
    const badDates = await edit(coord, session.id, { title: 'Không được lưu', startsOn: '2026-06-12' });
    expect(`${badDates.status} ${badDates.body.code}`).toBe('400 SESSION_DATES');
    const notUnits = await edit(coord, session.id, { forUnitIds: ['khong-phai-uuid'] });
    expect(notUnits.status).toBe(400);
    const [row] = await t.db.query(`SELECT title, for_unit_ids AS "forUnitIds" FROM training_session WHERE id = $1`, [session.id]);
    expect(row.title).toBe('Tập huấn thủ tục hành chính cấp xã (đợt 2)');
    expect(row.forUnitIds).toHaveLength(2);

    // A unit officer edits only their own sessions, for units in their subtree.
    const otherOfficers = await edit(officer, session.id, { organisingUnitId: p.units.communeA.id, forUnitIds: [] });
    expect(`${otherOfficers.status} ${otherOfficers.body.code}`).toBe('403 OUT_OF_SCOPE');
    const mine = (await newSession(officer, p.units.communeA.id).expect(201)).body;
    const outside = await edit(officer, mine.id, { organisingUnitId: p.units.communeA.id, forUnitIds: [p.units.communeB.id] });
    expect(`${outside.status} ${outside.body.code}`).toBe('403 OUT_OF_SCOPE');
    const moved = await edit(officer, mine.id, { organisingUnitId: p.units.communeB.id, forUnitIds: [] });
    expect(`${moved.status} ${moved.body.code}`).toBe('403 OUT_OF_SCOPE');
    await edit(officer, mine.id, { organisingUnitId: p.units.communeA.id, forUnitIds: [p.units.communeA.id] }).expect(200);

    // Once someone attended, the attendance is evidence on the topic dated the last day: those two are fixed.
    await t.http.post(`/api/training-sessions/${session.id}/attendance`).set(auth(coord)).send({ personIds: [p.people.communeBStaff.id] }).expect(200);
    const [{ id: otherTopic }] = await t.db.query(`SELECT id FROM topic WHERE code = 'ASEAN'`);
    for (const changes of [{ topicId: otherTopic }, { endsOn: '2026-06-12' }]) {
      const locked = await edit(coord, session.id, changes);
      expect(`${locked.status} ${locked.body.code}`).toBe('409 SESSION_HAS_ATTENDANCE');
      expect(locked.body.message).toMatch(/đã có người điểm danh/);
    }
    await edit(coord, session.id, { place: 'Trung tâm Hội nghị tỉnh', forUnitIds: [p.units.communeB.id] }).expect(200);
    const [after] = await t.db.query(`SELECT place, topic_id AS "topicId", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn" FROM training_session WHERE id = $1`, [session.id]);
    expect(after).toEqual({ place: 'Trung tâm Hội nghị tỉnh', topicId, endsOn: '2026-06-11' });
  });
});
