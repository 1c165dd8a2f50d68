import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { QuestionType, type AttemptDto } from '@cchc/shared';
import { useConfirm } from '../../components/confirm-dialog';
import { Dialog, DialogActions } from '../../components/dialog';
import { ErrorMessage, Loading } from '../../components/error-message';
import { useT } from '../../i18n/i18n';
import { AnswerQueue } from '../answer-queue';
import { dropSnapshot } from '../attempt-snapshot';
import { loadFlags, navigatorItems, saveFlags, submitSummary, toggled } from '../test-navigator';
import { useAttempt, useSubmitAttempt } from '../use-tests';
import { prefetchQuestionImages, questionImageSources, RichText } from '../../components/rich-text';

function formatLeft(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const mm = String(Math.floor(s / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${mm}:${ss}`;
}

/** The learner's test: one column on a phone, a countdown on the server's clock, each answer's saved state. */
export function TakeTestPage() {
  const { attemptId = '' } = useParams();
  const attempt = useAttempt(attemptId);
  const { t } = useT();
  if (attempt.isLoading) return <Loading />;
  if (!attempt.data) return <ErrorMessage error={attempt.error} onRetry={() => void attempt.refetch()} />;
  return <TakeTest attempt={attempt.data} key={attempt.data.id} t={t} />;
}

function TakeTest({ attempt, t }: { attempt: AttemptDto; t: ReturnType<typeof useT>['t'] }) {
  const navigate = useNavigate();
  const submit = useSubmitAttempt();
  // The server owns the clock: the countdown runs on the offset measured when the attempt was loaded.
  const offset = useMemo(() => Date.parse(attempt.serverNow) - Date.now(), [attempt.serverNow]);
  const queue = useMemo(() => {
    const q = new AnswerQueue(attempt.id, offset);
    q.mergeServer(attempt.answers);
    return q;
  }, [attempt.id, attempt.answers, offset]);
  const version = useSyncExternalStore(
    (fn) => queue.subscribe(fn),
    () => `${queue.pendingCount()}:${queue.answeredCount()}:${queue.closed}:${JSON.stringify(attempt.questions.map((q) => queue.get(q.questionId)?.state ?? ''))}`,
  );
  const [online, setOnline] = useState(() => navigator.onLine);
  const [flags, setFlags] = useState(() => loadFlags(attempt.id));
  const [summaryOpen, setSummaryOpen] = useState(false);
  const [focusTarget, setFocusTarget] = useState<number | null>(null);
  useEffect(() => {
    // After the commit that closed the summary: the dialog hands the focus back to the submit button as it closes.
    if (focusTarget === null || summaryOpen) return;
    const el = document.getElementById(`question-${focusTarget}`);
    el?.scrollIntoView({ block: 'start' });
    el?.focus({ preventScroll: true });
    setFocusTarget(null);
  }, [focusTarget, summaryOpen]);
  const [notice, noticeDialog] = useConfirm();
  const [now, setNow] = useState(() => Date.now() + offset);
  const deadline = Date.parse(attempt.deadlineAt);
  const submitted = attempt.submittedAt !== null;

  useEffect(() => {
    const up = () => {
      setOnline(true);
      void queue.flush();
    };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    void queue.flush();
    const timer = window.setInterval(() => {
      setNow(Date.now() + offset);
      void queue.flush();
    }, 1000);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
      window.clearInterval(timer);
    };
  }, [queue, offset]);

  // Once the page is usable, the test's pictures are fetched in the background (one at a time, when the browser is
  // idle): a connection that drops mid-test then leaves every question readable. Images still show as they scroll in.
  const [imagesInMemory, setImagesInMemory] = useState<string | undefined>(undefined);
  useEffect(() => {
    const sources = questionImageSources(attempt.questions.flatMap((q) => [q.stem, ...q.options.map((o) => o.text)].map((text) => ({ format: q.format, text }))));
    if (!sources.length || submitted) return;
    let cancelled = false;
    const start = () =>
      void prefetchQuestionImages(sources, () => cancelled).then((n) => {
        if (!cancelled) setImagesInMemory(`${n}/${sources.length}`);
      });
    const idle = typeof window.requestIdleCallback === 'function';
    const handle = idle ? window.requestIdleCallback(start, { timeout: 2000 }) : window.setTimeout(start, 500);
    return () => {
      cancelled = true;
      if (idle) window.cancelIdleCallback(handle);
      else window.clearTimeout(handle);
    };
  }, [attempt.id]);

  const timeUp = now >= deadline;
  const finished = () => {
    queue.forget();
    saveFlags(attempt.id, new Set());
    dropSnapshot(attempt.id);
    navigate(`/tests/${attempt.roundId}/result`);
  };
  useEffect(() => {
    if ((timeUp || submitted) && !submit.isPending && !submit.isSuccess) {
      // The server has already submitted at the deadline; this read shows the result.
      submit.mutate(attempt.id, { onSuccess: finished });
    }
  }, [timeUp, submitted]);

  const pending = queue.pendingCount();
  const answered = queue.answeredCount();
  void version;

  const items = navigatorItems(
    attempt.questions.map((q) => q.questionId),
    (id) => queue.get(id)?.choice,
    flags,
  );
  const summary = submitSummary(items);

  const onSubmit = () => {
    if (pending > 0) return void notice({ title: t('tests.submit'), message: t('tests.submitWaiting'), notice: true });
    setSummaryOpen(true);
  };
  const confirmSubmit = () => {
    setSummaryOpen(false);
    submit.mutate(attempt.id, { onSuccess: finished });
  };
  const flag = (questionId: string) => {
    const next = toggled(flags, questionId);
    setFlags(next);
    saveFlags(attempt.id, next);
  };
  /** Brings a question into view (navigator, summary links) and puts the keyboard on it, once the summary has closed. */
  const goTo = (n: number) => {
    setSummaryOpen(false);
    setFocusTarget(n);
  };

  const toggle = (questionId: string, type: string, optionId: string) => {
    const current = queue.get(questionId)?.choice ?? [];
    const next =
      type === QuestionType.Multiple ? (current.includes(optionId) ? current.filter((x) => x !== optionId) : [...current, optionId].sort()) : [optionId];
    queue.answer(questionId, next);
  };

  return (
    <section className="page narrow take-test" data-testid="take-test-page" data-images-in-memory={imagesInMemory}>
      <header className="test-bar" data-testid="test-bar">
        <div>
          <div className="muted small">{attempt.roundName}</div>
          <div className="small">{t('tests.answered', { n: answered, total: attempt.questions.length })}</div>
        </div>
      </header>
      {!online && (
        <div className="alert alert-warning" role="status" data-testid="offline-banner">
          {t('tests.offline')}
        </div>
      )}
      <p className="small" aria-live="polite" data-testid="save-summary">
        {pending > 0 ? t('tests.pending', { count: pending }) : t('tests.allSaved')}
      </p>
      {queue.closed && <div className="alert alert-warning">{t('tests.timeUp')}</div>}
      <ErrorMessage error={submit.error} />
      {noticeDialog}
      <nav className="test-navigator" aria-label={t('tests.navigator')} data-testid="navigator">
        {items.map((item) => (
          <button
            key={item.questionId}
            type="button"
            className={`nav-item nav-${item.state}${item.flagged ? ' nav-flagged' : ''}`}
            onClick={() => goTo(item.n)}
            aria-label={`${t('tests.question', { n: item.n, total: items.length })}: ${t(item.state === 'answered' ? 'tests.nav.answered' : 'tests.nav.unanswered')}${item.flagged ? `, ${t('tests.nav.flagged')}` : ''}`}
            data-testid="nav-item"
            data-state={item.state}
            data-flagged={item.flagged}
          >
            {item.n}
          </button>
        ))}
      </nav>
      <p className="nav-legend muted small">
        <span className="nav-item nav-answered" aria-hidden="true" /> {t('tests.nav.answered')} <span className="nav-item nav-unanswered" aria-hidden="true" /> {t('tests.nav.unanswered')}{' '}
        <span className="nav-item nav-unanswered nav-flagged" aria-hidden="true" /> {t('tests.nav.flagged')}
      </p>
      <ol className="question-list">
        {attempt.questions.map((q, i) => {
          const a = queue.get(q.questionId);
          const state = !a || a.choice.length === 0 ? 'none' : a.state;
          const isFlagged = flags.has(q.questionId);
          return (
            <li
              key={q.questionId}
              id={`question-${i + 1}`}
              tabIndex={-1}
              className={`card question${isFlagged ? ' question-flagged' : ''}`}
              data-testid="question"
              data-question-id={q.questionId}
            >
              <div className="question-head">
                <span className="muted small">{t('tests.question', { n: i + 1, total: attempt.questions.length })}</span>
                <span className={`save-state save-${state}`} data-testid="save-state" data-state={state}>
                  {state === 'saved' ? `✓ ${t('tests.saved')}` : state === 'saving' ? t('tests.saving') : state === 'pending' ? t('tests.queued') : t('tests.notAnswered')}
                </span>
              </div>
              <RichText format={q.format} text={q.stem} className="stem" testId="stem" />
              {q.type === QuestionType.Multiple && <p className="muted small">{t('tests.multiple')}</p>}
              <div className="options" role={q.type === QuestionType.Multiple ? 'group' : 'radiogroup'}>
                {q.options.map((o) => {
                  const checked = a?.choice.includes(o.id) ?? false;
                  return (
                    <label key={o.id} className={`option${checked ? ' option-checked' : ''}`} data-testid="option">
                      <input
                        type={q.type === QuestionType.Multiple ? 'checkbox' : 'radio'}
                        name={`q-${q.questionId}`}
                        checked={checked}
                        disabled={submitted || timeUp || queue.closed}
                        onChange={() => toggle(q.questionId, q.type, o.id)}
                      />
                      <RichText inline format={q.format} text={o.text} />
                    </label>
                  );
                })}
              </div>
              <button type="button" className="button button-small flag-button" aria-pressed={isFlagged} onClick={() => flag(q.questionId)} data-testid="flag">
                {isFlagged ? `⚑ ${t('tests.unflag')}` : `⚐ ${t('tests.flag')}`}
              </button>
            </li>
          );
        })}
      </ol>
      {summaryOpen && (
        <Dialog title={t('tests.summary.title')} onClose={() => setSummaryOpen(false)} testId="submit-summary">
          <p>{t('tests.answered', { n: summary.answered, total: summary.total })}</p>
          {summary.unanswered.length > 0 && (
            <div className="summary-group" data-testid="summary-unanswered">
              <p>
                <strong>{t('tests.summary.unanswered', { count: summary.unanswered.length })}</strong>
              </p>
              <div className="summary-links">
                {summary.unanswered.map((i) => (
                  <button key={i.questionId} type="button" className="button button-small" onClick={() => goTo(i.n)} data-testid="summary-link">
                    {t('tests.summary.goTo', { n: i.n })}
                  </button>
                ))}
              </div>
            </div>
          )}
          {summary.flagged.length > 0 && (
            <div className="summary-group" data-testid="summary-flagged">
              <p>
                <strong>{t('tests.summary.flagged', { count: summary.flagged.length })}</strong>
              </p>
              <div className="summary-links">
                {summary.flagged.map((i) => (
                  <button key={i.questionId} type="button" className="button button-small" onClick={() => goTo(i.n)} data-testid="summary-link">
                    {t('tests.summary.goTo', { n: i.n })}
                  </button>
                ))}
              </div>
            </div>
          )}
          <p className="muted small">{t('tests.submitConfirm')}</p>
          <DialogActions>
            <button type="button" className="button" onClick={() => setSummaryOpen(false)} data-testid="summary-back">
              {t('tests.summary.back')}
            </button>
            <button type="button" className="button button-primary" onClick={confirmSubmit} data-testid="summary-submit">
              {t('tests.submit')}
            </button>
          </DialogActions>
        </Dialog>
      )}
      {/* Always in view on a phone: the time left on the server's clock, what is saved, and the submit button. */}
      <div className="submit-bar">
        <div className={`countdown${deadline - now < 5 * 60_000 ? ' countdown-low' : ''}`} role="timer" aria-label={t('tests.timeLeft')} data-testid="countdown">
          {formatLeft(deadline - now)}
        </div>
        <span className={`save-state ${pending > 0 ? 'save-pending' : 'save-saved'}`}>{pending > 0 ? `${pending} ⏳` : `✓ ${t('tests.saved')}`}</span>
        <button type="button" className="button button-primary" onClick={onSubmit} disabled={submit.isPending || submitted} data-testid="test-submit">
          {t('tests.submit')}
        </button>
      </div>
    </section>
  );
}
