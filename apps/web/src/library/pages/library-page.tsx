import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { DOCUMENT_STATUS_LABELS, DOCUMENT_TYPE_LABELS, DocumentStatus, DocumentType, Permission } from '@cchc/shared';
import { useCan } from '../../auth/permissions';
import { ErrorMessage, Loading } from '../../components/error-message';
import { Pager } from '../../components/pager';
import { useSearchQuery } from '../../components/use-search-query';
import { useT } from '../../i18n/i18n';
import type { LibraryFilters } from '../api';
import { DocumentMetaLine } from '../components/document-meta';
import { TopicSelect } from '../../topics/components/topic-select';
import { useDocumentSearch } from '../use-library';

const PAGE_SIZE = 20;
const THIS_YEAR = new Date().getFullYear();
const YEARS = Array.from({ length: THIS_YEAR - 2009 }, (_, i) => THIS_YEAR - i);

/** Library search for everyone: one box that takes words with or without diacritics, numbers, or words of the text. */
export function LibraryPage() {
  const { t, label } = useT();
  const canManage = useCan(Permission.LibraryManage);
  const [text, setText] = useState('');
  const [filters, setFilters] = useState<Omit<LibraryFilters, 'q'>>({ page: 1, pageSize: PAGE_SIZE });
  const { q, unsearchable } = useSearchQuery(text, 400);
  const search = useDocumentSearch({ ...filters, q }, !unsearchable);
  // A query of only punctuation or spaces lists nothing (and says why), never the whole library.
  const data = unsearchable ? undefined : search.data;

  const setFilter = (patch: Partial<LibraryFilters>) => setFilters((f) => ({ ...f, ...patch, page: 1 }));
  const onSubmit = (event: FormEvent) => event.preventDefault();

  return (
    <section className="page" data-testid="library-page">
      <div className="page-header">
        <h1>{t('library.title')}</h1>
        {canManage && (
          <Link to="/library/manage" className="button" data-testid="library-manage-link">
            {t('library.manage')}
          </Link>
        )}
      </div>
      <p className="muted">{t('library.intro')}</p>
      <form className="card library-search" role="search" onSubmit={onSubmit}>
        <label htmlFor="library-q" className="visually-hidden">
          {t('library.searchLabel')}
        </label>
        <input
          id="library-q"
          type="search"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setFilters((f) => ({ ...f, page: 1 }));
          }}
          placeholder={t('library.searchPlaceholder')}
          autoComplete="off"
          enterKeyHint="search"
          data-testid="library-search"
        />
        <details className="library-filters">
          <summary>{t('common.filters')}</summary>
          <div className="filter-grid">
            <div className="field">
              <label htmlFor="library-topic">{t('library.field')}</label>
              <TopicSelect id="library-topic" name="topicId" value={filters.topicId ?? ''} onChange={(v) => setFilter({ topicId: v || undefined })} emptyLabel={t('common.all')} testId="library-filter-topic" />
            </div>
            <div className="field">
              <label htmlFor="library-type">{t('library.type')}</label>
              <select id="library-type" value={filters.type ?? ''} onChange={(e) => setFilter({ type: (e.target.value || undefined) as DocumentType | undefined })} data-testid="library-filter-type">
                <option value="">{t('common.all')}</option>
                {Object.values(DocumentType).map((type) => (
                  <option key={type} value={type}>
                    {label(DOCUMENT_TYPE_LABELS[type])}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="library-year">{t('library.year')}</label>
              <select id="library-year" value={filters.year ?? ''} onChange={(e) => setFilter({ year: e.target.value ? Number(e.target.value) : undefined })} data-testid="library-filter-year">
                <option value="">{t('common.all')}</option>
                {YEARS.map((year) => (
                  <option key={year} value={year}>
                    {year}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="library-status">{t('library.status')}</label>
              <select id="library-status" value={filters.status ?? ''} onChange={(e) => setFilter({ status: (e.target.value || undefined) as DocumentStatus | undefined })}>
                <option value="">{t('common.all')}</option>
                {Object.values(DocumentStatus).map((status) => (
                  <option key={status} value={status}>
                    {label(DOCUMENT_STATUS_LABELS[status])}
                  </option>
                ))}
              </select>
            </div>
          </div>
        </details>
      </form>

      {unsearchable && (
        <p className="empty" role="status" data-testid="search-unsearchable">
          {t('search.unsearchable')}
        </p>
      )}
      {search.isPending && !unsearchable && <Loading />}
      <ErrorMessage error={search.error} onRetry={() => void search.refetch()} />
      {data && (
        <p className="muted small" aria-live="polite" data-testid="library-count">
          {t('library.count', { count: data.total })}
        </p>
      )}
      {data && data.items.length === 0 && <p className="empty">{q ? t('library.noMatch') : t('library.empty')}</p>}
      {data && data.items.length > 0 && (
        <ul className={`doc-list${search.isPlaceholderData ? ' is-stale' : ''}`} data-testid="library-results">
          {data.items.map((doc) => (
            <li key={doc.id} className="card doc-card" data-testid="library-result">
              <Link to={`/library/${doc.id}`} className="doc-title">
                {doc.title}
              </Link>
              <DocumentMetaLine doc={doc} />
              {doc.snippet && (
                <p className="doc-snippet" data-testid="library-snippet">
                  <span className="muted">{t('library.inText')} </span>
                  {doc.snippet}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {data && data.total > data.pageSize && (
        <Pager page={filters.page} pageSize={data.pageSize} total={data.total} onPage={(page) => setFilters((f) => ({ ...f, page }))} />
      )}
    </section>
  );
}
