import { useState, type FormEvent } from 'react';
import { Permission, roleHasPermission, type SurveyDto } from '@cchc/shared';
import { useCurrentUser } from '../../auth/use-me';
import { ErrorMessage, Loading, SuccessMessage } from '../../components/error-message';
import { useT } from '../../i18n/i18n';
import { SurveyForm } from '../components/survey-form';
import { useAllSurveys, useAnswerSurvey, useMySurveys, useSurveyResults } from '../use-surveys';
import '../../i18n/messages/coverage-forms'; // its texts (loaded with this page)

function AnswerForm({ survey }: { survey: SurveyDto }) {
  const { t } = useT();
  const answer = useAnswerSurvey();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const answers: Record<string, unknown> = {};
    for (const q of survey.questions) {
      const v = f.get(q.id);
      if (v === null || v === '') continue;
      answers[q.id] = q.type === 'rating' ? Number(v) : String(v);
    }
    answer.mutate({ id: survey.id, answers });
  };
  if (survey.answeredByMe || answer.isSuccess) return <SuccessMessage>{t('surveys.thanks')}</SuccessMessage>;
  return (
    <form className="form" onSubmit={submit} data-testid="survey-form">
      {survey.questions.map((q) => (
        <fieldset key={q.id} className="field">
          <legend>{q.text}</legend>
          {q.type === 'rating' && (
            <div className="button-row">
              {[1, 2, 3, 4, 5].map((n) => (
                <label key={n} className="checkbox"><input type="radio" name={q.id} value={n} /> {n}</label>
              ))}
            </div>
          )}
          {q.type === 'choice' && q.options?.map((o) => <label key={o} className="checkbox"><input type="radio" name={q.id} value={o} /> {o}</label>)}
          {q.type === 'text' && <textarea name={q.id} rows={3} maxLength={2000} />}
        </fieldset>
      ))}
      {answer.isError && <ErrorMessage error={answer.error} />}
      <div className="button-row"><button className="button button-primary" disabled={answer.isPending}>{t('surveys.send')}</button></div>
    </form>
  );
}

function Results({ id }: { id: string }) {
  const { t, formatNumber } = useT();
  const results = useSurveyResults(id);
  if (results.isLoading) return <Loading />;
  if (results.isError) return <ErrorMessage error={results.error} />;
  const r = results.data!;
  return (
    <div data-testid="survey-results">
      <h3>{t('surveys.byUnit')}</h3>
      <ul className="plain-list">
        {r.byUnit.filter((u) => u.responses > 0).map((u) => <li key={u.unitId}>{u.unitName}: {u.responses} {u.averageRating !== null ? `· ${formatNumber(u.averageRating)}/5` : ''}</li>)}
      </ul>
      <h3>{t('surveys.byQuestion')}</h3>
      <ul className="plain-list">
        {r.questions.map((q) => (
          <li key={q.id}>
            <strong>{q.text}</strong> — {q.responses}
            {q.averageRating !== null && ` · ${formatNumber(q.averageRating)}/5`}
            {q.choices.length > 0 && ` · ${q.choices.map((c) => `${c.option}: ${c.count}`).join(', ')}`}
            {q.texts.length > 0 && <ul>{q.texts.slice(0, 10).map((x, i) => <li key={i}>{x}</li>)}</ul>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Learners answer the surveys open to them; officers and coordinators read the results for their scope. */
export function SurveysPage() {
  const { t, formatDate } = useT();
  const me = useCurrentUser();
  const canRead = roleHasPermission(me.role, Permission.CoverageRead);
  const canCreate = roleHasPermission(me.role, Permission.SurveysManage);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const mine = useMySurveys();
  const all = useAllSurveys(canRead);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section className="page" data-testid="surveys-page">
      <div className="toolbar">
        <h1>{t('surveys.title')}</h1>
        {canCreate && (
          <button type="button" className="button button-primary" onClick={() => { setCreating((c) => !c); setCreated(null); }} data-testid="survey-new">
            {creating ? t('common.close') : t('svf.new')}
          </button>
        )}
      </div>
      {creating && <SurveyForm onDone={(s) => { setCreating(false); setCreated(s.title); }} />}
      {created && <SuccessMessage>{t('svf.created', { title: created })}</SuccessMessage>}
      {mine.isLoading && <Loading />}
      {mine.isError && <ErrorMessage error={mine.error} />}
      {mine.data && !mine.data.length && !canRead && <p className="empty">{t('surveys.none')}</p>}
      {mine.data?.map((s) => (
        <article key={s.id} className="card" data-testid="my-survey">
          <h2>{s.title}</h2>
          <p className="small muted">{t('surveys.until', { date: formatDate(s.closesAt) })}</p>
          <AnswerForm survey={s} />
        </article>
      ))}
      {canRead && all.data && (
        <article className="card">
          <h2>{t('surveys.results')}</h2>
          <ul className="plain-list" data-testid="survey-list">
            {all.data.map((s) => (
              <li key={s.id} data-testid="survey-item">
                <button type="button" className="link-button" onClick={() => setOpen(open === s.id ? null : s.id)}>{s.title}</button>{' '}
                <span className="small muted">
                  ({s.responses}) · {t(s.kind === 'needs' ? 'svf.kind.needs' : 'svf.kind.evaluation')} · {formatDate(s.opensAt)}–{formatDate(s.closesAt)} · {t('svf.questionCount', { count: s.questions.length })}
                </span>
                {open === s.id && <Results id={s.id} />}
              </li>
            ))}
          </ul>
        </article>
      )}
    </section>
  );
}
