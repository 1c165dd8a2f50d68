import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Difficulty, QuestionFormat, QuestionOption, QuestionType } from '@cchc/shared';
import { ContentScope, contentSql, scopeSql, UnitScope } from '@api/common/access';
import { audienceSql, roundAudience, roundAudienceDocument } from '@api/common/audience';
import { viOrder } from '@api/common/database';
import { FrozenQuestion, TestRound } from './test-round.entity';

/** A published question's current version, as drawn into attempts. */
export interface BankQuestion extends Omit<FrozenQuestion, 'difficulty' | 'type'> {
  difficulty: Difficulty;
  type: QuestionType;
}

/** Person `person` (unit path `unit`.path) is in the round audience `a` (a jsonb expression): the one audience rule. */
export const AUDIENCE_SQL = (person: string, unit: string, a: string) => audienceSql({ alias: person, unitPath: `${unit}.path` }, roundAudience(a));

/** The audience document AUDIENCE_SQL reads for a round: its audience and its province (see roundAudience). */
export function audienceDocument(round: Pick<TestRound, 'audience' | 'provinceId'>): string {
  const hit = audienceDocuments.get(round);
  if (hit && hit.audience === round.audience && hit.provinceId === round.provinceId) return hit.doc;
  const doc = JSON.stringify({ ...round.audience, provinceId: round.provinceId });
  audienceDocuments.set(round, { audience: round.audience, provinceId: round.provinceId, doc });
  return doc;
}
// A round read once serves a whole province's starts (the service caches it): its document is built once per read
// (again if the object's audience or province is replaced).
const audienceDocuments = new WeakMap<object, { audience: unknown; provinceId: string | null; doc: string }>();

/** The same document built in SQL from a round row `r`. */
export const AUDIENCE_DOCUMENT_SQL = roundAudienceDocument;

/** A row of question × current version (`question_id, version_id, topic_id, … lesson_ids, document_ids`). */
export function toBankQuestion(r: Record<string, unknown>): BankQuestion {
  return {
    questionId: r.question_id as string,
    versionId: r.version_id as string,
    topicId: r.topic_id as string,
    difficulty: r.difficulty as Difficulty,
    type: r.type as QuestionType,
    format: (r.format as QuestionFormat | undefined) ?? ('plain' as QuestionFormat),
    stem: r.stem as string,
    options: r.options as QuestionOption[],
    correct: r.correct as string[],
    explanation: (r.explanation as string) ?? null,
    lessonIds: (r.lesson_ids as string[]) ?? [],
    documentIds: (r.document_ids as string[]) ?? [],
  };
}

/** The round aggregate (definition, status, audience) and the bank it draws from. Attempts, results and item
 * statistics have their own repositories beside this one. */
@Injectable()
export class TestRoundsRepository {
  constructor(private readonly db: DataSource) {}

  // ---------- rounds ----------

  findRound(id: string, manager: EntityManager = this.db.manager): Promise<TestRound | null> {
    return manager.findOne(TestRound, { where: { id } });
  }

  /** The rounds the content scope sees (a province's own and the national ones). */
  listRounds(content: ContentScope, includeDrafts: boolean): Promise<TestRound[]> {
    const params: unknown[] = [];
    const where = contentSql(content, 'r.province_id', params).replace(/\$(\d+)/g, ':content$1');
    const qb = this.db.manager
      .getRepository(TestRound)
      .createQueryBuilder('r')
      .where(where, Object.fromEntries(params.map((v, i) => [`content${i + 1}`, v])))
      .orderBy('r.opens_at', 'DESC')
      .addOrderBy(viOrder('r.name'), 'ASC');
    if (!includeDrafts) qb.andWhere(`r.status <> 'draft'`);
    return qb.getMany();
  }

  async insertRound(round: Partial<TestRound>, manager: EntityManager): Promise<string> {
    const r = await manager.insert(TestRound, round);
    return r.identifiers[0].id as string;
  }

  async updateRound(id: string, patch: Partial<TestRound>, manager: EntityManager): Promise<void> {
    await manager.update(TestRound, { id }, patch);
  }

