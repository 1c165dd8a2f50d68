import { Link, useParams } from 'react-router-dom';
import { optionLabel, QuestionType, type RecommendationDto } from '@cchc/shared';
import { RichText } from '../../components/rich-text';
import { ErrorMessage, Loading } from '../../components/error-message';
import { useT } from '../../i18n/i18n';
import { RemedialPanel } from '../components/remedial-panel';
import { useMyResult } from '../use-tests';

export function Recommendations({ items }: { items: RecommendationDto[] }) {
  const { t, formatNumber } = useT();
  return (
    <ul className="recommendations" data-testid="recommendations">
      {items.map(({ courses = [], ...r }) => (
        <li key={r.topicId} data-testid="recommendation">
          <strong>{r.topicName}</strong> <span className="muted">({formatNumber(r.score)}/10)</span>
          {r.lessons.length + courses.length + r.documents.length === 0 ? (
            <div className="muted small">{t('result.noLinks')}</div>
          ) : (
            <>
              {r.lessons.length === 0 && <div className="muted small">{t('result.fallback')}</div>}
              <ul>
                {r.lessons.map((l) => (
                  <li key={l.id}>
                    {t('result.lessons')}: <a href={`/learning/lessons/${l.id}`}>{l.title ?? l.id.slice(0, 8)}</a>
                  </li>
                ))}
                {courses.map((c) => (
                  <li key={c.id}>
                    {t('result.courses')}: <a href={`/learning/courses/${c.id}`}>{c.title ?? c.id.slice(0, 8)}</a>
                  </li>
                ))}
                {r.documents.map((d) => (
                  <li key={d.id}>
                    {t('result.documents')}: <a href={`/library/${d.id}`}>{d.title ?? d.id.slice(0, 8)}</a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The learner's result: score and band, a bar per topic, what to re-study, and the review once allowed. */
export function ResultPage() {
  const { roundId = '' } = useParams();
  const { t, formatDateTime, formatNumber } = useT();
  const result = useMyResult(roundId);
  if (result.isLoading) return <Loading />;
  const r = result.data;
  if (!r) return <ErrorMessage error={result.error} />;
  return (
    <section className="page narrow" data-testid="result-page">
      <h1>{t('result.title')}</h1>
      <p className="muted">{r.roundName}</p>
      <article className="card result-summary">
        <div className="big-score" data-testid="result-score">
          {formatNumber(r.score)}
          <span className="small">/10</span>
        </div>
        <div>
          <div>
            {t('result.band')}: <strong data-testid="result-band">{r.band}</strong>
          </div>
          <div className={r.passed ? 'text-ok' : 'text-danger'}>{r.passed ? t('result.passed') : t('result.failed')}</div>
          <div className="muted small">
            {t('result.passMark', { mark: r.passMark })} · {t('result.attempts', { used: r.attemptsUsed, allowed: r.attemptsAllowed + (r.remedial?.retestUsed ? 1 : 0) })}
          </div>
        </div>
      </article>
      {r.topics && (
        <article className="card">
          <h2>{t('result.byTopic')}</h2>
          <div className="topic-bars" data-testid="topic-bars">
            {r.topics.map((tp) => (
              <div key={tp.topicId} className="topic-bar" data-testid="topic-bar">
                <div className="topic-bar-label">
                  <span>{tp.topicName}</span>
                  <strong>{formatNumber(tp.score)}</strong>
                </div>
                <div className="bar-track">
                  <div className={`bar-fill${tp.score < 5 ? ' bar-low' : ''}`} style={{ width: `${tp.score * 10}%` }} />
                </div>
                <div className="muted small">
                  {tp.rightAnswers}/{tp.total}
                </div>
              </div>
            ))}
          </div>
        </article>
      )}
      <article className="card">
        <h2>{t('result.recommendations')}</h2>
        {r.recommendations.length === 0 ? <p>{t('result.noRecommendations')}</p> : <Recommendations items={r.recommendations} />}
        {!r.remedial && r.recommendations.some((x) => x.retestAvailable) && (
          <p>
            <Link to="/tests">{t('result.retest')}</Link>
          </p>
        )}
      </article>
      {r.remedial && <RemedialPanel remedial={r.remedial} />}
      {r.reviewAvailableAt && <p className="muted">{t('result.reviewLater', { at: formatDateTime(r.reviewAvailableAt) })}</p>}
      {r.review && (
        <article className="card">
          <h2>{t('result.review')}</h2>
          <ol className="review-list">
            {r.review.map((q) => (
              <li key={q.questionId} className={`review-question ${q.right ? 'review-right' : 'review-wrong'}`} data-testid="review-question">
                <RichText format={q.format} text={q.stem} />
                <ul className="review-options">
                  {q.options.map((o, i) => {
                    const chosen = q.chosen.includes(o.id);
                    const correct = q.correct.includes(o.id);
                    return (
                      <li key={o.id} className={`review-option${correct ? ' review-option-correct' : chosen ? ' review-option-wrong' : ''}`} data-testid="review-option">
                        <span className="review-letter">{q.type === QuestionType.TrueFalse ? '' : `${optionLabel(i)}. `}</span>
                        <RichText inline format={q.format} text={o.text} />
                        {(chosen || correct) && (
                          <span className="review-marks small">
                            {chosen && <span className="badge">{t('rich.review.chosen')}</span>}
                            {correct && <span className="badge badge-ok">✓ {t('rich.review.correct')}</span>}
                          </span>
                        )}
                        {/* Each option's feedback beside the options that matter to this learner: theirs and the right one. */}
                        {(chosen || correct) && o.feedback && (
                          <div className="review-feedback small" data-testid="option-feedback">
                            <strong>{t('rich.review.feedback')}:</strong> <RichText inline format={q.format} text={o.feedback} />
                          </div>
                        )}
                      </li>
                    );
                  })}
                </ul>
                {q.explanation && (
                  <div className="muted small">
                    <strong>{t('rich.review.explanation')}:</strong> <RichText inline format={q.format} text={q.explanation} />
                  </div>
                )}
              </li>
            ))}
          </ol>
        </article>
      )}
    </section>
  );
}
