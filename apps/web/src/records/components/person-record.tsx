import { Link } from 'react-router-dom';
import type { PersonRecordDto, RecordTargetState } from '@cchc/shared';
import { ErrorMessage, Loading } from '../../components/error-message';
import { useT, type MessageKey } from '../../i18n/i18n';
import { StatusBadge } from '../../learning/components/learning-bits';
import { useDownloadRecordPdf, usePersonRecord } from '../use-person-record';
import '../record.css';

const STATE_CLASS: Record<RecordTargetState, string> = { met: 'badge badge-ok', not_met: 'badge badge-danger', not_applicable: 'badge badge-muted' };
const STATE_KEY: Record<RecordTargetState, MessageKey> = { met: 'record.state.met', not_met: 'record.state.not_met', not_applicable: 'record.state.not_applicable' };

/** One person's training record, with the PDF for the personnel file: the person page and "Hồ sơ bồi dưỡng của tôi". */
export function PersonRecord({ personId, title }: { personId: string; title?: string }) {
  const { t, formatDate } = useT();
  const record = usePersonRecord(personId);
  const pdf = useDownloadRecordPdf();
  return (
    <section className="card record" data-testid="person-record">
      <div className="toolbar">
        <h2>{title ?? t('record.title')}</h2>
        {record.data && (
          <button
            type="button"
            className="button"
            onClick={() => pdf.mutate({ personId, staffCode: record.data.person.staffCode })}
            disabled={pdf.isPending}
            data-testid="record-pdf"
          >
            {pdf.isPending ? t('common.loading') : t('record.downloadPdf')}
          </button>
        )}
      </div>
      {pdf.isError && <ErrorMessage error={pdf.error} />}
      {record.isPending && <Loading />}
      <ErrorMessage error={record.error} onRetry={() => void record.refetch()} />
      {record.data && (
        <>
          <p className="muted small">{t('record.asOf', { date: formatDate(record.data.generatedAt) })}</p>
          <RecordBody r={record.data} />
        </>
      )}
    </section>
  );
}

function RecordBody({ r }: { r: PersonRecordDto }) {
  const { t, formatDate, formatNumber } = useT();
  return (
    <>
      <h3>{t('record.targets')}</h3>
      {r.targets.length ? (
        <ul className="record-list" data-testid="record-targets">
          {r.targets.map((x) => (
            <li key={x.targetId} data-state={x.state}>
              <div className="record-head">
                <span>{x.name}</span>
                <span className={STATE_CLASS[x.state]}>{t(STATE_KEY[x.state])} · {x.year}</span>
              </div>
              <ul className="record-reasons">
                {x.reasons.map((reason) => <li key={reason}>{reason}</li>)}
              </ul>
              {x.todo && <p className="record-todo">{x.todo}</p>}
            </li>
          ))}
        </ul>
      ) : <p className="empty">{t('record.noTargets')}</p>}

      <h3>{t('record.courses')}</h3>
      {r.courses.length ? (
        <ul className="record-list" data-testid="record-courses">
          {r.courses.map((c) => (
            <li key={c.courseId}>
              <div className="record-head">
                <span>{c.title}</span>
                <StatusBadge status={c.status} />
              </div>
              <div className="record-meta">
                {c.assigned && <span>{t('record.assigned')}</span>}
                {c.dueDate && c.status !== 'completed' && <span>{t('record.due', { date: formatDate(c.dueDate) })}</span>}
                {c.status !== 'completed' && c.percent > 0 && <span>{formatNumber(c.percent)}%</span>}
                {c.completedAt && <span>{t('record.completedOn', { date: formatDate(c.completedAt) })}</span>}
                {c.certificateCode && (
                  <Link to={`/verify/${c.certificateCode}`} data-testid="record-certificate">{t('record.certificate', { code: c.certificateCode })}</Link>
                )}
              </div>
            </li>
          ))}
        </ul>
      ) : <p className="empty">{t('record.noCourses')}</p>}

      <h3>{t('record.rounds')}</h3>
      {r.rounds.length ? (
        <ul className="record-list" data-testid="record-rounds">
          {r.rounds.map((x) => {
            const weak = x.topics.filter((topic) => topic.weak);
            return (
              <li key={x.roundId}>
                <div className="record-head">
                  <span>{x.name}</span>
                  {x.result && (
                    <span className={x.result.passed ? 'badge badge-ok' : 'badge badge-danger'}>
                      {t('record.score', { score: x.result.score })} · {x.result.band}
                    </span>
                  )}
                </div>
                <div className="record-meta">
                  {x.result ? <span>{t('record.takenOn', { date: formatDate(x.result.finishedAt) })}</span>
                    : x.phase === 'open' ? <span>{t(x.inProgress ? 'record.inProgress' : 'record.notTakenYet', { date: formatDate(x.closesAt) })}</span>
                      : x.phase === 'scheduled' ? <span>{t('record.opensOn', { date: formatDate(x.opensAt) })}</span>
                        : <span>{t('record.missed')}</span>}
                </div>
                {x.result && x.topics.length > 0 && (
                  <p className="small" data-testid="record-weak-topics">
                    {weak.length ? t('record.weakTopics', { topics: weak.map((topic) => `${topic.topicName} (${formatNumber(topic.score)})`).join('; ') }) : t('record.noWeakTopics')}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      ) : <p className="empty">{t('record.noRounds')}</p>}

      <h3>{t('record.sessions')}</h3>
      {r.sessions.length ? (
        <ul className="record-list" data-testid="record-sessions">
          {r.sessions.map((s) => (
            <li key={s.sessionId}>
              <div className="record-head">
                <span>{s.title}</span>
                <span className="muted">{s.startsOn === s.endsOn ? formatDate(s.startsOn) : `${formatDate(s.startsOn)} – ${formatDate(s.endsOn)}`}</span>
              </div>
              <div className="record-meta">
                <span>{s.topicName}</span>
                <span>{t('record.hours', { hours: s.hours })}</span>
                <span>{s.organiserName}{s.place ? ` · ${s.place}` : ''}</span>
              </div>
            </li>
          ))}
        </ul>
      ) : <p className="empty">{t('record.noSessions')}</p>}

      <h3>{t('record.remedial')}</h3>
      {r.remedial.length ? (
        <ul className="record-list" data-testid="record-remedial">
          {r.remedial.map((a) => {
            const done = a.status === 'closed' || a.itemsDone >= a.itemsTotal;
            return (
              <li key={a.id}>
                <div className="record-head">
                  <span>{a.roundName}</span>
                  <span className={done ? 'badge badge-ok' : a.overdue ? 'badge badge-danger' : 'badge badge-update'}>
                    {done ? t('record.remedialDone') : a.overdue ? t('record.overdue') : t('record.remedialOpen')}
                  </span>
                </div>
                <div className="record-meta">
                  <span>{t('record.remedialProgress', { done: a.itemsDone, total: a.itemsTotal, date: formatDate(a.dueDate) })}</span>
                </div>
              </li>
            );
          })}
        </ul>
      ) : <p className="empty">{t('record.noRemedial')}</p>}
    </>
  );
}
