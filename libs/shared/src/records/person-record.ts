import type { RemedialStatus } from '../assessment/remedial';
import type { RoundPhase } from '../assessment/test-round';
import { validUntilYear, type TargetPhase, type ValidityMode } from '../coverage/rules';
import type { LearningStatus } from '../learning/course';
import { EVIDENCE_KIND_LABELS, EvidenceKind } from '../topics/topic';
import { formatDateVi, formatNumberVi } from '../text/vi-format';

/**
 * A person's training record (hồ sơ bồi dưỡng): what they studied, sat and attended, and for every target whether they
 * meet it and why. The API builds it for people in the caller's scope; the person page shows it and prints it as PDF.
 */

export interface RecordPersonDto {
  id: string;
  fullName: string;
  staffCode: string;
  unitName: string;
  /** The unit's ancestors, top first, without the national root: "Tỉnh Khánh Hòa › Phường Nha Trang". */
  unitTrail: string[];
  category: string;
  position: string | null;
  status: string;
}

export interface RecordCourseDto {
  courseId: string;
  title: string;
  status: LearningStatus;
  /** Assigned by an officer (with a due date), not only self-enrolled. */
  assigned: boolean;
  dueDate: string | null;
  percent: number;
  completedAt: string | null;
  certificateCode: string | null;
}

export interface RecordTopicScoreDto {
  topicId: string;
  topicName: string;
  score: number;
  correct: number;
  total: number;
  /** Under the round's "recommend re-study below" score. */
  weak: boolean;
}

export interface RecordRoundDto {
  roundId: string;
  name: string;
  phase: RoundPhase;
  opensAt: string;
  closesAt: string;
  /** The person is in the round's audience today. */
  eligible: boolean;
  /** An attempt started and not yet submitted. */
  inProgress: boolean;
  result: { score: number; band: string; passed: boolean; finishedAt: string; attemptsUsed: number } | null;
  topics: RecordTopicScoreDto[];
}

export interface RecordSessionDto {
  sessionId: string;
  title: string;
  topicName: string;
  startsOn: string;
  endsOn: string;
  hours: number;
  place: string | null;
  organiserName: string;
}

export type RecordTargetState = 'met' | 'not_met' | 'not_applicable';

export interface RecordTargetDto {
  targetId: string;
  code: string;
  name: string;
  shortName: string;
  legalBasisNumber: string;
  year: number;
  state: RecordTargetState;
  /** Why, in Vietnamese: the evidence that counts, or what is missing, or why the person is not in the audience. */
  reasons: string[];
  /** What would meet it (not met only), in Vietnamese. */
  todo: string | null;
}

export interface RecordRemedialDto {
  id: string;
  roundId: string;
  roundName: string;
  status: RemedialStatus;
  dueDate: string;
  overdue: boolean;
  itemsDone: number;
  itemsTotal: number;
  items: { kind: 'lesson' | 'document'; refId: string; title: string | null; done: boolean }[];
}

export interface PersonRecordDto {
  person: RecordPersonDto;
  generatedAt: string;
  courses: RecordCourseDto[];
  rounds: RecordRoundDto[];
  sessions: RecordSessionDto[];
  targets: RecordTargetDto[];
  remedial: RecordRemedialDto[];
}

// ---- Why a target is met or not: a pure function of the person's facts ----

export interface TargetForRecord {
  name: string;
  topicName: string;
  /** The target's topics with their sub-topics. */
  topicIds: string[];
  evidenceKinds: EvidenceKind[];
  validity: ValidityMode;
  validityYears: number;
  phases: TargetPhase[];
  endYear: number;
  deadline: string;
}

export interface EvidenceForRecord {
  kind: EvidenceKind;
  topicId: string;
  /** Calendar year in Vietnam. */
  year: number;
  occurredAt: string;
  /** Course title, round name or session title; null when the source is not known (imported or older evidence). */
  label: string | null;
  score?: number | null;
}

export interface RecordFacts {
  courses: (Pick<RecordCourseDto, 'title' | 'status' | 'dueDate'> & { topicIds: string[] })[];
  rounds: (Pick<RecordRoundDto, 'name' | 'phase' | 'eligible' | 'closesAt' | 'inProgress'> & { topicIds: string[]; result: { score: number; passed: boolean } | null })[];
  evidence: EvidenceForRecord[];
}

export interface TargetEligibility {
  eligible: boolean;
  /** Why not, when known (retired, another category, no CCHC work…). */
  whyNot?: string | null;
}

const q = (s: string) => `«${s}»`;
const touches = (ids: string[], targetTopics: Set<string>) => ids.some((id) => targetTopics.has(id));

/** The text of one piece of evidence that counts. */
function evidenceText(e: EvidenceForRecord): string {
  const on = formatDateVi(e.occurredAt);
  if (e.label === null) return `${EVIDENCE_KIND_LABELS[e.kind].vi} (ghi nhận ngày ${on})`;
  if (e.kind === EvidenceKind.CourseCompleted) return `Đã hoàn thành khóa ${q(e.label)} ngày ${on}`;
  if (e.kind === EvidenceKind.TestPassed) return `Đạt bài kiểm tra ${q(e.label)}${e.score != null ? ` (${formatNumberVi(e.score)} điểm)` : ''} ngày ${on}`;
  return `Đã tham dự lớp ${q(e.label)} ngày ${on}`;
}

