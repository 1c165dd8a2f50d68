import { Injectable } from '@nestjs/common';
import { Workbook } from 'exceljs';
import {
  CommendationDto,
  commendationList,
  compareVi,
  diagnose,
  facilityIndex,
  ItemAnalysisDto,
  itemFlags,
  MyResultDto,
  MyRoundDto,
  Page,
  PersonResultDto,
  pointBiserial,
  RecommendationDto,
  RemedialSummaryDto,
  RoundResultsDto,
  TopicRecommendation,
  TopicScore,
  topicsNeedingFallback,
  withStudyFallback,
} from '@cchc/shared';
import { AccessService, type UnitScope } from '@api/common/access';
import type { AuthUser } from '@api/common/auth';
import { Clock } from '@api/common/clock';
import { mapMyResult, mapRecommendations, roundPhase } from './dto/mappers';
import { RemedialService } from './remedial.service';
import { TestAttempt, TestRound } from './test-round.entity';
import { resultNotFound } from './test-rounds.exception';
import { noPerson } from '@api/common/errors';
import { ItemStatsFolder } from './item-stats.folder';
import { AttemptsRepository } from './attempts.repository';
import { ItemStatsRepository } from './item-stats.repository';
import { ResultRow, ResultsRepository } from './results.repository';
import { TestRoundsRepository } from './test-rounds.repository';
import { TestRoundsService } from './test-rounds.service';
import type { LowScorersQuery } from './dto/participation.dto';
import { buildLowScorersExport } from './participation-export';

const round4 = (x: number | null) => (x === null ? null : Math.round(x * 10000) / 10000);

/** Results for the learner, for unit officers within their scope, commendations and item analysis. */
@Injectable()
export class ResultsService {
  constructor(
    private readonly repo: ResultsRepository,
    private readonly roundsRepo: TestRoundsRepository,
    private readonly attempts: AttemptsRepository,
    private readonly items: ItemStatsRepository,
    private readonly rounds: TestRoundsService,
    private readonly access: AccessService,
    private readonly clock: Clock,
    private readonly itemStats: ItemStatsFolder,
    private readonly remedial: RemedialService,
  ) {}

  /** Rounds the learner belongs to (open, upcoming or taken), with their attempts and result: two statements. */
  async myRounds(user: AuthUser): Promise<MyRoundDto[]> {
    if (!user.personId) return [];
    const now = this.clock.now();
    const [rounds, mine, remedialList] = await Promise.all([this.roundsRepo.listRounds(await this.access.contentScopeOf(user), false), this.repo.myRounds(this.access.ownScope(user), user.personId), this.remedial.mine(user)]);
    const byRound = new Map(mine.map((m) => [m.roundId, m]));
    const remedial = new Map(remedialList.map((r) => [r.roundId, r]));
    const out: MyRoundDto[] = [];
    for (const round of rounds) {
      const m = byRound.get(round.id);
      if (!m || (!m.eligible && !m.result)) continue;
      const phase = roundPhase(round, now);
      if (phase === 'closed' && !m.result) continue;
      out.push({
        id: round.id,
        name: round.name,
        phase,
        opensAt: round.opensAt.toISOString(),
        closesAt: round.closesAt.toISOString(),
        questionCount: round.blueprint.reduce((s, l) => s + l.count, 0),
        timeLimitMinutes: round.timeLimitMinutes,
        attemptsAllowed: round.attemptsAllowed,
        // A result recorded without attempts here (e.g. an imported or in-person round) still used its attempts.
        attemptsUsed: Math.max(m.used, m.result?.attemptsUsed ?? 0),
        openAttemptId: m.openAttemptId,
        result: m.result ? { score: m.result.score, band: m.result.band, passed: m.result.passed } : null,
        remedial: remedial.get(round.id) ?? null,
      });
    }
    return out;
  }

  /** Diagnosis of counted attempts from their stored per-topic scores (libs/shared `diagnose`, no second rounding). */
  private diagnoseCounted(round: TestRound, topics: TopicScore[], attempt: TestAttempt): TopicRecommendation[] {
    if (!attempt.graded) return [];
    return diagnose({ topics, questions: attempt.graded }, attempt.questions, round.recommendBelow);
  }

  /** Weak topics with no linked lesson get the topic's published courses and library documents (one query, when needed). */
  async withStudyFallback(recs: RecommendationDto[]): Promise<RecommendationDto[]> {
    const topics = topicsNeedingFallback(recs);
    if (!topics.length) return recs;
    return withStudyFallback(recs, await this.repo.studyCandidates(topics));
  }

