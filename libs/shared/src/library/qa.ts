/** Q&A (hỏi đáp): learners ask, authors and coordinators answer, good answers become the public FAQ. */
export enum QaStatus {
  Open = 'open',
  Answered = 'answered',
}

export const QA_STATUS_LABELS: Record<QaStatus, { vi: string; en: string }> = {
  [QaStatus.Open]: { vi: 'Chờ trả lời', en: 'Awaiting an answer' },
  [QaStatus.Answered]: { vi: 'Đã trả lời', en: 'Answered' },
};

export interface QaQuestionDto {
  id: string;
  title: string;
  body: string;
  topic: { id: string; code: string; name: string } | null;
  status: QaStatus;
  /** The asker's name: shown to the asker and to those who answer; never on the public FAQ. */
  askerName: string | null;
  askerUnitName: string | null;
  askedAt: string;
  answer: string | null;
  answeredByName: string | null;
  answeredAt: string | null;
  published: boolean;
  publishedAt: string | null;
  /** Asked by the caller. */
  mine: boolean;
}

export interface FaqEntryDto {
  id: string;
  title: string;
  body: string;
  answer: string;
  topic: { id: string; code: string; name: string } | null;
  publishedAt: string;
}
