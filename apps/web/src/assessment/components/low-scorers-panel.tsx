import { useState } from 'react';
import { ErrorMessage, Loading } from '../../components/error-message';
import { LowScorerSortSelect } from '../../components/low-scorer-sort-select';
import { Pager } from '../../components/pager';
import { useT } from '../../i18n/i18n';
import { useExportLowScorers, useLowScorers, type LowScorerFilters } from '../not-taken';
import { Recommendations } from '../pages/result-page';
import { RemedialSummary } from './remedial-panel';
import { PersonCell, UnitFilter } from './round-people';

/**
 * The round's low scorers (failed, or a topic below the re-study mark) within the caller's units: a page with the
 * total, sorted, filtered by unit, each with what to re-study; the export has the whole filtered list.
 */
export function LowScorersPanel({ roundId, remedialAuto }: { roundId: string; remedialAuto: boolean }) {
  const { t, formatNumber } = useT();
  const [filters, setFilters] = useState<LowScorerFilters>({ page: 1, pageSize: 20, sort: 'score' });
  const list = useLowScorers(roundId, filters);
  const exporter = useExportLowScorers(roundId);
  const set = (patch: Partial<LowScorerFilters>) => setFilters((f) => ({ ...f, page: 1, ...patch }));
  const data = list.data;

  return (
    <section className="card" data-testid="low-scorers-panel">
      <h2>{t('lowScorers.title')}</h2>
      <p className="muted small">{t('coverage.lowScorersHint')}</p>
      <div className="filters">
        <UnitFilter id="low-scorers-unit" value={filters.unitId} onChange={(unitId) => set({ unitId })} />
        <div className="field">
          <label htmlFor="low-scorers-sort">{t('people.sort')}</label>
          <LowScorerSortSelect id="low-scorers-sort" value={filters.sort} onChange={(sort) => set({ sort })} />
        </div>
      </div>
      <ErrorMessage error={list.error ?? exporter.error} />
      {list.isLoading && <Loading />}
      {data && (
        <>
          <div className="toolbar">
            <p data-testid="low-scorers-total">{t('lowScorers.total', { n: formatNumber(data.total) })}</p>
            <button type="button" className="button" onClick={() => exporter.mutate(filters)} disabled={exporter.isPending || data.total === 0} data-testid="low-scorers-export">
              {exporter.isPending ? t('people.exporting') : t('people.export')}
            </button>
          </div>
          {data.items.length === 0 && <p className="empty">{t('results.none')}</p>}
          {data.items.length > 0 && (
            <div className={`table-wrap${list.isPlaceholderData ? ' is-stale' : ''}`}>
              <table className="table responsive" data-testid="low-scorers-table">
                <thead>
                  <tr>
                    <th>{t('results.person')}</th>
                    <th>{t('results.unit')}</th>
                    <th>{t('result.score')}</th>
                    <th>{t('results.toStudy')}</th>
                    {remedialAuto && <th>{t('remedial.column')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((p) => (
                    <tr key={p.personId} data-testid="low-scorer-row">
                      <PersonCell name={p.fullName} detail={[p.staffCode, p.position].filter(Boolean).join(' · ')} />
                      <td data-label={t('results.unit')}>{p.unitName}</td>
                      <td data-label={t('result.score')} className={p.passed ? '' : 'text-danger'}>
                        {formatNumber(p.score)} · {p.band}
                      </td>
                      <td data-label={t('results.toStudy')}>{p.recommendations.length ? <Recommendations items={p.recommendations} /> : '—'}</td>
                      {remedialAuto && (
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
          <Pager page={filters.page} pageSize={filters.pageSize} total={data.total} onPage={(page) => setFilters((f) => ({ ...f, page }))} />
        </>
      )}
    </section>
  );
}
