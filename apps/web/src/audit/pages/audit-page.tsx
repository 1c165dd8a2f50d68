import { useState, type FormEvent } from 'react';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_TYPE_LABELS } from '@cchc/shared';
import { ErrorMessage, Loading } from '../../components/error-message';
import { optionalText } from '../../components/form';
import { Pager } from '../../components/pager';
import { useT } from '../../i18n/i18n';
import type { AuditFilters } from '../api';
import { useAudit } from '../use-audit';

const PAGE_SIZE = 50;

export function AuditPage() {
  const { t, label, formatDateTime } = useT();
  const [filters, setFilters] = useState<AuditFilters>({ page: 1, pageSize: PAGE_SIZE });
  const audit = useAudit(filters);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setFilters({
      entityType: optionalText(form, 'entityType'),
      action: optionalText(form, 'action'),
      q: optionalText(form, 'q'),
      from: optionalText(form, 'from'),
      to: optionalText(form, 'to'),
      page: 1,
      pageSize: PAGE_SIZE,
    });
  };

  const onReset = () => setFilters({ page: 1, pageSize: PAGE_SIZE });
  const data = audit.data;

  return (
    <section className="page" data-testid="audit-page">
      <h1>{t('audit.title')}</h1>
      <form className="card filter-grid" onSubmit={onSubmit} onReset={onReset} data-testid="audit-filters">
        <div className="field">
          <label htmlFor="audit-q">{t('audit.q')}</label>
          <input id="audit-q" name="q" type="search" data-testid="audit-search" />
        </div>
        <div className="field">
          <label htmlFor="audit-entity">{t('audit.entityType')}</label>
          <select id="audit-entity" name="entityType" defaultValue="">
            <option value="">{t('audit.any')}</option>
            {Object.entries(AUDIT_ENTITY_TYPE_LABELS).map(([value, text]) => (
              <option key={value} value={value}>
                {label(text)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-action">{t('audit.action')}</label>
          <select id="audit-action" name="action" defaultValue="">
            <option value="">{t('audit.any')}</option>
            {Object.entries(AUDIT_ACTION_LABELS).map(([value, text]) => (
              <option key={value} value={value}>
                {label(text)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t('audit.from')}</label>
          <input id="audit-from" name="from" type="date" />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t('audit.to')}</label>
          <input id="audit-to" name="to" type="date" />
        </div>
        <div className="button-row align-end">
          <button type="submit" className="button button-primary" data-testid="audit-apply">
            {t('audit.apply')}
          </button>
          <button type="reset" className="button button-ghost">
            {t('common.clearFilters')}
          </button>
        </div>
      </form>

      {audit.isPending && <Loading />}
      <ErrorMessage error={audit.error} onRetry={() => void audit.refetch()} />
      {data && data.items.length === 0 && <p className="empty">{t('audit.empty')}</p>}
      {data && data.items.length > 0 && (
        <div className={`table-wrap${audit.isPlaceholderData ? ' is-stale' : ''}`} aria-busy={audit.isFetching}>
          <table className="table responsive" data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.entityType')}</th>
                <th scope="col">{t('audit.summary')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((entry) => (
                <tr key={entry.id} data-testid="audit-row">
                  <td data-label={t('audit.at')} className="nowrap">
                    {formatDateTime(entry.at)}
                  </td>
                  <td data-label={t('audit.actor')}>{entry.actorName ?? t('audit.system')}</td>
                  <td data-label={t('audit.action')}>
                    {AUDIT_ACTION_LABELS[entry.action] ? label(AUDIT_ACTION_LABELS[entry.action]) : entry.action}
                  </td>
                  <td data-label={t('audit.entityType')}>
                    {AUDIT_ENTITY_TYPE_LABELS[entry.entityType] ? label(AUDIT_ENTITY_TYPE_LABELS[entry.entityType]) : entry.entityType}
                  </td>
                  <td data-label={t('audit.summary')} className="cell-title">
                    {entry.summary}
                    {entry.details && (
                      <details className="audit-details">
                        <summary>{t('audit.details')}</summary>
                        <pre>{JSON.stringify(entry.details, null, 2)}</pre>
                      </details>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && data.total > data.pageSize && (
        <Pager
          page={filters.page}
          pageSize={data.pageSize}
          total={data.total}
          onPage={(page) => setFilters((current) => ({ ...current, page }))}
        />
      )}
    </section>
  );
}