  async myResult(user: AuthUser, roundId: string): Promise<MyResultDto> {
    if (!user.personId) throw noPerson();
    const round = await this.rounds.requireRound(user, roundId);
    const own = this.access.ownScope(user);
    const result = await this.repo.resultOf(own, round.id, user.personId);
    if (!result || !result.attemptId) throw resultNotFound();
    const [[attempt], summary, remedial, topicMap] = await Promise.all([
      this.attempts.attemptsByIds(own, [result.attemptId]),
      this.attempts.attemptSummary(own, round, user.personId),
      this.remedial.mineForRound(own, user.personId, round),
      this.repo.topicScores(own, round.id, [user.personId]),
    ]);
    const now = this.clock.now();
    const open = roundPhase(round, now) === 'open';
    const canRetest = (open && summary.attemptsUsed < round.attemptsAllowed) || (remedial?.retestAvailable ?? false);
    const topicRows = topicMap.get(user.personId) ?? [];
    const recs = this.diagnoseCounted(round, topicRows, attempt);
    const labels = await this.repo.labels(
      topicRows.map((t) => t.topicId),
      recs.flatMap((r) => r.lessonIds),
      recs.flatMap((r) => r.documentIds),
    );
    return mapMyResult(
      round,
      result,
      { id: attempt.id, graded: attempt.graded ?? [], questions: attempt.questions },
      topicRows.map((t) => ({ topicId: t.topicId, topicName: labels.topics.get(t.topicId) ?? t.topicId, rightAnswers: t.correct, total: t.total, score: t.score })),
      await this.withStudyFallback(mapRecommendations(recs, labels, canRetest)),
      remedial,
      now,
    );
  }


  async roundResults(user: AuthUser, roundId: string, unitId: string | undefined, lowOnly: boolean): Promise<RoundResultsDto> {
    const round = await this.rounds.requireRound(user, roundId);
    const scope = await this.access.scopeFor(user, unitId);
    const all = await this.repo.resultsInScope(scope, round.id, null);
    const rows = lowOnly ? await this.repo.resultsInScope(scope, round.id, round.recommendBelow) : all;
    const items = await this.personResults(round, scope, rows);
    const bandCounts = new Map<string, number>(round.bands.map((b) => [b.label, 0]));
    for (const r of all) bandCounts.set(r.band, (bandCounts.get(r.band) ?? 0) + 1);
    return {
      roundId: round.id,
      eligible: await this.roundsRepo.audienceCountInScope(scope, round),
      taken: all.length,
      passed: all.filter((r) => r.passed).length,
      averageScore: all.length ? Math.round((all.reduce((s, r) => s + r.score, 0) / all.length) * 100) / 100 : null,
      bands: [...bandCounts.entries()].map(([label, count]) => ({ label, count })),
      items,
    };
  }

  /** Results as the officer reads them: per-topic scores, and for low scorers what to re-study and their remedial work. */
  private async personResults(round: TestRound, scope: UnitScope, rows: (ResultRow & { position?: string | null })[]): Promise<PersonResultDto[]> {
    const topics = await this.repo.topicScores(scope, round.id, rows.map((r) => r.personId));
    const low = rows.filter((r) => !r.passed || (topics.get(r.personId) ?? []).some((t) => t.score < round.recommendBelow));
    const attempts = new Map((await this.attempts.attemptsByIds(scope, low.map((r) => r.attemptId!).filter(Boolean))).map((a) => [a.id, a]));
    const remedial = round.remedialAuto ? await this.remedial.summaries(scope, round, low.map((r) => r.personId)) : new Map<string, RemedialSummaryDto>();
    // Every low scorer's diagnosis first, then one lookup of every name and title they mention.
    const recs = new Map<string, TopicRecommendation[]>();
    for (const r of low) {
      const attempt = r.attemptId ? attempts.get(r.attemptId) : undefined;
      if (attempt) recs.set(r.personId, this.diagnoseCounted(round, topics.get(r.personId) ?? [], attempt));
    }
    const mentioned = [...recs.values()].flat();
    const labels = await this.repo.labels(
      mentioned.map((r) => r.topicId),
      mentioned.flatMap((r) => r.lessonIds),
      mentioned.flatMap((r) => r.documentIds),
    );
    const open = roundPhase(round, this.clock.now()) === 'open';
    const fallback = await this.repo.studyCandidates(topicsNeedingFallback(mapRecommendations(mentioned, labels, false)));
    return rows.map((r) => ({
      personId: r.personId,
      staffCode: r.staffCode,
      fullName: r.fullName,
      unitId: r.unitId,
      unitName: r.unitName,
      ...(r.position !== undefined ? { position: r.position } : {}),
      score: r.score,
      band: r.band,
      passed: r.passed,
      attemptsUsed: r.attemptsUsed,
      finishedAt: r.finishedAt.toISOString(),
      topics: (topics.get(r.personId) ?? []).map((t) => ({ topicId: t.topicId, score: t.score })),
      recommendations: withStudyFallback(mapRecommendations(recs.get(r.personId) ?? [], labels, open && r.attemptsUsed < round.attemptsAllowed), fallback),
      remedial: remedial.get(r.personId) ?? null,
    }));
  }

