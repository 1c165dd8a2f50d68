import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
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

  async fileKeys(packageId: string, manager: EntityManager = this.db.manager): Promise<string[]> {
    return (await manager.find(LearningPackageFile, { where: { packageId }, select: { fileKey: true } })).map((f) => f.fileKey);
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
  async spendFetchToken(tokenHash: string, secretHash: string): Promise<Cmi5Session | null> {
    const [rows] = await this.db.manager.query(
      `UPDATE cmi5_session SET fetched_at = now(), secret_hash = $2 WHERE fetch_token_hash = $1 AND fetched_at IS NULL AND NOT abandoned RETURNING id`,
      [tokenHash, secretHash],
    );
    const id = (rows as { id: string }[])[0]?.id;
    return id ? this.findSession(id) : null;
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
