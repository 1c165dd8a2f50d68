import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { LearningStatus, LESSON_KIND_LABELS } from '@cchc/shared';
import { ErrorMessage, Loading } from '../../components/error-message';
import { useT } from '../../i18n/i18n';
import { downloadCertificate } from '../api';
import { ProgressBar, StatusBadge } from '../components/learning-bits';
import { useCourse, useEnrol } from '../use-learning';
import { useCurrentUser } from '../../auth/use-me';
import '../learning.css';

export function CoursePage() {
  const { id = '' } = useParams();
  const { t, label, formatDate } = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const course = useCourse(id);
  const enrol = useEnrol();
  const [downloadError, setDownloadError] = useState<unknown>(null);

  if (course.isPending) return <Loading />;
  if (course.error) return <ErrorMessage error={course.error} onRetry={() => void course.refetch()} />;
  const c = course.data;
  const mine = c.mine;
  const lessons = c.modules.flatMap((m) => m.lessons);
  const firstUndone = lessons.find((l) => !l.completed)?.id ?? lessons[0]?.id;
  const resumeAt = mine?.lastLessonId ?? firstUndone;
  const completed = mine?.status === LearningStatus.Completed;
  const rule = c.completionRule.kind === 'all_lessons' ? 'learning.ruleAll' : c.completionRule.kind === 'chosen_lessons' ? 'learning.ruleChosen' : 'learning.ruleQuiz';

  const start = async () => {
    if (!mine?.enrolled) await enrol.mutateAsync(c.id);
    if (resumeAt) navigate(`/learning/lessons/${resumeAt}`);
  };
  const certificate = async () => {
    setDownloadError(null);
    try {
      await downloadCertificate(c.id);
    } catch (error) {
      setDownloadError(error);
    }
  };

  return (
    <section className="page" data-testid="course-page">
      <p>
        <Link to="/learning">‹ {t('learning.catalogueTitle')}</Link>
      </p>
      <h1>{c.title}</h1>
      <div className="course-meta">
        <span>{t('learning.hours', { hours: c.estimatedHours })}</span>
        <span>{t('learning.lessons', { count: c.lessonCount })}</span>
        {c.topics.map((topic) => (
          <span key={topic.id} className="badge badge-accent">
            {topic.name}
          </span>
        ))}
      </div>
      {c.description && <p>{c.description}</p>}
      <p className="muted">{t(rule)}</p>

      {mine ? (
        <div className="card" data-testid="course-state">
          <div className="course-meta">
            <StatusBadge status={mine.status} />
            {mine.dueDate && !completed && <span>{t('learning.due', { date: formatDate(mine.dueDate) })}</span>}
            <span>{t('learning.progress', { done: mine.done, total: mine.total })}</span>
          </div>
          <ProgressBar percent={mine.percent} label={t('learning.progress', { done: mine.done, total: mine.total })} />
          {completed && (
            <>
              <p>
                <strong>{t('learning.completedOn', { date: formatDate(mine.completedAt) })}</strong>
                <br />
                <span className="muted">{t('learning.certificateCode', { code: mine.certificateCode ?? '' })}</span>
              </p>
              <button type="button" className="button button-primary button-block" onClick={() => void certificate()} data-testid="course-certificate">
                {t('learning.certificate')}
              </button>
              <ErrorMessage error={downloadError} />
            </>
          )}
          {lessons.length > 0 && (
            <p>
              <button type="button" className={`button button-block${completed ? '' : ' button-primary'}`} onClick={() => void start()} disabled={enrol.isPending} data-testid="course-start">
                {completed ? t('learning.review') : mine.enrolled || mine.done > 0 ? t('learning.resume') : t('learning.start')}
              </button>
            </p>
          )}
          <ErrorMessage error={enrol.error} />
        </div>
      ) : (
        !me.personId && <p className="alert alert-warning">{t('learning.noPerson')}</p>
      )}

      <h2>{t('learning.outline')}</h2>
      {c.modules.map((m) => (
        <div key={m.id}>
          <h3 className="module-title">{m.title}</h3>
          <ul className="outline">
            {m.lessons.map((l) => (
              <li key={l.id}>
                <Link to={`/learning/lessons/${l.id}`} data-testid="lesson-link">
                  <span className="tick" aria-label={l.completed ? t('learning.done') : undefined}>
                    {l.completed ? '✓' : '○'}
                  </span>
                  <span className="lesson-title">{l.title}</span>
                  <span className="muted small">
                    {label(LESSON_KIND_LABELS[l.kind])} · {l.durationMinutes}′{l.required && c.completionRule.kind === 'chosen_lessons' ? ` · ${t('learning.required')}` : ''}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
