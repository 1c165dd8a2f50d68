import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { COURSE_STATUS_LABELS, CourseStatus } from '@cchc/shared';
import { ErrorMessage, Loading } from '../../components/error-message';
import { useT } from '../../i18n/i18n';
import { createCourse } from '../api';
import { useAuthoringCourses, useAuthoringMutation } from '../use-authoring';
import { useTopics } from '../../topics/use-topics';
import '../learning.css';

const STATUS_BADGE: Record<CourseStatus, string> = { draft: 'badge badge-muted', published: 'badge badge-ok', archived: 'badge' };

export function AuthoringListPage() {
  const { t, label, formatDateTime } = useT();
  const navigate = useNavigate();
  const courses = useAuthoringCourses();
  const topics = useTopics();
  const create = useAuthoringMutation(createCourse);
  const [topicId, setTopicId] = useState('');

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const created = await create.mutateAsync({
      title: String(form.get('title') ?? '').trim(),
      description: String(form.get('description') ?? '').trim(),
      estimatedHours: Number(form.get('hours') || 1),
      topicIds: topicId ? [topicId] : [],
    });
    navigate(`/authoring/courses/${created.id}`);
  };

  return (
    <section className="page" data-testid="authoring-page">
      <h1>{t('authoring.title')}</h1>
      <details className="card">
        <summary data-testid="authoring-new">{t('authoring.new')}</summary>
        <form className="form" onSubmit={(e) => void submit(e)}>
          <div className="field">
            <label htmlFor="course-title">{t('authoring.courseTitle')}</label>
            <input id="course-title" name="title" required minLength={3} maxLength={300} data-testid="course-title" />
          </div>
          <div className="field">
            <label htmlFor="course-description">{t('authoring.description')}</label>
            <textarea id="course-description" name="description" rows={3} maxLength={5000} />
          </div>
          <div className="field-row">
            <div className="field">
              <label htmlFor="course-hours">{t('authoring.hours')}</label>
              <input id="course-hours" name="hours" type="number" min={0.5} max={1000} step={0.5} defaultValue={1} required />
            </div>
            <div className="field">
              <label htmlFor="course-topic">{t('authoring.topics')}</label>
              <select id="course-topic" value={topicId} onChange={(e) => setTopicId(e.target.value)}>
                <option value="">—</option>
                {(topics.data ?? []).map((topic) => (
                  <option key={topic.id} value={topic.id}>
                    {topic.name}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <ErrorMessage error={create.error} />
          <button type="submit" className="button button-primary" disabled={create.isPending} data-testid="course-create">
            {t('authoring.new')}
          </button>
        </form>
      </details>

      {courses.isPending && <Loading />}
      <ErrorMessage error={courses.error} onRetry={() => void courses.refetch()} />
      {courses.data?.length === 0 && <p className="empty">{t('authoring.empty')}</p>}
      {courses.data && courses.data.length > 0 && (
        <div className="table-wrap">
          <table className="table responsive" data-testid="authoring-table">
            <thead>
              <tr>
                <th scope="col">{t('authoring.courseTitle')}</th>
                <th scope="col">{t('authoring.status')}</th>
                <th scope="col">{t('authoring.topics')}</th>
                <th scope="col">{t('authoring.modules')}</th>
              </tr>
            </thead>
            <tbody>
              {courses.data.map((c) => (
                <tr key={c.id}>
                  <td data-label={t('authoring.courseTitle')} className="cell-title">
                    <Link to={`/authoring/courses/${c.id}`}>{c.title}</Link>
                    <div className="muted small">{formatDateTime(c.updatedAt)}</div>
                  </td>
                  <td data-label={t('authoring.status')}>
                    <span className={STATUS_BADGE[c.status]}>{label(COURSE_STATUS_LABELS[c.status])}</span>
                  </td>
                  <td data-label={t('authoring.topics')}>{c.topics.map((x) => x.name).join(', ') || '—'}</td>
                  <td data-label={t('authoring.modules')}>{t('learning.lessons', { count: c.lessonCount })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
