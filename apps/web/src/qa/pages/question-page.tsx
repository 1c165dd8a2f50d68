import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Permission, QA_STATUS_LABELS, QaStatus, type QaQuestionDto } from '@cchc/shared';
import { useCan } from '../../auth/permissions';
import { ErrorMessage, Loading, SuccessMessage } from '../../components/error-message';
import { optionalText, requiredText } from '../../components/form';
import { useT } from '../../i18n/i18n';
import { useAnswerQuestion, usePublishQuestion, useQuestion } from '../use-qa';

function AnswerForm({ question }: { question: QaQuestionDto }) {
  const { t } = useT();
  const answer = useAnswerQuestion(question.id);
  const [saved, setSaved] = useState(false);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    answer.mutate(requiredText(new FormData(event.currentTarget), 'answer'), { onSuccess: () => setSaved(true) });
  };
  return (
    <form className="card form" onSubmit={onSubmit} data-testid="answer-form">
      <h2>{question.answer ? t('qa.editAnswer') : t('qa.writeAnswer')}</h2>
      <div className="field">
        <label htmlFor="answer-text">{t('qa.answer')}</label>
        <textarea id="answer-text" name="answer" rows={6} required minLength={5} defaultValue={question.answer ?? ''} data-testid="answer-text" />
      </div>
      <ErrorMessage error={answer.error} />
      <SuccessMessage>{saved && t('qa.answerSaved')}</SuccessMessage>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={answer.isPending} data-testid="answer-submit">
          {t('qa.sendAnswer')}
        </button>
      </div>
    </form>
  );
}

function PublishForm({ question }: { question: QaQuestionDto }) {
  const { t } = useT();
  const publish = usePublishQuestion(question.id);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    publish.mutate({ published: !question.published, title: optionalText(form, 'title'), body: optionalText(form, 'body') });
  };
  return (
    <form className="card form" onSubmit={onSubmit} data-testid="publish-form">
      <h2>{t('qa.publishTitle')}</h2>
      {!question.published && (
        <>
          <p className="muted">{t('qa.publishHint')}</p>
          <div className="field">
            <label htmlFor="publish-title">{t('qa.questionTitle')}</label>
            <input id="publish-title" name="title" defaultValue={question.title} minLength={5} maxLength={300} />
          </div>
          <div className="field">
            <label htmlFor="publish-body">{t('qa.questionBody')}</label>
            <textarea id="publish-body" name="body" rows={3} defaultValue={question.body} minLength={5} maxLength={5000} />
          </div>
        </>
      )}
      <ErrorMessage error={publish.error} />
      <div className="button-row">
        <button type="submit" className={`button ${question.published ? 'button-ghost' : 'button-primary'}`} disabled={publish.isPending || !question.answer} data-testid="publish-toggle">
          {question.published ? t('qa.unpublish') : t('qa.publish')}
        </button>
      </div>
    </form>
  );
}

export function QuestionPage() {
  const { id = '' } = useParams();
  const { t, label, formatDateTime } = useT();
  const canAnswer = useCan(Permission.QaAnswer);
  const query = useQuestion(id);
  const q = query.data;
  return (
    <section className="page" data-testid="question-page">
      <p>
        <Link to={canAnswer ? '/qa/inbox' : '/qa?tab=mine'}>‹ {canAnswer ? t('qa.inbox') : t('qa.tab.mine')}</Link>
      </p>
      {query.isPending && <Loading />}
      <ErrorMessage error={query.error} />
      {q && (
        <>
          <h1 data-testid="question-title">{q.title}</h1>
          <p className="doc-meta">
            {[q.askerName, q.askerUnitName, formatDateTime(q.askedAt), q.topic?.name].filter(Boolean).join(' · ')}
            <span className="doc-badges">
              <span className={`badge ${q.status === QaStatus.Answered ? 'badge-ok' : 'badge-muted'}`} data-testid="question-status">
                {label(QA_STATUS_LABELS[q.status])}
              </span>
              {q.published && <span className="badge badge-accent">{t('qa.publishedBadge')}</span>}
            </span>
          </p>
          <div className="card">
            <p className="pre-line">{q.body}</p>
          </div>
          <div className="card" data-testid="question-answer">
            <h2>{t('qa.answer')}</h2>
            {q.answer ? (
              <>
                <p className="pre-line">{q.answer}</p>
                <p className="small muted">{[q.answeredByName, formatDateTime(q.answeredAt)].filter(Boolean).join(' · ')}</p>
              </>
            ) : (
              <p className="muted">{t('qa.noAnswerYet')}</p>
            )}
          </div>
          {canAnswer && <AnswerForm question={q} key={q.id} />}
          {canAnswer && q.answer && <PublishForm question={q} key={`${q.published}`} />}
        </>
      )}
    </section>
  );
}
