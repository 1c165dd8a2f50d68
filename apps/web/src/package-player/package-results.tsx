import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Permission, type PackageLessonRecordDto, type PackageResultDto } from '@cchc/shared';
import { useCan } from '../auth/permissions';
import { ErrorMessage, Loading } from '../components/error-message';
import { useT, type MessageKey } from '../i18n/i18n';
import '../i18n/messages/package-results'; // its texts (loaded with this panel)
import { queryKeys } from '../query-keys';
import { getPersonPackages, waiveAu } from './api';
import './package-player.css';

type T = ReturnType<typeof useT>['t'];

/** "Đạt · 85% (85/100 điểm)": a package result as people read it. */
export function resultText(r: Pick<PackageResultDto, 'completion' | 'success' | 'scoreScaled' | 'scoreRaw' | 'scoreMax'>, t: T, formatNumber: (n: number) => string): string {
  const status =
    r.success === 'passed'
      ? t('pkr.result.passed')
      : r.success === 'failed'
        ? t('pkr.result.failed')
        : r.completion === 'completed'
          ? t('pkr.result.completed')
          : r.completion === 'incomplete'
            ? t('pkr.result.incomplete')
            : t('pkr.result.notAttempted');
  const parts = [status];
  if (r.scoreScaled !== null) parts.push(t('pkr.score', { score: formatNumber(Math.round(r.scoreScaled * 1000) / 10) }));
  if (r.scoreRaw !== null && r.scoreMax !== null) parts.push(t('pkr.raw', { raw: formatNumber(r.scoreRaw), max: formatNumber(r.scoreMax) }));
  return parts.join(' · ');
}

/** SCORM 1.2 says "wrong" where 2004 says "incorrect"; a numeric result (2004) stays as it is. */
function answerText(result: string, t: T): string {
  const key = result === 'wrong' ? 'incorrect' : result;
  return ['correct', 'incorrect', 'unanticipated', 'neutral'].includes(key) ? t(`pkr.answer.${key}` as MessageKey) : result;
}

const TYPES = ['true-false', 'choice', 'fill-in', 'long-fill-in', 'matching', 'performance', 'sequencing', 'likert', 'numeric', 'other'];

/** An interaction's latency (2004 ISO 8601 duration, 1.2 HH:MM:SS) in seconds when it reads as one. */
export function latencySeconds(value: string): number | null {
  const iso = /^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(value);
  if (iso && value !== 'PT') return Number(iso[1] ?? 0) * 3600 + Number(iso[2] ?? 0) * 60 + Number(iso[3] ?? 0);
  const hms = /^(\d{1,4}):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(value);
  return hms ? Number(hms[1]) * 3600 + Number(hms[2]) * 60 + Number(hms[3]) : null;
}

const REASONS = ['Equivalent Outside Activity', 'Tested Out', 'Equivalent AU', 'Administrative'] as const;

/**
 * A person's e-lecture lessons: the result each lesson recorded, every attempt, and the answers the package stored
 * ("Câu trả lời trong bài giảng", folded). Shown on the person page (officers, coordinators) and on "my record".
 */
export function PackageResults({ personId }: { personId: string }) {
  const { t, formatNumber } = useT();
  const lessons = useQuery({ queryKey: queryKeys.records.packages(personId), queryFn: ({ signal }) => getPersonPackages(personId, signal) });
  return (
    <section className="card package-results" data-testid="package-results">
      <h2>{t('pkr.title')}</h2>
      {lessons.isPending && <Loading />}
      <ErrorMessage error={lessons.error} onRetry={() => void lessons.refetch()} />
      {lessons.data && !lessons.data.length && <p className="empty">{t('pkr.none')}</p>}
      {lessons.data?.map((l) => <LessonResult key={l.lessonId} personId={personId} l={l} t={t} formatNumber={formatNumber} />)}
    </section>
  );
}

