import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { ITEM_FLAG_LABELS, Permission, roleHasPermission } from '@cchc/shared';
import { useCurrentUser } from '../../auth/use-me';
import { ErrorMessage, Loading } from '../../components/error-message';
import { useT } from '../../i18n/i18n';
import { exportCommendations } from '../api';
import { useCommendations, useItemAnalysis, useRound, useRoundResults } from '../use-tests';
import { RemedialSummary } from '../components/remedial-panel';
import { NotTakenPanel } from '../components/not-taken-panel';
import { LowScorersPanel } from '../components/low-scorers-panel';
import { Recommendations } from './result-page';
import { PersonCell } from '../components/round-people';

/** A round's results in the caller's scope: figures, low scorers with what to re-study, commendations, item analysis. */
export function RoundResultsPage() {
  const { roundId = '' } = useParams();
  const { t, label, formatNumber } = useT();
  const me = useCurrentUser();
  const canManage = roleHasPermission(me.role, Permission.TestRoundsManage);
  // The low scorers have their own paged list below; the full table is on request (its figures come either way).
  const [showAll, setShowAll] = useState(false);
  const round = useRound(roundId);
  const results = useRoundResults(roundId, !showAll);
  const commendations = useCommendations(roundId);
  const items = useItemAnalysis(roundId, canManage);
  const [exportError, setExportError] = useState<unknown>(null);
  const r = results.data;

  return (
    <section className="page" data-testid="round-results-page">
      <h1>{t('results.title')}</h1>
      <p className="muted">{round.data?.name}</p>
      <ErrorMessage error={round.error ?? results.error} />
      {results.isLoading && <Loading />}
      {r && (
        <div className="card-grid stats">
          <article className="card">
            <div className="muted small">{t('results.eligible')}</div>
            <div className="big-number">{r.eligible}</div>
          </article>
          <article className="card">
            <div className="muted small">{t('results.taken')}</div>
            <div className="big-number" data-testid="results-taken">{formatNumber(r.taken)}</div>
          </article>
          <article className="card">
            <div className="muted small">{t('results.passedCount')}</div>
            <div className="big-number">{formatNumber(r.passed)}</div>
          </article>
          <article className="card">
            <div className="muted small">{t('results.average')}</div>
            <div className="big-number">{r.averageScore === null ? '—' : formatNumber(r.averageScore)}</div>
          </article>
        </div>
      )}
      {round.data && <NotTakenPanel roundId={roundId} open={round.data.phase === 'open'} />}
      {round.data && <LowScorersPanel roundId={roundId} remedialAuto={round.data.remedial.auto} />}
      <label className="inline-check">
        <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} data-testid="results-show-all" /> {t('results.allResults')}
      </label>
      {showAll && r && r.items.length === 0 && <p className="muted">{t('results.none')}</p>}
      {showAll && r && r.items.length > 0 && (
        <div className="table-wrap">
          <table className="table responsive" data-testid="results-table">
            <thead>
              <tr>
                <th>{t('results.person')}</th>
                <th>{t('results.unit')}</th>
                <th>{t('result.score')}</th>
                <th>{t('result.band')}</th>
                <th>{t('results.toStudy')}</th>
                {round.data?.remedial.auto && <th>{t('remedial.column')}</th>}
              </tr>
            </thead>
            <tbody>
              {r.items.map((p) => (
                <tr key={p.personId} data-testid="result-row">
                  <PersonCell name={p.fullName} detail={p.staffCode} />
                  <td data-label={t('results.unit')}>{p.unitName}</td>
                  <td data-label={t('result.score')} className={p.passed ? '' : 'text-danger'}>{formatNumber(p.score)}</td>
                  <td data-label={t('result.band')}>{p.band}</td>
                  <td data-label={t('results.toStudy')}>{p.recommendations.length ? <Recommendations items={p.recommendations} /> : '—'}</td>
                  {round.data?.remedial.auto && (
                    <td data-label={t('remedial.column')}>
                      <RemedialSummary remedial={p.remedial} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <article className="card">
        <div className="page-header">
          <h2>{t('results.commendations')}</h2>
          <button type="button" className="button button-small" onClick={() => exportCommendations(roundId).catch(setExportError)} data-testid="commendations-export">
            {t('results.export')}
          </button>
        </div>
        <ErrorMessage error={exportError ?? commendations.error} />
        {commendations.data?.length === 0 && <p className="muted">{t('results.commendationsEmpty')}</p>}
        <ul data-testid="commendations">
          {commendations.data?.map((c) => (
            <li key={c.personId}>
              {c.fullName} — {c.unitName}: <strong>{formatNumber(c.score)}</strong> ({c.band})
            </li>
          ))}
        </ul>
      </article>
      {canManage && (
        <article className="card">
          <h2>{t('results.items')}</h2>
          <ErrorMessage error={items.error} />
          <div className="table-wrap">
            <table className="table responsive" data-testid="item-analysis">
              <thead>
                <tr>
                  <th>#</th>
                  <th>{t('results.facility')}</th>
                  <th>{t('results.discrimination')}</th>
                  <th>{t('results.optionCounts')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {items.data?.map((i) => (
                  <tr key={i.questionId}>
                    <td data-label="#" className="cell-title">
                      <span>
                        {i.code}
                        <div className="muted small">{i.stem.slice(0, 80)}</div>
                      </span>
                    </td>
                    <td data-label={t('results.facility')}>{i.facility === null ? '—' : formatNumber(i.facility)}</td>
                    <td data-label={t('results.discrimination')}>{i.discrimination === null ? '—' : formatNumber(i.discrimination)}</td>
                    <td data-label={t('results.optionCounts')} className="small">{i.options.map((o) => `${o.id}${o.correct ? '✓' : ''}: ${o.chosen}`).join(' · ')}</td>
                    <td data-label="">
                      {i.flags.map((f) => (
                        <span key={f} className="badge badge-danger">
                          {label(ITEM_FLAG_LABELS[f])}
                        </span>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </article>
      )}
    </section>
  );
}
