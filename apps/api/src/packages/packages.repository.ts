import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import type { LessonResultDto } from '@cchc/shared';
import { scopePersonSql, type UnitScope } from '@api/common/access';
import { viOrder } from '@api/common/database';
import { Cmi5Session, LearningPackage, LearningPackageFile, PackageRuntime } from './package.entity';

/** The only place that queries packages, their files and learners' runtime data. */
@Injectable()
export class PackagesRepository {
  constructor(private readonly db: DataSource) {}

  findByLesson(lessonId: string, manager: EntityManager = this.db.manager): Promise<LearningPackage | null> {
    return manager.findOne(LearningPackage, { where: { lessonId } });
  }

  findById(id: string, manager: EntityManager = this.db.manager): Promise<LearningPackage | null> {
    return manager.findOne(LearningPackage, { where: { id } });
  }

  /** Locks the lesson's package row (if any) so two uploads for one lesson run one after the other. */
  async lockByLesson(lessonId: string, manager: EntityManager): Promise<LearningPackage | null> {
    await manager.query(`SELECT 1 FROM lesson WHERE id = $1 FOR UPDATE`, [lessonId]);
    return manager.findOne(LearningPackage, { where: { lessonId } });
  }

  async insertPackage(row: Partial<LearningPackage>, files: { path: string; fileKey: string; size: number }[], manager: EntityManager): Promise<string> {
    const r = await manager.insert(LearningPackage, row);
    const id = r.identifiers[0].id as string;
    for (let at = 0; at < files.length; at += 1000) {
      await manager.insert(
        LearningPackageFile,
        files.slice(at, at + 1000).map((f) => ({ packageId: id, ...f })),
      );
    }
    return id;
  }

  async deletePackage(id: string, manager: EntityManager): Promise<void> {
    await manager.delete(LearningPackage, { id });
  }

  findFile(packageId: string, path: string): Promise<LearningPackageFile | null> {
    return this.db.manager.findOne(LearningPackageFile, { where: { packageId, path } });
  }

  runtimes(personId: string, packageId: string, attempt: number, manager: EntityManager = this.db.manager): Promise<PackageRuntime[]> {
    return manager.find(PackageRuntime, { where: { personId, packageId, attempt } });
  }

  /** Every attempt's rows of one learner in one package. */
  allRuntimes(personId: string, packageId: string, manager: EntityManager = this.db.manager): Promise<PackageRuntime[]> {
    return manager.find(PackageRuntime, { where: { personId, packageId }, order: { attempt: 'DESC', itemId: 'ASC' } });
  }

  async latestAttempt(personId: string, packageId: string, manager: EntityManager = this.db.manager): Promise<number> {
    const [row] = await manager.query(`SELECT coalesce(max(attempt), 1) AS n FROM package_runtime WHERE person_id = $1 AND package_id = $2`, [personId, packageId]);
    return Number(row.n);
  }

  /** The item's row, locked for the commit (created empty first, so two commits at once queue on it). */
  async lockRuntime(key: { personId: string; packageId: string; itemId: string; attempt: number }, manager: EntityManager): Promise<PackageRuntime> {
    await manager.query(
      `INSERT INTO package_runtime (person_id, package_id, item_id, attempt) VALUES ($1, $2, $3, $4) ON CONFLICT ON CONSTRAINT pk_package_runtime DO NOTHING`,
      [key.personId, key.packageId, key.itemId, key.attempt],
    );
    return (await manager
      .getRepository(PackageRuntime)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.person_id = :personId AND r.package_id = :packageId AND r.item_id = :itemId AND r.attempt = :attempt', key)
      .getOne())!;
  }

  async saveRuntime(row: PackageRuntime, manager: EntityManager): Promise<void> {
    await manager.save(PackageRuntime, row);
  }

  /** A session that ended without Terminate (a dropped link, a closed tab) is folded into the total time. */
  async foldUnfinishedSessions(personId: string, packageId: string, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.query(
      `UPDATE package_runtime SET total_seconds = total_seconds + session_seconds, session_seconds = 0
        WHERE person_id = $1 AND package_id = $2 AND session_seconds > 0`,
      [personId, packageId],
    );
  }

