import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AttendanceCandidate, AttendanceRowDto, TrainingSessionDto } from '@cchc/shared';
import { scopeSql, UnitScope } from '@api/common/access';
import { viNameOrder, viOrder } from '@api/common/database';

const SESSION_SELECT = `
  SELECT s.id, s.title, s.topic_id AS "topicId", tp.name AS "topicName", to_char(s.starts_on, 'YYYY-MM-DD') AS "startsOn",
         to_char(s.ends_on, 'YYYY-MM-DD') AS "endsOn", s.place, s.organising_unit_id AS "organisingUnitId", u.name AS "organisingUnitName",
         s.for_unit_ids AS "forUnitIds", s.trainer, s.hours::float AS hours,
         (SELECT count(*)::int FROM training_attendance a WHERE a.session_id = s.id) AS attendance, u.path AS "unitPath"
    FROM training_session s JOIN topic tp ON tp.id = s.topic_id JOIN org_unit u ON u.id = s.organising_unit_id`;

@Injectable()
export class TrainingSessionsRepository {
  constructor(private readonly db: DataSource) {}

  /** Sessions organised inside the scope (the caller's, or one unit's subtree within it). */
  async list(scope: UnitScope): Promise<TrainingSessionDto[]> {
    const params: unknown[] = [];
    const where = scopeSql(scope, 'u.path', params);
    const rows = await this.db.query(`${SESSION_SELECT} WHERE ${where} ORDER BY s.starts_on DESC, ${viOrder('s.title')} LIMIT 500`, params);
    return rows.map(({ unitPath: _p, ...r }: Record<string, unknown>) => r as unknown as TrainingSessionDto);
  }

  async find(id: string, manager: EntityManager = this.db.manager): Promise<(TrainingSessionDto & { unitPath: string }) | null> {
    const rows = await manager.query(`${SESSION_SELECT} WHERE s.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async insert(s: { title: string; topicId: string; startsOn: string; endsOn: string; place: string | null; organisingUnitId: string; forUnitIds: string[]; trainer: string | null; hours: number; createdBy: string }, manager: EntityManager): Promise<string> {
    const rows = await manager.query(
      `INSERT INTO training_session (title, topic_id, starts_on, ends_on, place, organising_unit_id, for_unit_ids, trainer, hours, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [s.title, s.topicId, s.startsOn, s.endsOn, s.place, s.organisingUnitId, s.forUnitIds, s.trainer, s.hours, s.createdBy],
    );
    return rows[0].id;
  }

  async update(id: string, s: { title: string; topicId: string; startsOn: string; endsOn: string; place: string | null; organisingUnitId: string; forUnitIds: string[]; trainer: string | null; hours: number }, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE training_session SET title = $2, topic_id = $3, starts_on = $4, ends_on = $5, place = $6, organising_unit_id = $7, for_unit_ids = $8, trainer = $9, hours = $10
        WHERE id = $1`,
      [id, s.title, s.topicId, s.startsOn, s.endsOn, s.place, s.organisingUnitId, s.forUnitIds, s.trainer, s.hours],
    );
  }

  unitPaths(ids: string[], manager: EntityManager = this.db.manager): Promise<{ id: string; path: string }[]> {
    return manager.query(`SELECT id, path FROM org_unit WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** The session's attendees who lie in the scope. */
  attendance(scope: UnitScope, sessionId: string): Promise<AttendanceRowDto[]> {
    const params: unknown[] = [sessionId];
    return this.db.query(
      `SELECT p.id AS "personId", p.full_name AS "fullName", p.staff_code AS "staffCode", u.name AS "unitName", a.source, a.recorded_at AS "recordedAt"
         FROM training_attendance a JOIN person p ON p.id = a.person_id JOIN org_unit u ON u.id = p.unit_id
        WHERE a.session_id = $1 AND ${scopeSql(scope, { path: 'u.path', person: 'p.id' }, params)} ORDER BY ${viOrder('u.name')}, ${viNameOrder('p.full_name')}`,
      params,
    );
  }

  /** People with their unit paths, for checking scope before recording. */
  people(ids: string[], manager: EntityManager = this.db.manager): Promise<{ id: string; path: string; status: string }[]> {
    return manager.query(`SELECT p.id, u.path, p.status FROM person p JOIN org_unit u ON u.id = p.unit_id WHERE p.id = ANY($1::uuid[])`, [ids]);
  }

  /** The people an attendance sheet may name: everyone in the caller's scope still working. */
  candidates(scope: UnitScope): Promise<AttendanceCandidate[]> {
    const params: unknown[] = [];
    const where = scopeSql(scope, 'u.path', params);
    return this.db.query(
      `SELECT p.id, p.staff_code AS "staffCode", p.full_name AS "fullName", u.name AS "unitName", u.code AS "unitCode"
         FROM person p JOIN org_unit u ON u.id = p.unit_id WHERE ${where} AND p.status IN ('active','on_leave')`,
      params,
    );
  }

  /** Returns the people newly recorded (already present ones are left as they were). */
  async addAttendance(sessionId: string, personIds: string[], source: 'manual' | 'import' | 'qr', recordedBy: string, manager: EntityManager): Promise<string[]> {
    const rows: { person_id: string }[] = await manager.query(
      `INSERT INTO training_attendance (session_id, person_id, source, recorded_by)
       SELECT $1, x, $3, $4 FROM unnest($2::uuid[]) x ON CONFLICT DO NOTHING RETURNING person_id`,
      [sessionId, personIds, source, recordedBy],
    );
    return rows.map((r) => r.person_id);
  }
}
