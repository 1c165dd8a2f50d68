import { useState } from 'react';
import { ErrorMessage, Loading } from '../../components/error-message';
import { useDebouncedValue } from '../../components/use-debounced-value';
import { useT } from '../../i18n/i18n';
import { CourseCard } from '../components/learning-bits';
import { useTopics } from '../../topics/use-topics';
import { useCatalogue } from '../use-learning';
import '../learning.css';

/** Published courses, searchable with or without diacritics, filtered by topic. */
export function CataloguePage() {
  const { t } = useT();
  const [q, setQ] = useState('');
  const [topicId, setTopicId] = useState('');
  const query = useDebouncedValue(q.trim());
  const topics = useTopics();
  const courses = useCatalogue({ q: query || undefined, topicId: topicId || undefined });

  return (
    <section className="page" data-testid="catalogue-page">
      <h1>{t('learning.catalogueTitle')}</h1>
      <div className="card filter-grid" role="search">
        <div className="field">
          <label htmlFor="catalogue-q">{t('learning.search')}</label>
          <input id="catalogue-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('learning.searchPlaceholder')} data-testid="catalogue-search" />
        </div>
        <div className="field">
          <label htmlFor="catalogue-topic">{t('learning.topic')}</label>
          <select id="catalogue-topic" value={topicId} onChange={(e) => setTopicId(e.target.value)} data-testid="catalogue-topic">
            <option value="">{t('learning.allTopics')}</option>
            {(topics.data ?? []).map((topic) => (
              <option key={topic.id} value={topic.id}>
                {topic.parentId ? `— ${topic.name}` : topic.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {courses.isPending && <Loading />}
      <ErrorMessage error={courses.error} onRetry={() => void courses.refetch()} />
      {courses.data?.length === 0 && <p className="empty">{t('learning.noCourses')}</p>}
      {courses.data && courses.data.length > 0 && (
        <ul className={`course-list${courses.isPlaceholderData ? ' is-stale' : ''}`} aria-busy={courses.isFetching}>
          {courses.data.map((course) => (
            <CourseCard key={course.id} course={course} />
          ))}
        </ul>
      )}
    </section>
  );
}
