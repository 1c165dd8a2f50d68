import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { DIFFICULTY_LABELS, optionLabel, QUESTION_TYPE_LABELS, QuestionStatus, QuestionType, type QuestionVersionDto } from '@cchc/shared';
import { ErrorMessage, Loading } from '../../components/error-message';
import { RichText } from '../../components/rich-text';
import { useT } from '../../i18n/i18n';
import { StatusBadge } from '../components/labels';
import { QuestionForm } from '../components/question-form';
import { useChangeQuestionStatus, useQuestion, useQuestionVersions, useSaveQuestion } from '../use-questions';

/** /questions/new and /questions/:id: the editor, the status actions and the version history. */
export function QuestionPage() {
  const { id } = useParams();
  const isNew = !id || id === 'new';
  return isNew ? <NewQuestion /> : <EditQuestion id={id} />;
}

function NewQuestion() {
  const { t } = useT();
  const navigate = useNavigate();
  const save = useSaveQuestion(undefined);
  return (
    <section className="page" data-testid="question-page">
      <Link to="/questions">{t('qb.back')}</Link>
      <h1>{t('qb.newTitle')}</h1>
      <QuestionForm saving={save.isPending} error={save.error} onSave={(input) => save.mutate(input, { onSuccess: (q) => navigate(`/questions/${q.id}`, { replace: true }) })} />
    </section>
  );
}

function EditQuestion({ id }: { id: string }) {
  const { t } = useT();
  const question = useQuestion(id);
  const versions = useQuestionVersions(id);
  const save = useSaveQuestion(id);
  const status = useChangeQuestionStatus(id);
  const [notice, setNotice] = useState<string | null>(null);
  const q = question.data;

  if (question.isPending) return <Loading />;
  if (!q) return <ErrorMessage error={question.error} onRetry={() => void question.refetch()} />;

  return (
    <section className="page" data-testid="question-page">
      <Link to="/questions">{t('qb.back')}</Link>
      <div className="page-header">
        <h1>
          {t('qb.editTitle', { code: q.code })} <StatusBadge status={q.status} />
        </h1>
        <div className="button-row">
          {q.status !== QuestionStatus.Published && (
            <button type="button" className="button button-primary" onClick={() => status.mutate(QuestionStatus.Published)} disabled={status.isPending || q.problems.length > 0} data-testid="q-publish">
              {t('qb.publish')}
            </button>
          )}
          {q.status === QuestionStatus.Retired && (
            <button type="button" className="button" onClick={() => status.mutate(QuestionStatus.Draft)} disabled={status.isPending}>
              {t('qb.toDraft')}
            </button>
          )}
          {q.status !== QuestionStatus.Retired && (
            <button type="button" className="button button-danger" onClick={() => status.mutate(QuestionStatus.Retired)} disabled={status.isPending} data-testid="q-retire">
              {t('qb.retire')}
            </button>
          )}
        </div>
      </div>
      <ErrorMessage error={status.error} />
      {notice && (
        <div className="alert alert-success" role="status" data-testid="q-saved">
          {notice}
        </div>
      )}
      <QuestionForm
        key={q.currentVersion}
        question={q}
        saving={save.isPending}
        error={save.error}
        onSave={(input) => save.mutate({ ...input, expectedVersion: q.currentVersion }, { onSuccess: (saved) => setNotice(t('qb.saved', { version: saved.currentVersion })) })}
      />

      <h2>{t('qb.history')}</h2>
      <ErrorMessage error={versions.error} />
      <ol className="link-list" data-testid="q-history">
        {(versions.data ?? []).map((v) => (
          <VersionItem key={v.id} version={v} isCurrent={v.version === q.currentVersion} />
        ))}
      </ol>
    </section>
  );
}

function VersionItem({ version: v, isCurrent }: { version: QuestionVersionDto; isCurrent: boolean }) {
  const { t, label, formatDateTime } = useT();
  return (
    <li className="card" data-testid="q-version">
      <details open={isCurrent}>
        <summary>
          <strong>{t('qb.historyItem', { version: v.version })}</strong> {isCurrent && <span className="badge badge-ok">{t('qb.current')}</span>}{' '}
          <span className="muted small">{t('qb.by', { name: v.createdByName ?? '—', time: formatDateTime(v.createdAt) })}</span>
        </summary>
        <p className="muted small">
          {v.topicName} · {label(QUESTION_TYPE_LABELS[v.type])} · {label(DIFFICULTY_LABELS[v.difficulty])}
        </p>
        <RichText format={v.format} text={v.stem} testId="q-version-stem" />
        <ul>
          {v.options.map((o, i) => (
            <li key={o.id}>
              {v.correct.includes(o.id) ? '✔ ' : ''}
              {v.type === QuestionType.TrueFalse ? '' : `${optionLabel(i)}. `}
              <RichText inline format={v.format} text={o.text} />
              {o.feedback && (
                <div className="muted small">
                  {t('rich.review.feedback')}: <RichText inline format={v.format} text={o.feedback} />
                </div>
              )}
            </li>
          ))}
        </ul>
        {v.explanation && <RichText className="muted" format={v.format} text={v.explanation} />}
      </details>
    </li>
  );
}
