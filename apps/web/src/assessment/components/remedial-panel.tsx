import { Link, useNavigate } from 'react-router-dom';
import type { RemedialAssignmentDto, RemedialSummaryDto } from '@cchc/shared';
import { ErrorMessage } from '../../components/error-message';
import { useT } from '../../i18n/i18n';
import { useMarkRemedialRead, useStartAttempt } from '../use-tests';
import '../assessment.css';

/** The learner's remedial assignment: items with their done state and links, due date, overdue, and the re-test. */
export function RemedialPanel({ remedial, compact = false }: { remedial: RemedialAssignmentDto; compact?: boolean }) {
  const { t, formatDate, formatDateTime } = useT();
  const markRead = useMarkRemedialRead();
  const start = useStartAttempt();
  const navigate = useNavigate();
  const r = remedial;
  return (
    <section className={compact ? 'remedial' : 'card remedial'} data-testid="remedial">
      {compact ? <h3>{t('remedial.title')}</h3> : <h2>{t('remedial.title')}</h2>}
      <div className="remedial-head">
        <span data-testid="remedial-due">{t('remedial.due', { date: formatDate(r.dueDate) })}</span>
        {r.overdue && (
          <span className="badge badge-danger" data-testid="remedial-overdue">
            {t('remedial.overdue')}
          </span>
        )}
        <span className="muted" data-testid="remedial-progress">
          {t('remedial.progress', { done: r.itemsDone, total: r.itemsTotal })}
        </span>
      </div>
      {r.status === 'closed' ? (
        <p className="text-ok">{t('remedial.closed')}</p>
      ) : (
        <ul className="remedial-items">
          {r.items.map((i) => (
            <li key={`${i.kind}:${i.refId}`} data-testid="remedial-item" data-done={i.done}>
              <span className={`badge ${i.done ? 'badge-ok' : 'badge-muted'}`}>{i.done ? t('remedial.done') : t('remedial.todo')}</span>
              <span className="remedial-item-title">
                <span className="muted small">{i.kind === 'lesson' ? t('remedial.lesson') : t('remedial.document')}: </span>
                <Link to={i.kind === 'lesson' ? `/learning/lessons/${i.refId}` : `/library/${i.refId}`}>{i.title ?? i.refId.slice(0, 8)}</Link>
              </span>
              {!i.done && i.kind === 'document' && (
                <button
                  type="button"
                  className="button button-small"
                  disabled={markRead.isPending}
                  onClick={() => markRead.mutate({ assignmentId: r.id, documentId: i.refId })}
                  data-testid="remedial-mark-read"
                >
                  {t('remedial.markRead')}
                </button>
              )}
              {!i.done && i.kind === 'lesson' && <span className="muted small">{t('remedial.lessonHint')}</span>}
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage error={markRead.error ?? start.error} />
      {r.status === 'open' &&
        (r.retestAvailable ? (
          <div>
            <p>{t('remedial.retestUntil', { at: formatDateTime(r.retestUntil) })}</p>
            <button
              type="button"
              className="button button-primary"
              disabled={start.isPending}
              onClick={() => start.mutate(r.roundId, { onSuccess: (attempt) => navigate(`/tests/attempt/${attempt.id}`) })}
              data-testid="remedial-retest"
            >
              {t('remedial.retest')}
            </button>
          </div>
        ) : (
          <p className="muted small">{r.retestUsed ? t('remedial.retestUsed') : t('remedial.retestLocked')}</p>
        ))}
    </section>
  );
}

/** One line for the unit officer's results table. */
export function RemedialSummary({ remedial }: { remedial: RemedialSummaryDto | null }) {
  const { t, formatDate } = useT();
  if (!remedial) return <>—</>;
  if (remedial.status === 'closed') return <span className="text-ok">{t('remedial.summaryClosed')}</span>;
  return (
    <span data-testid="remedial-summary">
      {t('remedial.summary', { done: remedial.itemsDone, total: remedial.itemsTotal, date: formatDate(remedial.dueDate) })}
      {remedial.retestUsed && ` · ${t('remedial.summaryRetest')}`}
      {remedial.overdue && (
        <>
          {' '}
          <span className="badge badge-danger">{t('remedial.overdue')}</span>
        </>
      )}
    </span>
  );
}