function LessonResult({ personId, l, t, formatNumber }: { personId: string; l: PackageLessonRecordDto; t: T; formatNumber: (n: number) => string }) {
  const { formatDate } = useT();
  const canWaive = useCan(Permission.TrainingSessionsManage) && l.standard === 'cmi5';
  return (
    <article className="package-lesson" data-testid="package-lesson">
      <h3>
        <Link to={`/learning/lessons/${l.lessonId}`}>{l.lessonTitle}</Link> <span className="muted small">— {l.courseTitle}</span>
      </h3>
      <p>
        <strong>{t('pkr.lessonResult')}:</strong>{' '}
        <span data-testid="package-lesson-result">{l.lessonResult ? resultText(l.lessonResult, t, formatNumber) : t('pkr.result.incomplete')}</span>
      </p>
      {l.attempts.length > 0 && (
        <ul className="package-attempts small">
          {l.attempts.map((a) => (
            <li key={a.attempt}>
              {t('pkr.attempt', { n: a.attempt })}: {resultText(a, t, formatNumber)}
              {a.updatedAt && <span className="muted"> · {formatDate(a.updatedAt)}</span>}
            </li>
          ))}
        </ul>
      )}
      {canWaive && <WaiveAus personId={personId} l={l} t={t} />}
      <details className="package-answers" data-testid="package-answers">
        <summary>{t('pkr.answers', { n: l.interactions.length })}</summary>
        {l.interactions.length === 0 ? (
          <p className="muted">{t('pkr.noAnswers')}</p>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th>{t('pkr.col.attempt')}</th>
                  <th>{t('pkr.col.item')}</th>
                  <th>{t('pkr.col.question')}</th>
                  <th>{t('pkr.col.type')}</th>
                  <th>{t('pkr.col.response')}</th>
                  <th>{t('pkr.col.correct')}</th>
                  <th>{t('pkr.col.result')}</th>
                  <th>{t('pkr.col.latency')}</th>
                  <th>{t('pkr.col.time')}</th>
                </tr>
              </thead>
              <tbody>
                {l.interactions.map((i, n) => (
                  <tr key={`${i.attempt}-${i.itemId}-${i.id}-${n}`} data-testid="package-answer">
                    <td>{i.attempt}</td>
                    <td>{i.itemTitle}</td>
                    <td>{i.description || i.id}</td>
                    <td>{TYPES.includes(i.type) ? t(`pkr.type.${i.type}` as MessageKey) : i.type}</td>
                    <td className="package-answer-text">{i.learnerResponse}</td>
                    <td className="package-answer-text">{i.correctResponses.join('; ')}</td>
                    <td className={i.result === 'correct' ? 'package-status-passed' : i.result === 'incorrect' || i.result === 'wrong' ? 'package-status-failed' : undefined}>{answerText(i.result, t)}</td>
                    <td>{latencySeconds(i.latency) !== null ? t('pkr.seconds', { n: formatNumber(Math.round(latencySeconds(i.latency)! * 10) / 10) }) : i.latency}</td>
                    <td>{i.timestamp}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </details>
    </article>
  );
}

/** The officer's "waive" for a cmi5 AU the person met elsewhere (cmi5 "waived", with its reason). */
function WaiveAus({ personId, l, t }: { personId: string; l: PackageLessonRecordDto; t: T }) {
  const client = useQueryClient();
  const [itemId, setItemId] = useState<string | null>(null);
  const [reason, setReason] = useState<(typeof REASONS)[number]>(REASONS[0]);
  const [note, setNote] = useState('');
  const waive = useMutation({
    mutationFn: () => waiveAu(personId, l.lessonId, { itemId: itemId!, reason, ...(note.trim() ? { note: note.trim() } : {}) }),
    onSuccess: () => {
      setItemId(null);
      void client.invalidateQueries({ queryKey: queryKeys.records.all });
    },
  });
  return (
    <ul className="package-aus small">
      {l.items.map((i) => (
        <li key={i.id}>
          {i.title}: {i.waived ? t('pkr.waived', { reason: t(`pkr.reason.${i.waived}` as MessageKey) }) : i.success === 'passed' ? t('pkr.result.passed') : i.completion === 'completed' ? t('pkr.result.completed') : t('pkr.result.notAttempted')}
          {!i.waived && i.success !== 'passed' && itemId !== i.id && (
            <button type="button" className="button button-small" onClick={() => setItemId(i.id)} data-testid="package-waive">
              {t('pkr.waive')}
            </button>
          )}
          {itemId === i.id && (
            <form
              className="package-waive-form"
              onSubmit={(e) => {
                e.preventDefault();
                waive.mutate();
              }}
            >
              <label>
                {t('pkr.waiveReason')}
                <select value={reason} onChange={(e) => setReason(e.target.value as (typeof REASONS)[number])} data-testid="package-waive-reason">
                  {REASONS.map((r) => (
                    <option key={r} value={r}>
                      {t(`pkr.reason.${r}` as MessageKey)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('pkr.waiveNote')}
                <input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
              </label>
              <button type="submit" className="button button-primary button-small" disabled={waive.isPending} data-testid="package-waive-confirm">
                {t('pkr.waiveConfirm')}
              </button>
              <button type="button" className="button button-small" onClick={() => setItemId(null)}>
                {t('common.cancel')}
              </button>
              <ErrorMessage error={waive.error} />
            </form>
          )}
        </li>
      ))}
    </ul>
  );
}
