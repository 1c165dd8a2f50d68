import { LearningStatus } from '../learning/course';
import { EvidenceKind } from '../topics/topic';
import { explainTarget, whyNotEligible, type RecordFacts, type TargetForRecord } from './person-record';

const VHCV = 'topic-vhcv';
const target: TargetForRecord = {
  name: 'Bồi dưỡng văn hóa công vụ hằng năm',
  topicName: 'Văn hóa công vụ',
  topicIds: [VHCV, 'topic-vhcv-child'],
  evidenceKinds: [EvidenceKind.CourseCompleted, EvidenceKind.TestPassed, EvidenceKind.Attendance],
  validity: 'year',
  validityYears: 1,
  phases: [],
  endYear: 2030,
  deadline: '2030-12-31',
};
const none: RecordFacts = { courses: [], rounds: [], evidence: [] };
const TODAY = '2026-12-06';

describe('explainTarget: met / not met / not applicable, and why', () => {
  it('not applicable: says why the person is outside the audience, nothing to do', () => {
    expect(explainTarget(target, 2026, { eligible: false, whyNot: 'Không thuộc đối tượng: đã nghỉ hưu hoặc nghỉ việc' }, [], none, TODAY)).toEqual({
      state: 'not_applicable',
      reasons: ['Không thuộc đối tượng: đã nghỉ hưu hoặc nghỉ việc'],
      todo: null,
    });
  });

  it('met: names the evidence that counts this year (once per source, with its date), not older or other-topic evidence', () => {
    const facts: RecordFacts = {
      ...none,
      evidence: [
        { kind: EvidenceKind.CourseCompleted, topicId: VHCV, year: 2026, occurredAt: '2026-03-10T03:00:00Z', label: 'Văn hóa nơi công sở' },
        { kind: EvidenceKind.CourseCompleted, topicId: 'topic-vhcv-child', year: 2026, occurredAt: '2026-03-10T03:00:00Z', label: 'Văn hóa nơi công sở' },
        { kind: EvidenceKind.TestPassed, topicId: VHCV, year: 2026, occurredAt: '2026-05-02T18:00:00Z', label: 'Kiểm tra quý II', score: 8.5 },
        { kind: EvidenceKind.Attendance, topicId: VHCV, year: 2025, occurredAt: '2025-05-02T03:00:00Z', label: 'Lớp năm trước' },
        { kind: EvidenceKind.Attendance, topicId: 'topic-asean', year: 2026, occurredAt: '2026-05-02T03:00:00Z', label: 'Lớp ASEAN' },
      ],
    };
    const r = explainTarget(target, 2026, { eligible: true }, [2025, 2026], facts, TODAY);
    expect(r.state).toBe('met');
    // 18:00 UTC on 2 May is 3 May in Vietnam; the score has a decimal comma.
    expect(r.reasons).toEqual(['Đã hoàn thành khóa «Văn hóa nơi công sở» ngày 10/03/2026', 'Đạt bài kiểm tra «Kiểm tra quý II» (8,5 điểm) ngày 03/05/2026']);
  });

  it('not met: the unfinished courses, the rounds not taken or failed, and expired results of the target topics', () => {
    const facts: RecordFacts = {
      courses: [
        { title: 'Văn hóa nơi công sở', status: LearningStatus.InProgress, dueDate: '2026-12-31', topicIds: [VHCV] },
        { title: 'Khóa đã quá hạn', status: LearningStatus.Overdue, dueDate: '2026-11-30', topicIds: ['topic-vhcv-child'] },
        { title: 'Khóa ASEAN', status: LearningStatus.NotStarted, dueDate: null, topicIds: ['topic-asean'] },
        { title: 'Khóa đã xong', status: LearningStatus.Completed, dueDate: null, topicIds: [VHCV] },
      ],
      rounds: [
        { name: 'Kỳ đang mở', phase: 'open', eligible: true, inProgress: false, closesAt: '2026-12-20T10:00:00Z', topicIds: [VHCV], result: null },
        { name: 'Kỳ làm dở', phase: 'open', eligible: true, inProgress: true, closesAt: '2026-12-21T10:00:00Z', topicIds: [VHCV], result: null },
        { name: 'Kỳ đã trượt', phase: 'closed', eligible: true, inProgress: false, closesAt: '2026-06-30T10:00:00Z', topicIds: [VHCV], result: { score: 4.25, passed: false } },
        { name: 'Kỳ bỏ lỡ', phase: 'closed', eligible: true, inProgress: false, closesAt: '2026-09-30T10:00:00Z', topicIds: [VHCV], result: null },
        { name: 'Kỳ năm trước', phase: 'closed', eligible: true, inProgress: false, closesAt: '2025-09-30T10:00:00Z', topicIds: [VHCV], result: null },
      ],
      evidence: [{ kind: EvidenceKind.Attendance, topicId: VHCV, year: 2025, occurredAt: '2025-05-02T03:00:00Z', label: 'Lớp năm trước' }],
    };
    const r = explainTarget(target, 2026, { eligible: true }, [2025], facts, TODAY);
    expect(r.state).toBe('not_met');
    expect(r.reasons).toEqual([
      'Chưa hoàn thành khóa «Văn hóa nơi công sở» (hạn 31/12/2026)',
      'Chưa hoàn thành khóa «Khóa đã quá hạn» (hạn 30/11/2026, đã quá hạn)',
      'Chưa làm bài kiểm tra kỳ «Kỳ đang mở» (hạn 20/12/2026)',
      'Chưa nộp bài kiểm tra kỳ «Kỳ làm dở» (hạn 21/12/2026)',
      'Chưa đạt bài kiểm tra «Kỳ đã trượt» (4,25 điểm)',
      'Không làm bài kiểm tra kỳ «Kỳ bỏ lỡ» (đã đóng ngày 30/09/2026)',
      'Kết quả «Lớp năm trước» năm 2025 chỉ có hiệu lực đến hết năm 2025',
    ]);
    expect(r.todo).toBe('Cần hoàn thành một khóa học hoặc đạt một bài kiểm tra hoặc tham dự một lớp tập huấn về "Văn hóa công vụ" trong năm 2026.');
  });

  it('not met with nothing on record: says so; only the evidence kinds the target accepts are suggested', () => {
    const r = explainTarget({ ...target, evidenceKinds: [EvidenceKind.Attendance], validity: 'phase', deadline: '2030-12-31' }, 2026, { eligible: true }, [], none, TODAY);
    expect(r.reasons).toEqual(['Chưa có kết quả bồi dưỡng nào về "Văn hóa công vụ"']);
    expect(r.todo).toBe('Cần tham dự một lớp tập huấn về "Văn hóa công vụ" trước 31/12/2030.');
  });

  it('a year that is over: no to-do, and only what counted then', () => {
    const facts: RecordFacts = { ...none, courses: [{ title: 'Khóa chưa xong', status: LearningStatus.InProgress, dueDate: null, topicIds: [VHCV] }] };
    const r = explainTarget(target, 2025, { eligible: true }, [], facts, TODAY);
    expect(r).toEqual({ state: 'not_met', reasons: ['Không có kết quả bồi dưỡng về "Văn hóa công vụ" được tính cho năm 2025'], todo: null });
  });

  it('evidence of unknown source (imported) is still named by its kind', () => {
    const facts: RecordFacts = { ...none, evidence: [{ kind: EvidenceKind.CourseCompleted, topicId: VHCV, year: 2026, occurredAt: '2026-02-01T03:00:00Z', label: null }] };
    expect(explainTarget(target, 2026, { eligible: true }, [2026], facts, TODAY).reasons).toEqual(['Hoàn thành khóa học (ghi nhận ngày 01/02/2026)']);
  });
});