  async hasAttempts(roundId: string, manager: EntityManager = this.db.manager): Promise<boolean> {
    const rows = await manager.query(`SELECT 1 FROM test_attempt WHERE round_id = $1 LIMIT 1`, [roundId]);
    return rows.length > 0;
  }

  async unitName(unitId: string): Promise<string | null> {
    const rows = await this.db.query(`SELECT name FROM org_unit WHERE id = $1`, [unitId]);
    return rows[0]?.name ?? null;
  }

  async unitPath(unitId: string): Promise<string | null> {
    const rows = await this.db.query(`SELECT path FROM org_unit WHERE id = $1`, [unitId]);
    return rows[0]?.path ?? null;
  }

  /** Names of the topics the content scope sees (another province's topic is left out, as if unknown). */
  async topicNames(ids: string[], content: ContentScope): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const params: unknown[] = [ids];
    const rows: { id: string; name: string }[] = await this.db.query(
      `SELECT id, name FROM topic WHERE id = ANY($1::uuid[]) AND ${contentSql(content, 'province_id', params)}`,
      params,
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Rounds whose window opened and that are still marked scheduled: to open and announce. */
  roundsToOpen(now: Date): Promise<TestRound[]> {
    return this.db.manager
      .getRepository(TestRound)
      .createQueryBuilder('r')
      .where(`r.status IN ('scheduled','open') AND r.opens_at <= :now AND r.closes_at > :now AND r.audience_notified_at IS NULL`, { now })
      .getMany();
  }

  /** Rounds whose window ended but not yet marked closed, or recurring ones without their next round. */
  roundsToClose(now: Date): Promise<TestRound[]> {
    return this.db.manager
      .getRepository(TestRound)
      .createQueryBuilder('r')
      .where(`r.status IN ('scheduled','open','closed') AND r.closes_at <= :now AND (r.status <> 'closed' OR (r.recurrence IS NOT NULL AND r.next_round_id IS NULL))`, { now })
      .getMany();
  }

  /** The people of the scope the round's audience takes (the announcement passes systemScope(): the whole audience). */
  async audiencePersonIds(scope: UnitScope, round: Pick<TestRound, 'audience' | 'provinceId'>, manager: EntityManager = this.db.manager): Promise<string[]> {
    const params: unknown[] = [audienceDocument(round)];
    const rows: { id: string }[] = await manager.query(
      `SELECT p.id FROM person p JOIN org_unit u ON u.id = p.unit_id WHERE ${AUDIENCE_SQL('p', 'u', '$1::jsonb')} AND ${scopeSql(scope, { path: 'u.path', person: 'p.id' }, params)}`,
      params,
    );
    return rows.map((r) => r.id);
  }

  /** How many people of the scope (the caller's, or one unit's subtree within it) the audience takes. */
  async audienceCountInScope(scope: UnitScope, round: Pick<TestRound, 'audience' | 'provinceId'>): Promise<number> {
    const params: unknown[] = [audienceDocument(round)];
    const sql = `SELECT count(*)::int AS n FROM person p JOIN org_unit u ON u.id = p.unit_id
                  WHERE ${AUDIENCE_SQL('p', 'u', '$1::jsonb')} AND ${scopeSql(scope, { path: 'u.path', person: 'p.id' }, params)}`;
    const [{ n }] = await this.db.query(sql, params);
    return n;
  }

  // ---------- the bank ----------

  /** Published questions of these topics in the banks the content scope sees, at their current version. */
  async pool(topicIds: string[], content: ContentScope): Promise<BankQuestion[]> {
    if (!topicIds.length) return [];
    const params: unknown[] = [topicIds];
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT q.id AS question_id, v.id AS version_id, q.topic_id, q.difficulty, q.type, v.format, v.stem, v.options, v.correct, v.explanation,
              v.lesson_ids, v.document_ids
         FROM question q JOIN question_version v ON v.question_id = q.id AND v.version = q.current_version
        WHERE q.status = 'published' AND q.topic_id = ANY($1::uuid[]) AND ${contentSql(content, 'q.province_id', params)}
        ORDER BY q.code`,
      params,
    );
    return rows.map(toBankQuestion);
  }
}