  /**
   * A person's package lessons with every attempt's rows (interactions included), read in the caller's scope (the
   * person themself, or an officer whose unit subtree holds them).
   */
  async personPackageRuntimes(
    scope: UnitScope,
    personId: string,
  ): Promise<{ lesson: { lessonId: string; lessonTitle: string; courseId: string; courseTitle: string; completed: boolean; result: LessonResultDto | null }; pkg: LearningPackage; rows: PackageRuntime[] }[]> {
    const params: unknown[] = [personId];
    const lessons: Record<string, unknown>[] = await this.db.query(
      `SELECT l.id AS lesson_id, l.title AS lesson_title, c.id AS course_id, c.title AS course_title, p.id AS package_id,
              lp.completed_at IS NOT NULL AS completed, lp.score_scaled, lp.score_raw, lp.score_min, lp.score_max, lp.success
         FROM (SELECT DISTINCT package_id FROM package_runtime WHERE person_id = $1 AND ${scopePersonSql(scope, 'person_id', params)}) r
         JOIN learning_package p ON p.id = r.package_id
         JOIN lesson l ON l.id = p.lesson_id
         JOIN course c ON c.id = l.course_id
         LEFT JOIN lesson_progress lp ON lp.person_id = $1 AND lp.lesson_id = l.id
        ORDER BY ${viOrder('c.title')}, l.sort_order, ${viOrder('l.title')}`,
      params,
    );
    if (!lessons.length) return [];
    const ids = lessons.map((l) => l.package_id as string);
    const packages = await this.db.manager.find(LearningPackage, { where: { id: In(ids) } });
    const rows = await this.db.manager.find(PackageRuntime, { where: { personId, packageId: In(ids) }, order: { attempt: 'DESC', itemId: 'ASC' } });
    const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    return lessons.map((l) => ({
      lesson: {
        lessonId: l.lesson_id as string,
        lessonTitle: l.lesson_title as string,
        courseId: l.course_id as string,
        courseTitle: l.course_title as string,
        completed: l.completed as boolean,
        result: l.success ? { success: l.success as LessonResultDto['success'], scoreScaled: n(l.score_scaled), scoreRaw: n(l.score_raw), scoreMin: n(l.score_min), scoreMax: n(l.score_max) } : null,
      },
      pkg: packages.find((p) => p.id === l.package_id)!,
      rows: rows.filter((r) => r.packageId === l.package_id),
    }));
  }

  /** The newest change to a learner's rows in a package (the status ETag). */
  async runtimeVersion(personId: string, packageId: string, attempt: number): Promise<string> {
    const [row] = await this.db.query(
      `SELECT coalesce(sum(seq), 0)::text || '.' || coalesce(max(extract(epoch FROM updated_at)), 0)::text || '.' || count(*)::text AS v
         FROM package_runtime WHERE person_id = $1 AND package_id = $2 AND attempt = $3`,
      [personId, packageId, attempt],
    );
    return row.v as string;
  }

  // ---- cmi5 sessions ----

  async insertSession(row: Partial<Cmi5Session>): Promise<Cmi5Session> {
    const r = await this.db.manager.insert(Cmi5Session, row);
    return (await this.db.manager.findOne(Cmi5Session, { where: { id: r.identifiers[0].id as string } }))!;
  }

  findSession(id: string): Promise<Cmi5Session | null> {
    return this.db.manager.findOne(Cmi5Session, { where: { id } });
  }

  /** Sessions of this learner and AU that never said "terminated" and were not yet marked abandoned. */
  openSessions(personId: string, packageId: string, itemId: string): Promise<Cmi5Session[]> {
    return this.db.manager.find(Cmi5Session, { where: { personId, packageId, itemId, terminated: false, abandoned: false } });
  }

  async markAbandoned(ids: string[]): Promise<void> {
    if (ids.length) await this.db.manager.query(`UPDATE cmi5_session SET abandoned = true WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** Spends a fetch token: answers the session once, then never again (cmi5 §8.2.3). */
  async spendFetchToken(tokenHash: string, secretHash: string, issuedAfter: Date): Promise<Cmi5Session | null> {
    const [rows] = await this.db.manager.query(
      `UPDATE cmi5_session SET fetched_at = now(), secret_hash = $2
        WHERE fetch_token_hash = $1 AND fetched_at IS NULL AND NOT abandoned AND created_at > $3 RETURNING id`,
      [tokenHash, secretHash, issuedAfter],
    );
    const id = (rows as { id: string }[])[0]?.id;
    return id ? this.findSession(id) : null;
  }

  /** A token never spent whose time ran out. */
  async fetchTokenExpired(tokenHash: string, issuedAfter: Date): Promise<boolean> {
    return (await this.db.manager.query(`SELECT 1 FROM cmi5_session WHERE fetch_token_hash = $1 AND fetched_at IS NULL AND created_at <= $2`, [tokenHash, issuedAfter])).length > 0;
  }

  async fetchTokenUsed(tokenHash: string): Promise<boolean> {
    return (await this.db.manager.query(`SELECT 1 FROM cmi5_session WHERE fetch_token_hash = $1`, [tokenHash])).length > 0;
  }

  async saveSessionState(id: string, state: { initialized: boolean; terminated: boolean; failed: boolean }): Promise<void> {
    await this.db.manager.update(Cmi5Session, { id }, state);
  }

  /** The account name a person signs in with (the actor of their cmi5 statements). */
  async usernameOfPerson(personId: string): Promise<string | null> {
    const [row] = await this.db.manager.query(`SELECT username FROM user_account WHERE person_id = $1 ORDER BY created_at LIMIT 1`, [personId]);
    return (row?.username as string | undefined) ?? null;
  }
}
