import { Link } from 'react-router-dom';
import { LEARNING_STATUS_LABELS, LearningStatus, type CourseSummaryDto } from '@cchc/shared';
import { useT } from '../../i18n/i18n';

const STATUS_CLASS: Record<LearningStatus, string> = {
  [LearningStatus.NotStarted]: 'badge badge-muted',
  [LearningStatus.InProgress]: 'badge badge-update',
  [LearningStatus.Completed]: 'badge badge-ok',
  [LearningStatus.Overdue]: 'badge badge-danger',
};

export function StatusBadge({ status }: { status: LearningStatus }) {
  const { label } = useT();
  return (
    <span className={STATUS_CLASS[status]} data-testid="learning-status" data-status={status}>
      {label(LEARNING_STATUS_LABELS[status])}
    </span>
  );
}

export function ProgressBar({ percent, label }: { percent: number; label: string }) {
  return (
    <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-label={label}>
      <span style={{ width: `${percent}%` }} />
    </div>
  );
}

/** One course in the catalogue or in "my learning". */
export function CourseCard({ course, dueDate, assigned }: { course: CourseSummaryDto; dueDate?: string | null; assigned?: boolean }) {
  const { t, formatDate } = useT();
  const mine = course.mine;
  return (
    <li className="card course-card" data-testid="course-card">
      <h2>
        <Link to={`/learning/courses/${course.id}`}>{course.title}</Link>
      </h2>
      <div className="course-meta">
        <span>{t('learning.hours', { hours: course.estimatedHours })}</span>
        <span>{t('learning.lessons', { count: course.lessonCount })}</span>
        {course.topics.map((topic) => (
          <span key={topic.id} className="badge badge-accent">
            {topic.name}
          </span>
        ))}
      </div>
      {mine && (mine.enrolled || mine.status !== LearningStatus.NotStarted || assigned) && (
        <>
          <div className="course-meta">
            <StatusBadge status={mine.status} />
            {assigned && <span className="badge">{t('learning.assigned')}</span>}
            {dueDate && mine.status !== LearningStatus.Completed && <span>{t('learning.due', { date: formatDate(dueDate) })}</span>}
            <span>{t('learning.progress', { done: mine.done, total: mine.total })}</span>
          </div>
          <ProgressBar percent={mine.percent} label={t('learning.progress', { done: mine.done, total: mine.total })} />
        </>
      )}
    </li>
  );
}
