import { Injectable } from '@nestjs/common';
import { Workbook } from 'exceljs';
import {
  CommendationDto,
  commendationList,
  diagnose,
  facilityIndex,
  ItemAnalysisDto,
  itemFlags,
  MyResultDto,
  MyRoundDto,
  PersonResultDto,
  pointBiserial,
  RecommendationDto,
  RemedialSummaryDto,
  RoundResultsDto,
  TopicRecommendation,
} from '@cchc/shared';
import { AccessService } from '@api/common/access';
import type { UnitScope } from '@api/common/access';
import type { AuthUser } from '@api/common/auth';
import { Clock } from '@api/common/clock';
import { mapAttemptQuestion, roundPhase } from './dto/mappers';
import { RemedialService } from './remedial.service';
import { TestAttempt, TestRound } from './test-round.entity';
import { resultNotFound } from './test-rounds.exception';
import { noPerson } from '@api/common/errors';
import { ItemStatsFolder } from './item-stats.folder';
import { ResultRow, TestRoundsRepository } from './test-rounds.repository';
import { TestRoundsService } from './test-rounds.service';

const round4 = (x: number | null) => (x === null ? null : Math.round(x * 10000) / 10000);

/** Results for the learner, for unit officers within their scope, commendations and item analysis. */
@Injectable()
export class ResultsService {
  constructor(
    private readonly repo: TestRoundsRepository,
    private readonly rounds: TestRoundsService,
    private readonly access: AccessService,
    private readonly clock: Clock,
    private readonly itemStats: ItemStatsFolder,
    private readonly remedial: RemedialService,
  ) {}