describe('whyNotEligible', () => {
  const person = { status: 'active', category: 'vien_chuc', categoryLabel: 'Viên chức', doesCchcWork: false, isLeader: false, unitLevel: 'commune' };
  const audience = { categories: [], doesCchcWork: null, isLeader: null, unitLevels: [] };
  it.each([
    ['retired', { ...person, status: 'retired' }, audience, 'Không thuộc đối tượng: đã nghỉ hưu hoặc nghỉ việc'],
    ['another category', person, { ...audience, categories: ['can_bo', 'cong_chuc'] }, 'Không thuộc đối tượng: chỉ tiêu không áp dụng cho viên chức'],
    ['no CCHC work', person, { ...audience, doesCchcWork: true }, 'Không thuộc đối tượng: chỉ tiêu dành cho người làm công tác CCHC'],
    ['not a leader', person, { ...audience, isLeader: true }, 'Không thuộc đối tượng: chỉ tiêu dành cho lãnh đạo, quản lý'],
    ['unit level', person, { ...audience, unitLevels: ['department'] }, 'Không thuộc đối tượng: chỉ tiêu không áp dụng cho cấp đơn vị của người này'],
    ['outside the subtrees', person, audience, 'Không thuộc đối tượng: đơn vị công tác nằm ngoài phạm vi của chỉ tiêu'],
  ])('%s', (_name, p, a, text) => {
    expect(whyNotEligible(a, 'people', p)).toBe(text);
  });
});
