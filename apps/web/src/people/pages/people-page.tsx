import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import {
  PERSON_CATEGORIES,
  PERSON_CATEGORY_LABELS,
  PERSON_STATUSES,
  PERSON_STATUS_LABELS,
  Permission,
  PersonStatus,
} from '@cchc/shared';
import { useCan } from '../../auth/permissions';
import { ErrorMessage, Loading } from '../../components/error-message';
import { Pager } from '../../components/pager';
import { useDebouncedValue } from '../../components/use-debounced-value';
import { useT } from '../../i18n/i18n';
import { UnitSelect } from '../../units/components/unit-select';
import { CreatePersonDialog } from '../components/person-form';
import { useExportPeople } from '../use-export-people';
import { usePeople } from '../use-people';
import { usePeopleFilters } from '../use-people-filters';

function flagValue(value: boolean | undefined): string {
  return value === undefined ? '' : String(value);
}

export function PeoplePage() {
  const { t, label, formatNumber } = useT();
  const navigate = useNavigate();
  const canWrite = useCan(Permission.PeopleWrite);
  const { filters, update, clear } = usePeopleFilters();
  const people = usePeople(filters);
  const exporter = useExportPeople();
  const [creating, setCreating] = useState(false);
  const [filtersOpen, setFiltersOpen] = useState(
    () =>
      Boolean(filters.unitId || filters.category || filters.status) ||
      filters.doesCchcWork !== undefined ||
      filters.isLeader !== undefined,
  );

  // The box is local state; the URL (and so the query) follows it after a pause in typing.
  const [search, setSearch] = useState(filters.q ?? '');
  const debouncedSearch = useDebouncedValue(search.trim(), 400);
  useEffect(() => {
    if (debouncedSearch !== (filters.q ?? '')) update({ q: debouncedSearch });
    // Only the typed text drives this effect; filters.q changes are echoes of it (or of "clear").
  }, [debouncedSearch]);

  const onClear = () => {
    setSearch('');
    clear();
  };

  const data = people.data;

  return (
    <section className="page" data-testid="people-page">
      <div className="page-header">
        <h1>{t('people.title')}</h1>
        <div className="button-row">
          <button
            type="button"
            className="button"
            onClick={() => exporter.mutate(filters)}
            disabled={exporter.isPending}
            data-testid="people-export"
          >
            {exporter.isPending ? t('people.exporting') : t('people.export')}
          </button>
          {canWrite && (
            <button type="button" className="button button-primary" onClick={() => setCreating(true)} data-testid="person-create">
              + {t('people.add')}
            </button>
          )}
        </div>
      </div>
      <ErrorMessage error={exporter.error} />

      <div className="field">
        <label htmlFor="people-search">{t('people.search')}</label>
        <input
          id="people-search"
          type="search"
          value={search}
          placeholder={t('people.searchPlaceholder')}
          onChange={(event) => setSearch(event.target.value)}
          autoComplete="off"
          data-testid="people-search"
        />
      </div>

      <details className="filters" open={filtersOpen} onToggle={(event) => setFiltersOpen(event.currentTarget.open)}>
        <summary>{t('common.filters')}</summary>
        <div className="filter-grid">
          <div className="field">
            <label htmlFor="people-unit">{t('people.unit')}</label>
            <UnitSelect
              id="people-unit"
              value={filters.unitId ?? ''}
              onChange={(unitId) => update({ unitId })}
              emptyLabel={t('people.allUnits')}
              testId="people-filter-unit"
            />
            <label className="checkbox">
              <input
                type="checkbox"
                checked={filters.includeSubunits ?? true}
                disabled={!filters.unitId}
                onChange={(event) => update({ includeSubunits: event.target.checked ? undefined : false })}
                data-testid="people-filter-subunits"
              />
              {t('people.includeSubunits')}
            </label>
          </div>
          <div className="field">
            <label htmlFor="people-category">{t('people.category')}</label>
            <select
              id="people-category"
              value={filters.category ?? ''}
              onChange={(event) => update({ category: event.target.value })}
              data-testid="people-filter-category"
            >
              <option value="">{t('common.all')}</option>
              {PERSON_CATEGORIES.map((category) => (
                <option key={category} value={category}>
                  {label(PERSON_CATEGORY_LABELS[category])}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="people-status">{t('people.status')}</label>
            <select
              id="people-status"
              value={filters.status ?? ''}
              onChange={(event) => update({ status: event.target.value })}
              data-testid="people-filter-status"
            >
              <option value="">{t('common.all')}</option>
              {PERSON_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {label(PERSON_STATUS_LABELS[status])}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="people-cchc">{t('people.cchc')}</label>
            <select
              id="people-cchc"
              value={flagValue(filters.doesCchcWork)}
              onChange={(event) => update({ doesCchcWork: event.target.value })}
              data-testid="people-filter-cchc"
            >
              <option value="">{t('common.all')}</option>
              <option value="true">{t('common.yes')}</option>
              <option value="false">{t('common.no')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="people-leader">{t('people.leader')}</label>
            <select
              id="people-leader"
              value={flagValue(filters.isLeader)}
              onChange={(event) => update({ isLeader: event.target.value })}
              data-testid="people-filter-leader"
            >
              <option value="">{t('common.all')}</option>
              <option value="true">{t('common.yes')}</option>
              <option value="false">{t('common.no')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="people-sort">{t('people.sort')}</label>
            <select
              id="people-sort"
              value={filters.sort ?? 'fullName'}
              onChange={(event) => update({ sort: event.target.value === 'fullName' ? undefined : event.target.value })}
              data-testid="people-sort"
            >
              <option value="fullName">{t('people.sort.fullName')}</option>
              <option value="staffCode">{t('people.sort.staffCode')}</option>
              <option value="unit">{t('people.sort.unit')}</option>
            </select>
          </div>
        </div>
        <button type="button" className="button button-small button-ghost" onClick={onClear}>
          {t('common.clearFilters')}
        </button>
      </details>

      {people.isPending && <Loading />}
      <ErrorMessage error={people.error} onRetry={() => void people.refetch()} />
      {data && data.items.length > 0 && (
        <p className="muted" data-testid="people-total">
          {t('people.total', { total: formatNumber(data.total) })}
        </p>
      )}
      {data && data.items.length === 0 && <p className="empty">{t('people.empty')}</p>}
      {data && data.items.length > 0 && (
        <div className={`table-wrap${people.isPlaceholderData ? ' is-stale' : ''}`} aria-busy={people.isFetching}>
          <table className="table responsive" data-testid="people-table">
            <thead>
              <tr>
                <th scope="col">{t('people.fullName')}</th>
                <th scope="col">{t('people.staffCode')}</th>
                <th scope="col">{t('people.unit')}</th>
                <th scope="col">{t('people.category')}</th>
                <th scope="col">{t('people.position')}</th>
                <th scope="col">{t('people.flags')}</th>
                <th scope="col">{t('people.status')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((person) => (
                <tr key={person.id} data-testid="people-row">
                  <td data-label={t('people.fullName')} className="cell-title">
                    <Link to={`/people/${person.id}`}>{person.fullName}</Link>
                  </td>
                  <td data-label={t('people.staffCode')} className="code">
                    {person.staffCode}
                  </td>
                  <td data-label={t('people.unit')}>{person.unitName}</td>
                  <td data-label={t('people.category')}>{label(PERSON_CATEGORY_LABELS[person.category])}</td>
                  <td data-label={t('people.position')}>{person.position ?? '—'}</td>
                  <td data-label={t('people.flags')}>
                    {person.doesCchcWork && <span className="badge badge-accent">CCHC</span>}
                    {person.isLeader && <span className="badge">{t('people.leader')}</span>}
                    {!person.doesCchcWork && !person.isLeader && '—'}
                  </td>
                  <td data-label={t('people.status')}>
                    <span className={`badge${person.status === PersonStatus.Active ? ' badge-ok' : ' badge-muted'}`}>
                      {label(PERSON_STATUS_LABELS[person.status])}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && data.total > data.pageSize && (
        <Pager page={filters.page} pageSize={data.pageSize} total={data.total} onPage={(page) => update({ page })} />
      )}
      {creating && (
        <CreatePersonDialog
          defaultUnitId={filters.unitId}
          onClose={() => setCreating(false)}
          onCreated={(person) => navigate(`/people/${person.id}`)}
        />
      )}
    </section>
  );
}