  /**
   * The round's low scorers (failed, or a topic below the re-study mark) in the caller's units, or one unit's subtree:
   * a page with the total, sorted, each with what to re-study.
   */
  async lowScorers(user: AuthUser, roundId: string, q: LowScorersQuery): Promise<Page<PersonResultDto>> {
    const round = await this.rounds.requireRound(user, roundId);
    const scope = await this.access.scopeFor(user, q.unitId);
    const { rows, total } = await this.repo.lowScorers(scope, round.id, round.recommendBelow, { q: q.q, sort: q.sort }, q.pageSize, (q.page - 1) * q.pageSize);
    return { items: await this.personResults(round, scope, rows), total, page: q.page, pageSize: q.pageSize };
  }

  /** The whole (filtered) low-scorer list as a printable .xlsx, in the layout of the other follow-up lists. */
  async lowScorersXlsx(user: AuthUser, roundId: string, q: LowScorersQuery): Promise<{ buffer: Buffer; fileName: string }> {
    const round = await this.rounds.requireRound(user, roundId);
    const scope = await this.access.scopeFor(user, q.unitId);
    const { rows } = await this.repo.lowScorers(scope, round.id, round.recommendBelow, { q: q.q, sort: q.sort }, null, 0);
    const unitName = q.unitId ? ((await this.roundsRepo.unitName(q.unitId)) ?? '') : scope.kind === 'subtree' ? ((await this.roundsRepo.unitName(scope.rootUnitId)) ?? '') : 'Toàn quốc';
    const items = await this.personResults(round, scope, rows);
    const now = this.clock.now();
    return {
      buffer: await buildLowScorersExport(round.name, round.recommendBelow, unitName, items),
      fileName: `diem-thap-${round.id.slice(0, 8)}-${new Date(now.getTime() + 7 * 3600 * 1000).toISOString().slice(0, 10)}.xlsx`,
    };
  }

  async commendations(user: AuthUser, roundId: string, unitId: string | undefined): Promise<CommendationDto[]> {
    const round = await this.rounds.requireRound(user, roundId);
    const rows: ResultRow[] = await this.repo.resultsInScope(await this.access.scopeFor(user, unitId), round.id, null);
    return commendationList(rows, { minScore: round.commendMinScore, topPerUnit: round.commendTopN })
      .sort((a, b) => compareVi(a.unitName, b.unitName) || b.score - a.score)
      .map((r) => ({ personId: r.personId, staffCode: r.staffCode, fullName: r.fullName, unitId: r.unitId, unitName: r.unitName, score: r.score, band: r.band }));
  }

  async commendationsXlsx(user: AuthUser, roundId: string, unitId: string | undefined): Promise<{ buffer: Buffer; fileName: string }> {
    const round = await this.rounds.requireRound(user, roundId);
    const list = await this.commendations(user, roundId, unitId);
    const wb = new Workbook();
    const sheet = wb.addWorksheet('Biểu dương');
    sheet.addRow([`DANH SÁCH ĐỀ NGHỊ BIỂU DƯƠNG – ${round.name.toUpperCase()}`]).font = { bold: true, size: 13 };
    sheet.addRow([`Tiêu chí: điểm từ ${round.commendMinScore} trở lên, tối đa ${round.commendTopN} người mỗi đơn vị`]);
    sheet.addRow([]);
    const header = sheet.addRow(['STT', 'Mã cán bộ', 'Họ và tên', 'Đơn vị', 'Điểm', 'Xếp loại']);
    header.font = { bold: true };
    list.forEach((c, i) => sheet.addRow([i + 1, c.staffCode, c.fullName, c.unitName, c.score, c.band]));
    sheet.columns.forEach((col, i) => (col.width = [6, 14, 28, 36, 8, 12][i]));
    return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), fileName: `bieu-duong-${round.id.slice(0, 8)}.xlsx` };
  }

  async itemAnalysis(user: AuthUser, roundId: string): Promise<ItemAnalysisDto[]> {
    const round = await this.rounds.requireRound(user, roundId);
    const scope = await this.access.scopeOf(user);
    await this.itemStats.flush(); // every submission committed so far is counted
    const stats = await this.items.itemStats(scope, round.id);
    const d = await this.items.discrimination(scope, round.id);
    const content = await this.items.questionStems(stats.map((s) => s.question_id as string));
    return stats.map((s) => {
      const qid = s.question_id as string;
      const attempts = s.attempts as number;
      const correct = s.correct as number;
      const facility = facilityIndex(correct, attempts);
      const discrimination = d.get(qid) ?? null;
      const counts = s.option_counts as Record<string, number>;
      const c = content.get(qid);
      return {
        questionId: qid,
        code: s.code as string,
        topicId: s.topic_id as string,
        difficulty: s.difficulty as string,
        stem: c?.stem ?? '',
        attempts,
        facility: round4(facility),
        discrimination: round4(discrimination),
        pointBiserial: round4(
          pointBiserial({ attempts, correct, sumTotal: Number(s.sum_total), sumTotalSq: Number(s.sum_total_sq), sumTotalWhenCorrect: Number(s.sum_total_correct) }),
        ),
        options: (c?.options ?? []).map((o) => ({ id: o.id, text: o.text, chosen: counts[o.id] ?? 0, correct: c?.correct.includes(o.id) ?? false })),
        flags: itemFlags(facility, discrimination),
      };
    });
  }
}
