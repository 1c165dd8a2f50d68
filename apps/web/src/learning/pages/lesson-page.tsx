import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { LessonKind, type PackageCommitResultDto } from '@cchc/shared';
import { ErrorMessage, Loading } from '../../components/error-message';
import { useCurrentUser } from '../../auth/use-me';
import { useT } from '../../i18n/i18n';
import { downloadCertificate } from '../api';
import { useLesson, useSaveProgress } from '../use-learning';
import { PackagePlayer } from '../../package-player/package-player';
import { resultText } from '../../package-player/package-results';
import '../learning.css';

/** The lesson player: light on a phone and a slow link (media only loads on demand). */
export function LessonPage() {
  const { id = '' } = useParams();
  const { t, formatNumber } = useT();
  const me = useCurrentUser();
  const lesson = useLesson(id);
  const progress = useSaveProgress();
  const { mutate: recordVisit } = useSaveProgress();
  const visited = useRef<string | null>(null);
  const [justCompleted, setJustCompleted] = useState(false);

  // Opening a lesson records where the learner is, so another device resumes here.
  useEffect(() => {
    if (!me.personId || !lesson.data || visited.current === id) return;
    visited.current = id;
    recordVisit({ lessonId: id, completed: false });
  }, [id, lesson.data, me.personId, recordVisit]);
  useEffect(() => setJustCompleted(false), [id]);

  const onPackageResult = useCallback((result: PackageCommitResultDto) => {
    if (result.courseCompletedNow) setJustCompleted(true);
  }, []);

  if (lesson.isPending) return <Loading />;
  if (lesson.error) return <ErrorMessage error={lesson.error} onRetry={() => void lesson.refetch()} />;
  const l = lesson.data;

  const markDone = async () => {
    const result = await progress.mutateAsync({ lessonId: l.id, completed: true });
    if (result.courseCompletedNow) setJustCompleted(true);
  };

  return (
    <article className="page" data-testid="lesson-page">
      <p>
        <Link to={`/learning/courses/${l.courseId}`}>‹ {l.courseTitle}</Link>
      </p>
      <h1>{l.title}</h1>

      {l.kind === LessonKind.Video && l.file && (
        <>
          <video className="lesson-video" controls preload="none" playsInline src={l.file.url} data-testid="lesson-video" />
          <p className="muted small">{t('learning.videoHint')}</p>
        </>
      )}
      {l.kind === LessonKind.Video && !l.file && l.url && (
        <p>
          <a className="button" href={l.url} target="_blank" rel="noopener noreferrer">
            {t('learning.openLink')} ↗
          </a>
        </p>
      )}
      {l.kind === LessonKind.Document &&
        (l.file ? (
          <p>
            <a className="button" href={l.file.url} target="_blank" rel="noopener noreferrer" data-testid="lesson-document">
              {t('learning.openDocument')}: {l.file.name}
            </a>
          </p>
        ) : (
          <p className="muted">{t('learning.noFile')}</p>
        ))}
      {l.kind === LessonKind.Link && l.url && (
        <p>
          <a className="button" href={l.url} target="_blank" rel="noopener noreferrer" data-testid="lesson-link-out">
            {t('learning.openLink')} ↗
          </a>
        </p>
      )}
      {l.kind === LessonKind.Package && (
        <PackagePlayer
          lessonId={l.id}
          canSave={!!me.personId}
          onResult={onPackageResult}
        />
      )}
      {/* Stored HTML is sanitised by the server (sanitize-html); nothing here can run script. */}
      {l.bodyHtml && <div className="lesson-body" data-testid="lesson-body" dangerouslySetInnerHTML={{ __html: l.bodyHtml }} />}

      {justCompleted && (
        <div className="alert alert-success" role="status" data-testid="course-completed">
          <span>{t('learning.courseCompleted')}</span>
          <button type="button" className="button button-small" onClick={() => void downloadCertificate(l.courseId)}>
            {t('learning.certificate')}
          </button>
        </div>
      )}

      <div className="sticky-actions">
        {me.personId &&
          (l.completed ? (
            <p className="alert alert-success" data-testid="lesson-done">
              <span>
                ✓ {t('learning.lessonDone')}
                {l.result && (
                  <span data-testid="lesson-result">
                    {' '}
                    {t('pkr.lessonResult')}: {resultText({ ...l.result, completion: 'completed' }, t, formatNumber)}
                  </span>
                )}
              </span>
            </p>
          ) : l.kind === LessonKind.Package ? null : (
            <button type="button" className="button button-primary button-block" onClick={() => void markDone()} disabled={progress.isPending} data-testid="lesson-mark-done">
              {progress.isPending ? t('learning.marking') : t('learning.markDone')}
            </button>
          ))}
        <ErrorMessage error={progress.error} />
        <nav className="lesson-nav" aria-label={t('learning.outline')}>
          {l.previousLessonId ? (
            <Link className="button" to={`/learning/lessons/${l.previousLessonId}`}>
              {t('learning.previous')}
            </Link>
          ) : (
            <span />
          )}
          {l.nextLessonId ? (
            <Link className="button" to={`/learning/lessons/${l.nextLessonId}`} data-testid="lesson-next">
              {t('learning.next')}
            </Link>
          ) : (
            <Link className="button" to={`/learning/courses/${l.courseId}`} data-testid="lesson-back">
              {t('learning.backToCourse')}
            </Link>
          )}
        </nav>
      </div>
    </article>
  );
}
