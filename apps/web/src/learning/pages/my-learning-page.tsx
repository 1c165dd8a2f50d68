import { Link } from 'react-router-dom';
import { noPersonMessage } from '@cchc/shared';
import { ApiError } from '../../api/client';
import { useCurrentUser } from '../../auth/use-me';
import { ErrorMessage, Loading } from '../../components/error-message';
import { useT } from '../../i18n/i18n';
import { CourseCard } from '../components/learning-bits';
import { useMyLearning } from '../use-learning';
import '../learning.css';

/** Assigned, in progress, completed and overdue courses of the signed-in learner (overdue first). */
export function MyLearningPage() {
  const { t } = useT();
  // An account without a person (e.g. a unit officer's work account) has no learning: nothing to ask the server.
  const me = useCurrentUser();
  const hasPerson = me.personId !== null;
  const mine = useMyLearning(hasPerson);
  const noPerson = !hasPerson || (mine.error instanceof ApiError && mine.error.status === 403);
  return (
    <section className="page" data-testid="my-learning-page">
      <h1>{t('learning.myTitle')}</h1>
      {hasPerson && mine.isPending && <Loading />}
      {/* An account without a person (e.g. a unit officer's work account) has no learning: say so, nothing to retry. */}
      {noPerson ? (
        <p className="alert alert-warning" role="status" data-testid="my-learning-no-person">
          {hasPerson ? mine.error?.message : noPersonMessage(me.role)}
        </p>
      ) : (
        <ErrorMessage error={mine.error} onRetry={() => void mine.refetch()} />
      )}
      {mine.data?.items.length === 0 && (
        <p className="empty">
          {t('learning.myEmpty')} <Link to="/learning">{t('learning.toCatalogue')}</Link>
        </p>
      )}
      {mine.data && mine.data.items.length > 0 && (
        <ul className="course-list">
          {mine.data.items.map((item) => (
            <CourseCard key={item.course.id} course={item.course} dueDate={item.dueDate} assigned={item.assigned} />
          ))}
        </ul>
      )}
    </section>
  );
}
