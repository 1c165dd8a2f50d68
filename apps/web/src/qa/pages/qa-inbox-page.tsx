import { useState } from 'react';
import { Link } from 'react-router-dom';
import { QA_STATUS_LABELS, QaStatus } from '@cchc/shared';
import { ErrorMessage, Loading } from '../../components/error-message';
import { Pager } from '../../components/pager';
import { useDebouncedValue } from '../../components/use-debounced-value';
import { useT } from '../../i18n/i18n';
import { TopicSelect } from '../../topics/components/topic-select';
import type { InboxFilters } from '../api';
import { useInbox } from '../use-qa';

/** For authors and coordinators: questions waiting for an answer first, the longest-waiting on top. */
export function QaInboxPage() {
  const { t, label, formatDateTime } = useT();
  const [filters, setFilters] = useState<Omit<InboxFilters, 'q'>>({ status: QaStatus.Open, page: 1, pageSize: 20 });
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 350);
  const inbox = useInbox({ ...filters, q: q || undefined });
  const data = inbox.data;
  const setFilter = (patch: Partial<InboxFilters>) => setFilters((f) => ({ ...f, ...patch, page: 1 }));
  return (
    <section className="page" data-testid="qa-inbox-page">
      <div className="page-header">
        <h1>{t('qa.inboxTitle')}</h1>
        <Link to="/qa" className="button button-ghost">
          {t('qa.title')}
        </Link>
      </div>
      <div className="card filter-grid">
        <div className="field">
          <label htmlFor="inbox-status">{t('qa.status')}</label>
          <select id="inbox-status" value={filters.status ?? ''} onChange={(e) => setFilter({ status: (e.target.value || undefined) as QaStatus | undefined })} data-testid="inbox-status">
            <option value="">{t('common.all')}</option>
            {Object.values(QaStatus).map((s) => (
              <option key={s} value={s}>
                {label(QA_STATUS_LABELS[s])}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="inbox-topic">{t('qa.topic')}</label>
          <TopicSelect id="inbox-topic" name="topicId" value={filters.topicId ?? ''} onChange={(v) => setFilter({ topicId: v || undefined })} emptyLabel={t('common.all')} />
        </div>
        <div className="field">
          <label htmlFor="inbox-q">{t('common.search')}</label>
          <input id="inbox-q" type="search" value={text} onChange={(e) => { setText(e.target.value); setFilter({}); }} />
        </div>
      </div>
      {inbox.isPending && <Loading />}
      <ErrorMessage error={inbox.error} onRetry={() => void inbox.refetch()} />
      {data && data.items.length === 0 && <p className="empty">{t('qa.inboxEmpty')}</p>}
      <ul className="doc-list" data-testid="inbox-list">
        {data?.items.map((q) => (
          <li key={q.id} className="card doc-card" data-testid="inbox-item">
            <Link to={`/qa/questions/${q.id}`} className="doc-title">
              {q.title}
            </Link>
            <p className="doc-meta">
              {[q.askerName, q.askerUnitName, formatDateTime(q.askedAt), q.topic?.name].filter(Boolean).join(' · ')}
              <span className="doc-badges">
                <span className={`badge ${q.status === QaStatus.Answered ? 'badge-ok' : 'badge-muted'}`}>{label(QA_STATUS_LABELS[q.status])}</span>
                {q.published && <span className="badge badge-accent">{t('qa.publishedBadge')}</span>}
              </span>
            </p>
          </li>
        ))}
      </ul>
      {data && data.total > data.pageSize && <Pager page={filters.page} pageSize={data.pageSize} total={data.total} onPage={(page) => setFilters((f) => ({ ...f, page }))} />}
    </section>
  );
}
