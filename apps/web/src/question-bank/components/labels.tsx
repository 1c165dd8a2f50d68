import { DIFFICULTY_LABELS, QUESTION_STATUS_LABELS, QuestionStatus, type Difficulty } from '@cchc/shared';
import { useT } from '../../i18n/i18n';

const STATUS_CLASS: Record<QuestionStatus, string> = {
  [QuestionStatus.Draft]: 'badge',
  [QuestionStatus.Published]: 'badge badge-ok',
  [QuestionStatus.Retired]: 'badge badge-muted',
};

export function StatusBadge({ status }: { status: QuestionStatus }) {
  const { label } = useT();
  return (
    <span className={STATUS_CLASS[status]} data-testid="question-status">
      {label(QUESTION_STATUS_LABELS[status])}
    </span>
  );
}

export function DifficultyBadge({ difficulty }: { difficulty: Difficulty }) {
  const { label } = useT();
  return <span className={`badge${difficulty === 'hard' ? ' badge-accent' : ''}`}>{label(DIFFICULTY_LABELS[difficulty])}</span>;
}
