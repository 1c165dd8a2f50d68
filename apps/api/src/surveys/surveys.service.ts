import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SurveyDto, SurveyResultsDto } from '@cchc/shared';
import { AuditAction, AuditService } from '@api/audit';
import { AccessService } from '@api/common/access';
import type { AuthUser } from '@api/common/auth';
import { Clock } from '@api/common/clock';
import { forbidden, outOfScope } from '@api/common/errors';
import { CoverageRepository, CoverageService } from '@api/coverage';
import { TopicsRepository } from '@api/topics';
import { CreateSurveyRequest } from './dto/survey.dto';
import { SurveyRow, SurveysRepository } from './surveys.repository';
import { surveysError, SurveysErrorCode } from './surveys.exception';

const surveyNotFound = () => surveysError(SurveysErrorCode.SurveyNotFound, 'Không tìm thấy phiếu khảo sát.');

function mapSurvey({ audiencePath: _a, ...s }: SurveyRow & { answeredByMe?: boolean }): SurveyDto {
  return { ...s, opensAt: new Date(s.opensAt).toISOString(), closesAt: new Date(s.closesAt).toISOString() };
}

/** Training-needs surveys and post-training evaluations: one response per person, results by unit and topic. */
@Injectable()
export class SurveysService {
  constructor(
    private readonly db: DataSource,
    private readonly repo: SurveysRepository,
    private readonly access: AccessService,
    private readonly topics: TopicsRepository,
    private readonly coverage: CoverageService,
    private readonly coverageRepo: CoverageRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(user: AuthUser, req: CreateSurveyRequest): Promise<SurveyDto> {
    if (new Date(req.closesAt) <= new Date(req.opensAt)) throw surveysError(SurveysErrorCode.SurveyWindow, 'Thời hạn đóng phiếu phải sau thời điểm mở.');
    const ids = new Set<string>();
    for (const q of req.questions) {
      if (ids.has(q.id)) throw surveysError(SurveysErrorCode.SurveyQuestionId, `Mã câu hỏi "${q.id}" bị trùng.`);
      ids.add(q.id);
      if (q.type === 'choice' && (q.options?.length ?? 0) < 2) throw surveysError(SurveysErrorCode.SurveyOptions, `Câu hỏi "${q.text}" cần ít nhất hai lựa chọn.`);
    }
    if (req.kind === 'evaluation' && !req.sessionId && !req.audienceUnitId) throw surveysError(SurveysErrorCode.SurveyAudience, 'Phiếu đánh giá sau bồi dưỡng cần gắn với một lớp tập huấn hoặc một đơn vị.');
    if (req.audienceUnitId) await this.access.requireUnit(user, req.audienceUnitId);
    // A survey may only name topics the author's province sees (its own and the nation's).
    const content = await this.access.contentScopeOf(user);
    for (const topicId of new Set([req.topicId, ...req.questions.map((q) => q.topicId)].filter((t): t is string => !!t)))
      if (!(await this.topics.findVisible(topicId, content))) throw surveysError(SurveysErrorCode.SurveyReferenceNotFound, 'Không tìm thấy chủ đề đã chọn.');
    const id = await this.db.transaction(async (tx) => {
      const newId = await this.repo.insert(
        {
          kind: req.kind, title: req.title, questions: req.questions.map((q) => ({ id: q.id, type: q.type, text: q.text, options: q.type === 'choice' ? q.options : undefined, topicId: q.topicId ?? null })),
          topicId: req.topicId ?? null, sessionId: req.sessionId ?? null, audienceUnitId: req.audienceUnitId ?? null, opensAt: req.opensAt, closesAt: req.closesAt, createdBy: user.id,
        },
        tx,
      ).catch((e: { code?: string }) => {
        if (e.code === '23503') throw surveysError(SurveysErrorCode.SurveyReferenceNotFound, 'Không tìm thấy chủ đề, lớp tập huấn hoặc đơn vị đã chọn.');
        throw e;
      });
      await this.audit.record(user, { action: AuditAction.Create, entityType: 'survey', entityId: newId, summary: `Tạo phiếu khảo sát "${req.title}"` }, tx);
      return newId;
    });
    return mapSurvey((await this.repo.find(id))!);
  }

  /** The surveys whose audience concerns the caller's units (a unit officer sees nothing meant only for others). */
  async list(user: AuthUser): Promise<SurveyDto[]> {
    return (await this.repo.list(await this.access.scopeOf(user))).map(mapSurvey);
  }

  async mine(user: AuthUser): Promise<SurveyDto[]> {
    if (!user.personId) return [];
    return (await this.repo.forPerson(this.access.ownScope(user), user.personId, this.clock.now())).map(mapSurvey);
  }

  private async require(id: string): Promise<SurveyRow> {
    const s = await this.repo.find(id);
    if (!s) throw surveyNotFound();
    return s;
  }

  async respond(user: AuthUser, id: string, input: unknown): Promise<{ saved: true }> {
    if (!user.personId) throw forbidden('Tài khoản của bạn chưa gắn với hồ sơ cán bộ nên không trả lời khảo sát được.');
    if (!input || typeof input !== 'object' || Array.isArray(input)) throw surveysError(SurveysErrorCode.SurveyAnswer, 'Thiếu câu trả lời.');
    const answers = input as Record<string, unknown>;
    const s = await this.require(id);
    const own = this.access.ownScope(user);
    const me = await this.repo.personInfo(own, user.personId);
    if (!me) throw forbidden();
    const now = this.clock.now();
    if (now < new Date(s.opensAt) || now >= new Date(s.closesAt)) throw surveysError(SurveysErrorCode.SurveyClosed, 'Phiếu khảo sát không trong thời gian nhận trả lời.');
    if ((s.audiencePath && !me.path.startsWith(s.audiencePath)) || (s.sessionId && !(await this.repo.attended(own, s.sessionId, user.personId))))
      throw forbidden('Phiếu khảo sát này không dành cho bạn.');
    const clean: Record<string, unknown> = {};
    for (const q of s.questions) {
      const a = answers[q.id];
      if (a === undefined || a === null || a === '') continue;
      if (q.type === 'rating' && !(Number.isInteger(a) && (a as number) >= 1 && (a as number) <= 5)) throw surveysError(SurveysErrorCode.SurveyAnswer, `Câu "${q.text}": chọn mức từ 1 đến 5.`);
      if (q.type === 'choice' && !(typeof a === 'string' && q.options?.includes(a))) throw surveysError(SurveysErrorCode.SurveyAnswer, `Câu "${q.text}": lựa chọn không hợp lệ.`);
      if (q.type === 'text' && !(typeof a === 'string' && a.length <= 2000)) throw surveysError(SurveysErrorCode.SurveyAnswer, `Câu "${q.text}": tối đa 2000 ký tự.`);
      clean[q.id] = typeof a === 'string' ? a.trim() : a;
    }
    if (!Object.keys(clean).length) throw surveysError(SurveysErrorCode.SurveyEmpty, 'Vui lòng trả lời ít nhất một câu hỏi.');
    if (!(await this.repo.respond(id, user.personId, me.unitId, clean))) throw surveysError(SurveysErrorCode.SurveyAlreadyAnswered, 'Bạn đã gửi phiếu này rồi.');
    return { saved: true };
  }

  /** Aggregated over the caller's subtree (or the unit asked for): by child unit and by question (with its topic). */
  async results(user: AuthUser, id: string, unitId?: string): Promise<SurveyResultsDto> {
    await this.require(id);
    const s = await this.repo.findInScope(await this.access.scopeOf(user), id);
    if (!s) throw outOfScope();
    const root = await this.coverage.resolveRoot(user, unitId);
    const children = await this.coverageRepo.children(root.scope, root.id);
    const rows = await this.repo.responses(root.scope, id);
    const ratingIds = s.questions.filter((q) => q.type === 'rating').map((q) => q.id);
    const avg = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : null);
    const units = [{ id: '', name: `${root.name} (trực tiếp)` }, ...children];
    return {
      survey: mapSurvey(s),
      byUnit: units
        .map((u) => {
          const mine = rows.filter((r) => r.child === u.id);
          return { unitId: u.id || root.id, unitName: u.name, responses: mine.length, averageRating: avg(mine.flatMap((r) => ratingIds.map((q) => r.answers[q]).filter((x): x is number => typeof x === 'number'))) };
        })
        .filter((u) => u.responses > 0 || u.unitId !== root.id),
      questions: s.questions.map((q) => {
        const answers = rows.map((r) => r.answers[q.id]).filter((a) => a !== undefined && a !== null);
        return {
          id: q.id, text: q.text, type: q.type, topicId: q.topicId ?? null, responses: answers.length,
          averageRating: q.type === 'rating' ? avg(answers as number[]) : null,
          choices: q.type === 'choice' ? (q.options ?? []).map((o) => ({ option: o, count: answers.filter((a) => a === o).length })) : [],
          texts: q.type === 'text' ? (answers as string[]).slice(0, 200) : [],
        };
      }),
    };
  }
}
