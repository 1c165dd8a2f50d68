import { useState } from 'react';
import { NOT_TAKEN_STATUS_LABELS, Permission, roleHasPermission, type NotTakenSort, type NotTakenStatus } from '@cchc/shared';
import { useCurrentUser } from '../../auth/use-me';
import { ErrorMessage, Loading } from '../../components/error-message';
import { Pager } from '../../components/pager';
import { useT } from '../../i18n/i18n';
import { useExportNotTaken, useNotTaken, useRemindNotTaken, type NotTakenFilters } from '../not-taken';
import { PersonCell, UnitFilter } from './round-people';

/** Who in the round's audience (within the caller's units) has not submitted: paged, filtered, exported, reminded. */
export function NotTakenPanel({ roundId, open }: { roundId: string; open: boolean }) {
  const { t, label, formatDateTime } = useT();
  const [filters, setFilters] = useState<NotTakenFilters>({ page: 1, pageSize: 20, sort: 'unit' });
  const list = useNotTaken(roundId, filters);
  const exporter = useExportNotTaken(roundId);
  const remind = useRemindNotTaken(roundId);
  const canRemind = roleHasPermission(useCurrentUser().role, Permission.AssignmentsManage);
  const set = (patch: Partial<NotTakenFilters>) => {
    remind.reset();
    setFilters((f) => ({ ...f, page: 1, ...patch }));
  };
  const data = list.data;

  return (
    <section className="card" data-testid="not-taken-panel">
      <h2>{t('notTaken.title')}</h2>
      <div className="filters">
        <UnitFilter id="not-taken-unit" value={filters.unitId} onChange={(unitId) => set({ unitId })} />
        <div className="field">
          <label htmlFor="not-taken-status">{t('people.status')}</label>
          <select id="not-taken-status" value={filters.status ?? ''} onChange={(e) => set({ status: (e.target.value || undefined) as NotTakenStatus | undefined })} data-testid="not-taken-status">
            <option value="">{t('notTaken.allStatuses')}</option>
            {(Object.keys(NOT_TAKEN_STATUS_LABELS) as NotTakenStatus[]).map((s) => (
              <option key={s} value={s}>{label(NOT_TAKEN_STATUS_LABELS[s])}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="not-taken-sort">{t('people.sort')}</label>
          <select id="not-taken-sort" value={filters.sort} onChange={(e) => set({ sort: e.target.value as NotTakenSort })}>
            <option value="unit">{t('people.sort.unit')}</option>
            <option value="fullName">{t('people.sort.fullName')}</option>
            <option value="status">{t('people.status')}</option>
          </select>
        </div>
      </div>
      <ErrorMessage error={list.error ?? exporter.error ?? remind.error} />
      {list.isLoading && <Loading />}
      {data && (
        <>
          <p data-testid="not-taken-total">{t('notTaken.total', { n: data.total })}</p>
          <div className="button-row">
            <button type="button" className="button" onClick={() => exporter.mutate(filters)} disabled={exporter.isPending || data.total === 0} data-testid="not-taken-export">
              {exporter.isPending ? t('people.exporting') : t('people.export')}
            </button>
            {open && canRemind && (
              <button type="button" className="button button-primary" onClick={() => remind.mutate(filters)} disabled={remind.isPending || data.total === 0} data-testid="not-taken-remind">
                {t('notTaken.remind')}
              </button>
            )}
          </div>
          {remind.data && (
            <div className="alert alert-success" role="status" data-testid="not-taken-reminded">
              {t('notTaken.reminded', { n: remind.data.reminded, already: remind.data.alreadyToday, none: remind.data.withoutAccount })}
            </div>
          )}
          {data.items.length > 0 && (
            <div className="table-wrap">
              <table className="table responsive" data-testid="not-taken-table">
                <thead>
                  <tr>
                    <th>{t('results.person')}</th>
                    <th>{t('people.position')}</th>
                    <th>{t('results.unit')}</th>
                    <th>{t('people.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((p) => (
                    <tr key={p.personId} data-testid="not-taken-row">
                      <PersonCell name={p.fullName} detail={`${p.staffCode}${p.hasAccount ? '' : ` · ${t('notTaken.noAccount')}`}`} />
                      <td data-label={t('people.position')}>{p.position ?? '—'}</td>
                      <td data-label={t('results.unit')}>{p.unitName}</td>
                      <td data-label={t('people.status')}>
                        {label(NOT_TAKEN_STATUS_LABELS[p.status])}
                        {p.startedAt && <div className="muted small">{formatDateTime(p.startedAt)}</div>}
                      </td>
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
