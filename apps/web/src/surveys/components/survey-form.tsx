import { useRef, useState, type FormEvent } from 'react';
import type { SurveyDto, SurveyQuestionType } from '@cchc/shared';
import { TopicSelect } from '../../topics/components/topic-select';
import { ErrorMessage } from '../../components/error-message';
import { useT, type MessageKey } from '../../i18n/i18n';
import { useSessions } from '../../training-sessions/use-training-sessions';
import { UnitSelect } from '../../units/components/unit-select';
import { useCreateSurvey } from '../use-surveys';
import '../../i18n/messages/coverage-forms'; // its texts (loaded with this page)

interface QuestionRow {
  key: number;
  type: SurveyQuestionType;
  text: string;
  /** Choice options, one per line. */
  options: string;
  topicId: string;
}

interface FormError {
  key: MessageKey;
  n?: number;
}

const QUESTION_TYPES: SurveyQuestionType[] = ['rating', 'choice', 'text'];
/** datetime-local value for a moment, in the browser's zone. */
const localInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
const optionList = (q: QuestionRow) => q.options.split('\n').map((o) => o.trim()).filter(Boolean);

/** Coordinator: a training-needs survey or a post-training evaluation, with its questions in order. */
export function SurveyForm({ onDone }: { onDone(created: SurveyDto): void }) {
  const { t, formatDate } = useT();
  const create = useCreateSurvey();
  const sessions = useSessions();
  const nextKey = useRef(1);
  const newQuestion = (type: SurveyQuestionType = 'rating'): QuestionRow => ({ key: nextKey.current++, type, text: '', options: '', topicId: '' });
  const [kind, setKind] = useState<'needs' | 'evaluation'>('needs');
  const [title, setTitle] = useState('');
  const [topicId, setTopicId] = useState('');
  const [audienceUnitId, setAudienceUnitId] = useState('');
  const [sessionId, setSessionId] = useState('');
  const [opensAt, setOpensAt] = useState(() => localInput(new Date()));
  const [closesAt, setClosesAt] = useState(() => localInput(new Date(Date.now() + 14 * 86_400_000)));
  const [questions, setQuestions] = useState<QuestionRow[]>(() => [newQuestion()]);
  const [errors, setErrors] = useState<FormError[]>([]);

  const setQuestion = (i: number, patch: Partial<QuestionRow>) => setQuestions((qs) => qs.map((q, j) => (j === i ? { ...q, ...patch } : q)));
  const move = (i: number, by: -1 | 1) =>
    setQuestions((qs) => {
      const next = [...qs];
      [next[i], next[i + by]] = [next[i + by], next[i]];
      return next;
    });

  const validate = (): FormError[] => {
    const found: FormError[] = [];
    if (title.trim().length < 5) found.push({ key: 'svf.err.title' });
    if (!questions.length) found.push({ key: 'svf.err.noQuestions' });
    questions.forEach((q, i) => {
      if (q.text.trim().length < 3) found.push({ key: 'svf.err.questionText', n: i + 1 });
      if (q.type === 'choice') {
        const opts = optionList(q);
        if (opts.length < 2) found.push({ key: 'svf.err.options', n: i + 1 });
        else if (opts.length > 20 || opts.some((o) => o.length > 200)) found.push({ key: 'svf.err.optionsLimit', n: i + 1 });
        else if (new Set(opts.map((o) => o.toLowerCase())).size !== opts.length) found.push({ key: 'svf.err.optionsDuplicate', n: i + 1 });
      }
    });
    if (!opensAt || !closesAt) found.push({ key: 'svf.err.window' });
    else if (new Date(closesAt) <= new Date(opensAt)) found.push({ key: 'svf.err.windowOrder' });
    if (kind === 'evaluation' && !sessionId && !audienceUnitId) found.push({ key: 'svf.err.evaluationAudience' });
    return found;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = validate();
    setErrors(found);
    if (found.length) return;
    create.mutate(
      {
        kind, title: title.trim(), topicId: topicId || undefined, audienceUnitId: audienceUnitId || undefined,
        sessionId: kind === 'evaluation' && sessionId ? sessionId : undefined,
        opensAt: new Date(opensAt).toISOString(), closesAt: new Date(closesAt).toISOString(),
        // Ids follow the order: q1, q2… (the API wants them unique; answers are keyed by them).
        questions: questions.map((q, i) => ({ id: `q${i + 1}`, type: q.type, text: q.text.trim(), options: q.type === 'choice' ? optionList(q) : undefined, topicId: q.topicId || null })),
      },
      { onSuccess: onDone },
    );
  };

  return (
    <form className="card form" onSubmit={submit} noValidate data-testid="survey-create-form">
      <h2>{t('svf.title')}</h2>
      {errors.length > 0 && (
        <ul className="alert alert-error" role="alert" data-testid="survey-form-errors">
          {errors.map((x, i) => <li key={i}>{t(x.key, { n: x.n ?? '' })}</li>)}
        </ul>
      )}
      <div className="field">
        <span className="field-label">{t('svf.kind')}</span>
        <label className="checkbox"><input type="radio" name="svf-kind" checked={kind === 'needs'} onChange={() => setKind('needs')} data-testid="svf-kind-needs" /> {t('svf.kind.needs')}</label>
        <label className="checkbox"><input type="radio" name="svf-kind" checked={kind === 'evaluation'} onChange={() => setKind('evaluation')} data-testid="svf-kind-evaluation" /> {t('svf.kind.evaluation')}</label>
      </div>
      <div className="field">
        <label htmlFor="svf-title">{t('svf.titleField')}</label>
        <input id="svf-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={300} data-testid="svf-title" />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="svf-topic">{t('svf.topic')}</label>
          <TopicSelect id="svf-topic" value={topicId} onChange={setTopicId} emptyLabel={t('svf.noTopic')} testId="svf-topic" />
        </div>
        <div className="field">
          <label htmlFor="svf-unit">{t('svf.audience')}</label>
          <UnitSelect id="svf-unit" value={audienceUnitId} onChange={setAudienceUnitId} emptyLabel={t('svf.everyone')} testId="svf-unit" />
        </div>
        {kind === 'evaluation' && (
          <div className="field">
            <label htmlFor="svf-session">{t('svf.session')}</label>
            <select id="svf-session" value={sessionId} onChange={(e) => setSessionId(e.target.value)} data-testid="svf-session">
              <option value="">{t('svf.noSession')}</option>
              {sessions.data?.map((s) => <option key={s.id} value={s.id}>{s.title} ({formatDate(s.startsOn)})</option>)}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="svf-opens">{t('svf.opensAt')}</label>
          <input id="svf-opens" type="datetime-local" value={opensAt} onChange={(e) => setOpensAt(e.target.value)} data-testid="svf-opens" />
        </div>
        <div className="field">
          <label htmlFor="svf-closes">{t('svf.closesAt')}</label>
          <input id="svf-closes" type="datetime-local" value={closesAt} onChange={(e) => setClosesAt(e.target.value)} data-testid="svf-closes" />
        </div>
      </div>

      <h3>{t('svf.questions', { count: questions.length })}</h3>
      <ol className="row-list" data-testid="svf-questions">
        {questions.map((q, i) => (
          <li key={q.key} className="row-item" data-testid="svf-question">
            <div className="field">
              <label htmlFor={`svf-q${q.key}-text`}>{t('svf.questionText', { n: i + 1 })}</label>
              <input id={`svf-q${q.key}-text`} value={q.text} onChange={(e) => setQuestion(i, { text: e.target.value })} maxLength={500} data-testid="svf-question-text" />
            </div>
            <div className="field-row">
              <div className="field">
                <label htmlFor={`svf-q${q.key}-type`}>{t('svf.questionType')}</label>
                <select id={`svf-q${q.key}-type`} value={q.type} onChange={(e) => setQuestion(i, { type: e.target.value as SurveyQuestionType })} data-testid="svf-question-type">
                  {QUESTION_TYPES.map((x) => <option key={x} value={x}>{t(`svf.type.${x}` as MessageKey)}</option>)}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`svf-q${q.key}-topic`}>{t('svf.questionTopic')}</label>
                <TopicSelect id={`svf-q${q.key}-topic`} value={q.topicId} onChange={(v) => setQuestion(i, { topicId: v })} emptyLabel={t('svf.noTopic')} testId="svf-question-topic" />
              </div>
            </div>
            {q.type === 'choice' && (
              <div className="field">
                <label htmlFor={`svf-q${q.key}-options`}>{t('svf.options')}</label>
                <textarea id={`svf-q${q.key}-options`} rows={4} value={q.options} onChange={(e) => setQuestion(i, { options: e.target.value })} data-testid="svf-question-options" />
                <span className="small muted">{t('svf.optionsHint')}</span>
              </div>
            )}
            <div className="button-row">
              <button type="button" className="button button-small" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('svf.moveUp', { n: i + 1 })} data-testid="svf-question-up">↑</button>
              <button type="button" className="button button-small" disabled={i === questions.length - 1} onClick={() => move(i, 1)} aria-label={t('svf.moveDown', { n: i + 1 })} data-testid="svf-question-down">↓</button>
              <button type="button" className="button button-small button-ghost" onClick={() => setQuestions((qs) => qs.filter((_, j) => j !== i))} data-testid="svf-question-remove">{t('svf.removeQuestion')}</button>
            </div>
          </li>
        ))}
      </ol>
      {questions.length < 50 && (
        <button type="button" className="button button-small" onClick={() => setQuestions((qs) => [...qs, newQuestion()])} data-testid="svf-question-add">{t('svf.addQuestion')}</button>
      )}
      {create.isError && <ErrorMessage error={create.error} />}
      <div className="button-row">
        <button className="button button-primary" disabled={create.isPending} data-testid="svf-save">{create.isPending ? t('common.saving') : t('svf.create')}</button>
      </div>
    </form>
  );
}
