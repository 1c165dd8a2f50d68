import { Link, useNavigate } from 'react-router-dom';
import type { MyRoundDto } from '@cchc/shared';
import { ErrorMessage, Loading } from '../../components/error-message';
import { useT, type MessageKey } from '../../i18n/i18n';
import { RemedialPanel } from '../components/remedial-panel';
import { useMyRounds, useStartAttempt } from '../use-tests';

/** The learner's rounds: open ones first, with start / resume / result. */
export function MyTestsPage() {
  const { t, formatDateTime, formatNumber } = useT();
  const rounds = useMyRounds();
  const start = useStartAttempt();
  const navigate = useNavigate();

  const begin = (round: MyRoundDto) =>
    start.mutate(round.id, { onSuccess: (attempt) => navigate(`/tests/attempt/${attempt.id}`) });

  return (
    <section className="page narrow" data-testid="my-tests-page">
      <h1>{t('tests.title')}</h1>
      {rounds.isLoading && <Loading />}
      <ErrorMessage error={rounds.error ?? start.error} />
      {rounds.data?.length === 0 && <p className="muted">{t('tests.empty')}</p>}
      {rounds.data?.map((r) => (
        <article key={r.id} className="card test-card" data-testid="my-round">
          <h2>{r.name}</h2>
          <p>
            <span className={`badge ${r.phase === 'open' ? 'badge-ok' : 'badge-muted'}`}>{t(`tests.phase.${r.phase}` as MessageKey)}</span>{' '}
            <span className="muted">{t('tests.window', { from: formatDateTime(r.opensAt), to: formatDateTime(r.closesAt) })}</span>
          </p>
          <p className="muted">
            {t('tests.facts', { count: r.questionCount, minutes: r.timeLimitMinutes, used: r.attemptsUsed, allowed: r.attemptsAllowed + (r.remedial?.retestUsed ? 1 : 0) })}
          </p>
          {r.result && (
            <p data-testid="my-round-result">
              <strong>
                {t('result.score')}: {formatNumber(r.result.score)}/10 · {r.result.band}
              </strong>
            </p>
          )}
          <div className="button-row">
            {r.openAttemptId && (
              <Link className="button button-primary" to={`/tests/attempt/${r.openAttemptId}`} data-testid="test-resume">
                {t('tests.resume')}
              </Link>
            )}
            {r.phase === 'open' && !r.openAttemptId && r.attemptsUsed < r.attemptsAllowed && (
              <button type="button" className="button button-primary" disabled={start.isPending} onClick={() => begin(r)} data-testid="test-start">
                {start.isPending ? t('tests.starting') : r.attemptsUsed ? t('tests.retake') : t('tests.start')}
              </button>
            )}
            {r.result && (
              <Link className="button" to={`/tests/${r.id}/result`} data-testid="test-view-result">
                {t('tests.viewResult')}
              </Link>
            )}
          </div>
          {r.remedial && <RemedialPanel remedial={r.remedial} compact />}
        </article>
      ))}
    </section>
  );
}
