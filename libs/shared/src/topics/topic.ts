export enum TopicKind {
  Programme = 'programme',
  Field = 'field',
  Skill = 'skill',
}

export const TOPIC_KIND_LABELS: Record<TopicKind, { vi: string; en: string }> = {
  [TopicKind.Programme]: { vi: 'Chương trình', en: 'Programme' },
  [TopicKind.Field]: { vi: 'Lĩnh vực CCHC', en: 'Reform field' },
  [TopicKind.Skill]: { vi: 'Kỹ năng', en: 'Skill' },
};

/** What counts as evidence that a person was trained on a topic. */
export enum EvidenceKind {
  CourseCompleted = 'course_completed',
  TestPassed = 'test_passed',
  Attendance = 'attendance',
}

export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, { vi: string; en: string }> = {
  [EvidenceKind.CourseCompleted]: { vi: 'Hoàn thành khóa học', en: 'Course completed' },
  [EvidenceKind.TestPassed]: { vi: 'Đạt bài kiểm tra', en: 'Test passed' },
  [EvidenceKind.Attendance]: { vi: 'Dự lớp tập huấn trực tiếp', en: 'Attended in-person training' },
};

export interface TopicDto {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  description: string | null;
  kind: TopicKind;
  parentId: string | null;
  sortOrder: number;
  active: boolean;
  /** The province that added it; null: a national topic. */
  provinceId: string | null;
}