  /** Rounds the learner belongs to (open, upcoming or taken), with their attempts and result. */
  async myRounds(user: AuthUser): Promise<MyRoundDto[]> {
    if (!user.personId) return [];
    const now = this.clock.now();
    const out: MyRoundDto[] = [];
    const remedial = new Map((await this.remedial.mine(user)).map((r) => [r.roundId, r]));
    for (const round of await this.repo.listRounds(false)) {
      const summary = await this.repo.attemptSummary(round, user.personId);
      const result = await this.repo.resultOf(round.id, user.personId);
      if (!summary.eligible && !result) continue;
      const phase = roundPhase(round, now);
      if (phase === 'closed' && !result) continue;
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
        attemptsUsed: Math.max(summary.attemptsUsed, result?.attemptsUsed ?? 0),
        openAttemptId: summary.openAttemptId,
        result: result ? { score: result.score, band: result.band, passed: result.passed } : null,
        remedial: remedial.get(round.id) ?? null,
      });
    }
    return out;
  }

  private async recommendations(round: TestRound, attempt: TestAttempt, canRetest: boolean): Promise<RecommendationDto[]> {
    if (!attempt.graded) return [];
    const topics = new Map<string, { correct: number; total: number }>();
    for (const g of attempt.graded) {
      const t = topics.get(g.topicId) ?? { correct: 0, total: 0 };
      t.correct += g.credit;
      t.total += 1;
      topics.set(g.topicId, t);
    }
    const recs: TopicRecommendation[] = diagnose(
      {
        topics: [...topics.entries()].map(([topicId, t]) => ({ topicId, correct: t.correct, total: t.total, score: Math.round((t.correct / t.total) * 1000) / 100 })),
        questions: attempt.graded,
      },
      attempt.questions,
      round.recommendBelow,
    );
    if (!recs.length) return [];
    const names = await this.repo.topicNames(recs.map((r) => r.topicId));
    const titles = await this.repo.studyTitles(recs.flatMap((r) => r.lessonIds), recs.flatMap((r) => r.documentIds));
    return recs.map((r) => ({
      topicId: r.topicId,
      topicName: names.get(r.topicId) ?? r.topicId,
      score: r.score,
      lessons: r.lessonIds.map((id) => ({ id, title: titles.lessons.get(id) ?? null })),
      documents: r.documentIds.map((id) => ({ id, title: titles.documents.get(id) ?? null })),
      retestAvailable: canRetest,
    }));
  }

  async myResult(user: AuthUser, roundId: string): Promise<MyResultDto> {
    if (!user.personId) throw noPerson();
    const round = await this.rounds.requireRound(roundId);
    const result = await this.repo.resultOf(round.id, user.personId);
    if (!result || !result.attemptId) throw resultNotFound();
    const [attempt] = await this.repo.attemptsByIds([result.attemptId]);
    const now = this.clock.now();
    const open = roundPhase(round, now) === 'open';
    const summary = await this.repo.attemptSummary(round, user.personId);
    const remedial = await this.remedial.mineForRound(user.personId, round);
    const canRetest = (open && summary.attemptsUsed < round.attemptsAllowed) || (remedial?.retestAvailable ?? false);
    const topicRows = (await this.repo.topicScores(round.id, [user.personId])).get(user.personId) ?? [];
    const names = await this.repo.topicNames(topicRows.map((t) => t.topicId));
    const reviewOpen = round.reviewMode === 'full' && now >= round.closesAt;
    const chosen = new Map((attempt.graded ?? []).map((g) => [g.questionId, g]));
    return {
      roundId: round.id,
      roundName: round.name,
      attemptId: attempt.id,
      score: result.score,
      band: result.band,
      passed: result.passed,
      passMark: round.passMark,
      attemptsUsed: result.attemptsUsed,
      attemptsAllowed: round.attemptsAllowed,
      finishedAt: result.finishedAt.toISOString(),
      reviewMode: round.reviewMode,
      topics: round.reviewMode === 'score' ? null : topicRows.map((t) => ({ topicId: t.topicId, topicName: names.get(t.topicId) ?? t.topicId, rightAnswers: t.correct, total: t.total, score: t.score })),
      recommendations: await this.recommendations(round, attempt, canRetest),
      // The key and explanations only once the window has closed: nobody still sitting the round can see them.
      review: reviewOpen
        ? attempt.questions.map((q) => ({
            ...mapAttemptQuestion(q),
            chosen: chosen.get(q.questionId)?.chosen ?? [],
            correct: q.correct,
            explanation: q.explanation,
            right: (chosen.get(q.questionId)?.credit ?? 0) === 1,
          }))
        : null,
      reviewAvailableAt: round.reviewMode === 'full' && !reviewOpen ? round.closesAt.toISOString() : null,
      remedial,
    };
  }

  private async scopeFor(user: AuthUser, unitId: string | undefined): Promise<{ scope: UnitScope; unitPath: string | null }> {
    if (unitId) {
      const scope = await this.access.requireUnit(user, unitId);
      return { scope, unitPath: await this.unitPath(unitId) };
    }
    return { scope: await this.access.scopeOf(user), unitPath: null };
  }

  private unitPath(unitId: string): Promise<string | null> {
    return this.repo.unitPath(unitId);
  }

  async roundResults(user: AuthUser, roundId: string, unitId: string | undefined, lowOnly: boolean): Promise<RoundResultsDto> {
    const round = await this.rounds.requireRound(roundId);
    const { scope, unitPath } = await this.scopeFor(user, unitId);
    const all = await this.repo.resultsInScope(round.id, scope, unitPath, null);
    const rows = lowOnly ? await this.repo.resultsInScope(round.id, scope, unitPath, round.recommendBelow) : all;
    const topics = await this.repo.topicScores(round.id, rows.map((r) => r.personId));
    const low = rows.filter((r) => !r.passed || (topics.get(r.personId) ?? []).some((t) => t.score < round.recommendBelow));
    const attempts = new Map((await this.repo.attemptsByIds(low.map((r) => r.attemptId!).filter(Boolean))).map((a) => [a.id, a]));
    const remedial = round.remedialAuto ? await this.remedial.summaries(round, low.map((r) => r.personId)) : new Map<string, RemedialSummaryDto>();
    const items: PersonResultDto[] = [];
    for (const r of rows) {
      const attempt = r.attemptId ? attempts.get(r.attemptId) : undefined;
      items.push({
        personId: r.personId,
        staffCode: r.staffCode,
        fullName: r.fullName,
        unitId: r.unitId,
        unitName: r.unitName,
        score: r.score,
        band: r.band,
        passed: r.passed,
        attemptsUsed: r.attemptsUsed,
        finishedAt: r.finishedAt.toISOString(),
        topics: (topics.get(r.personId) ?? []).map((t) => ({ topicId: t.topicId, score: t.score })),
        recommendations: attempt ? await this.recommendations(round, attempt, roundPhase(round, this.clock.now()) === 'open' && r.attemptsUsed < round.attemptsAllowed) : [],
        remedial: remedial.get(r.personId) ?? null,
      });
    }
    const bandCounts = new Map<string, number>(round.bands.map((b) => [b.label, 0]));
    for (const r of all) bandCounts.set(r.band, (bandCounts.get(r.band) ?? 0) + 1);
    return {
      roundId: round.id,
      eligible: await this.repo.audienceCountInScope(round.audience, scope, unitPath),
      taken: all.length,
      passed: all.filter((r) => r.passed).length,
      averageScore: all.length ? Math.round((all.reduce((s, r) => s + r.score, 0) / all.length) * 100) / 100 : null,
      bands: [...bandCounts.entries()].map(([label, count]) => ({ label, count })),
      items,
    };
  }

  async commendations(user: AuthUser, roundId: string, unitId: string | undefined): Promise<CommendationDto[]> {
    const round = await this.rounds.requireRound(roundId);
    const { scope, unitPath } = await this.scopeFor(user, unitId);
    const rows: ResultRow[] = await this.repo.resultsInScope(round.id, scope, unitPath, null);
    return commendationList(rows, { minScore: round.commendMinScore, topPerUnit: round.commendTopN })
      .sort((a, b) => a.unitName.localeCompare(b.unitName, 'vi') || b.score - a.score)
      .map((r) => ({ personId: r.personId, staffCode: r.staffCode, fullName: r.fullName, unitId: r.unitId, unitName: r.unitName, score: r.score, band: r.band }));
  }

  async commendationsXlsx(user: AuthUser, roundId: string, unitId: string | undefined): Promise<{ buffer: Buffer; fileName: string }> {
    const round = await this.rounds.requireRound(roundId);
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

  async itemAnalysis(roundId: string): Promise<ItemAnalysisDto[]> {
    const round = await this.rounds.requireRound(roundId);
    await this.itemStats.flush(); // every submission committed so far is counted
    const stats = await this.repo.itemStats(round.id);
    const d = await this.repo.discrimination(round.id);
    const content = await this.repo.questionStems(stats.map((s) => s.question_id as string));
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