/** What would meet the target: the same words as the learner's "Chỉ tiêu của tôi". */
export function targetTodo(t: Pick<TargetForRecord, 'evidenceKinds' | 'topicName' | 'validity' | 'deadline'>, year: number): string {
  const ways = [
    t.evidenceKinds.includes(EvidenceKind.CourseCompleted) ? 'hoàn thành một khóa học' : null,
    t.evidenceKinds.includes(EvidenceKind.TestPassed) ? 'đạt một bài kiểm tra' : null,
    t.evidenceKinds.includes(EvidenceKind.Attendance) ? 'tham dự một lớp tập huấn' : null,
  ].filter(Boolean);
  return `Cần ${ways.join(' hoặc ')} về "${t.topicName}"${t.validity === 'year' ? ` trong năm ${year}` : ` trước ${formatDateVi(t.deadline)}`}.`;
}

/**
 * Met / not met / not applicable for one target in one year, with the reasons a person (or their officer) reads:
 * the evidence that counts; or the courses not finished, the rounds not taken or failed, the results that expired;
 * or why they are not in the audience.
 */
export function explainTarget(
  t: TargetForRecord,
  year: number,
  eligibility: TargetEligibility,
  coveredYears: readonly number[],
  facts: RecordFacts,
  today: string,
): { state: RecordTargetState; reasons: string[]; todo: string | null } {
  if (!eligibility.eligible) return { state: 'not_applicable', reasons: [eligibility.whyNot || 'Không thuộc đối tượng của chỉ tiêu'], todo: null };
  const topics = new Set(t.topicIds);
  const relevant = facts.evidence.filter((e) => topics.has(e.topicId) && t.evidenceKinds.includes(e.kind));
  const counting = relevant.filter((e) => e.year <= year && Math.min(validUntilYear(t, e.year), t.endYear) >= year);
  const unique = (texts: string[]) => [...new Set(texts)];

  if (coveredYears.includes(year)) {
    const reasons = unique(counting.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt)).map(evidenceText));
    return { state: 'met', reasons: reasons.length ? reasons : [`Đã đạt trong năm ${year}`], todo: null };
  }

  // A year that is over can no longer be met: only what counted (or expired) then matters, nothing to do now.
  const ended = year < Number(today.slice(0, 4));
  const reasons: string[] = [];
  if (!ended && t.evidenceKinds.includes(EvidenceKind.CourseCompleted)) {
    for (const c of facts.courses) {
      if (c.status === 'completed' || !touches(c.topicIds, topics)) continue;
      const due = c.dueDate ? ` (hạn ${formatDateVi(c.dueDate)}${c.dueDate < today ? ', đã quá hạn' : ''})` : '';
      reasons.push(`Chưa hoàn thành khóa ${q(c.title)}${due}`);
    }
  }
  if (!ended && t.evidenceKinds.includes(EvidenceKind.TestPassed)) {
    for (const r of facts.rounds) {
      if (!touches(r.topicIds, topics) || Number(formatDateVi(r.closesAt).slice(-4)) < year) continue;
      if (r.result && !r.result.passed) reasons.push(`Chưa đạt bài kiểm tra ${q(r.name)} (${formatNumberVi(r.result.score)} điểm)`);
      else if (!r.result && r.eligible && r.phase === 'open')
        reasons.push(`${r.inProgress ? 'Chưa nộp' : 'Chưa làm'} bài kiểm tra kỳ ${q(r.name)} (hạn ${formatDateVi(r.closesAt)})`);
      else if (!r.result && r.eligible && r.phase === 'closed') reasons.push(`Không làm bài kiểm tra kỳ ${q(r.name)} (đã đóng ngày ${formatDateVi(r.closesAt)})`);
    }
  }
  for (const e of relevant) {
    const until = Math.min(validUntilYear(t, e.year), t.endYear);
    if (until < year) reasons.push(`Kết quả ${e.label === null ? `"${EVIDENCE_KIND_LABELS[e.kind].vi.toLowerCase()}"` : q(e.label)} năm ${e.year} chỉ có hiệu lực đến hết năm ${until}`);
  }
  if (!reasons.length)
    reasons.push(ended ? `Không có kết quả bồi dưỡng về "${t.topicName}" được tính cho năm ${year}` : `Chưa có kết quả bồi dưỡng nào về "${t.topicName}"`);
  return { state: 'not_met', reasons: unique(reasons), todo: ended ? null : targetTodo(t, year) };
}

/** Why a person is outside a target's audience, from the facts the audience rule reads (first reason found). */
export function whyNotEligible(
  audience: { categories: string[]; doesCchcWork: boolean | null; isLeader: boolean | null; unitLevels: string[] },
  kind: 'people' | 'units',
  p: { status: string; category: string; categoryLabel: string; doesCchcWork: boolean; isLeader: boolean; unitLevel: string },
): string {
  if (p.status !== 'active' && p.status !== 'on_leave') return 'Không thuộc đối tượng: đã nghỉ hưu hoặc nghỉ việc';
  if (audience.categories.length && !audience.categories.includes(p.category)) return `Không thuộc đối tượng: chỉ tiêu không áp dụng cho ${p.categoryLabel.toLowerCase()}`;
  if (audience.doesCchcWork === true && !p.doesCchcWork) return 'Không thuộc đối tượng: chỉ tiêu dành cho người làm công tác CCHC';
  if (audience.doesCchcWork === false && p.doesCchcWork) return 'Không thuộc đối tượng: chỉ tiêu dành cho người không làm công tác CCHC';
  if (audience.isLeader === true && !p.isLeader) return 'Không thuộc đối tượng: chỉ tiêu dành cho lãnh đạo, quản lý';
  if (audience.isLeader === false && p.isLeader) return 'Không thuộc đối tượng: chỉ tiêu không áp dụng cho lãnh đạo, quản lý';
  if (kind === 'people' && audience.unitLevels.length && !audience.unitLevels.includes(p.unitLevel)) return 'Không thuộc đối tượng: chỉ tiêu không áp dụng cho cấp đơn vị của người này';
  return 'Không thuộc đối tượng: đơn vị công tác nằm ngoài phạm vi của chỉ tiêu';
}
