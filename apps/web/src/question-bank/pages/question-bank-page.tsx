import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Difficulty, DIFFICULTY_LABELS, QUESTION_STATUS_LABELS, QUESTION_TYPE_LABELS, QuestionStatus, QuestionType } from '@cchc/shared';
import { ErrorMessage, Loading } from '../../components/error-message';
import { Pager } from '../../components/pager';
import { useDebouncedValue } from '../../components/use-debounced-value';
import { useT } from '../../i18n/i18n';
import { DifficultyBadge, StatusBadge } from '../components/labels';
import { TopicSelect } from '../../topics/components/topic-select';
import { useQuestionFilters } from '../use-question-filters';
import { useBulkQuestions, useExportQuestions, useQuestions, useQuestionTags } from '../use-questions';
import { useConfirm, usePrompt } from '../../components/confirm-dialog';

export function QuestionBankPage() {
  const { t, label, formatDate } = useT();
  const { filters, update, clear } = useQuestionFilters();
  const questions = useQuestions(filters);
  const tags = useQuestionTags();
  const exporter = useExportQuestions();
  const bulk = useBulkQuestions();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [askToConfirm, confirmDialog] = useConfirm();
  const [ask, promptDialog] = usePrompt();
  const [notice, setNotice] = useState<string | null>(null);
  const [filtersOpen, setFiltersOpen] = useState(() => Boolean(filters.topicId || filters.difficulty || filters.type || filters.status || filters.tag));

  const [search, setSearch] = useState(filters.q ?? '');
  const debouncedSearch = useDebouncedValue(search.trim(), 400);
  useEffect(() => {
    if (debouncedSearch !== (filters.q ?? '')) update({ q: debouncedSearch });
  }, [debouncedSearch]);

  const data = questions.data;
  const pageIds = data?.items.map((q) => q.id) ?? [];
  const allSelected = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const toggleAll = () => setSelected(allSelected ? new Set() : new Set(pageIds));

  const runBulk = async (kind: 'tag' | 'untag' | 'retire') => {
    const ids = [...selected];
    setNotice(null);
    if (kind === 'retire') {
      if (!(await askToConfirm({ title: t('qb.bulkRetireConfirm', { count: ids.length }), danger: true }))) return;
      bulk.mutate({ kind, ids }, { onSuccess: (r) => (setNotice(t('qb.bulkDone', { count: r.updated })), setSelected(new Set())) });
      return;
    }
    const question = t(kind === 'tag' ? 'qb.bulkTagPrompt' : 'qb.bulkUntagPrompt', { count: ids.length });
    const tag = await ask({ title: question, label: question });
    if (!tag) return;
    bulk.mutate({ kind, ids, tag }, { onSuccess: (r) => setNotice(t('qb.bulkDone', { count: r.updated })) });
  };

  return (
    <section className="page" data-testid="question-bank-page">
      {confirmDialog}
      {promptDialog}
      <div className="page-header">
        <h1>{t('qb.title')}</h1>
        <div className="button-row">
          <button type="button" className="button" onClick={() => exporter.mutate({ format: 'xlsx', filters })} disabled={exporter.isPending} data-testid="qb-export-xlsx">
            {exporter.isPending ? t('qb.exporting') : t('qb.exportXlsx')}
          </button>
          <button type="button" className="button" onClick={() => exporter.mutate({ format: 'gift', filters })} disabled={exporter.isPending} data-testid="qb-export-gift">
            {t('qb.exportGift')}
          </button>
          <Link to="/questions/import" className="button" data-testid="qb-import">
            {t('qb.import')}
          </Link>
          <Link to="/questions/new" className="button button-primary" data-testid="qb-new">
            + {t('qb.new')}
          </Link>
        </div>
      </div>
      <p className="muted">{t('qb.intro')}</p>
      <ErrorMessage error={exporter.error} />

      <div className="field">
        <label htmlFor="qb-search">{t('qb.search')}</label>
        <input id="qb-search" type="search" value={search} placeholder={t('qb.searchPlaceholder')} onChange={(e) => setSearch(e.target.value)} autoComplete="off" data-testid="qb-search" />
      </div>

      <details className="filters" open={filtersOpen} onToggle={(e) => setFiltersOpen(e.currentTarget.open)}>
        <summary>{t('common.filters')}</summary>
        <div className="filter-grid">
          <div className="field">
            <label htmlFor="qb-topic">{t('qb.topic')}</label>
            <TopicSelect id="qb-topic" value={filters.topicId ?? ''} onChange={(topicId) => update({ topicId })} emptyLabel={t('qb.allTopics')} testId="qb-filter-topic" />
            <label className="checkbox">
              <input
                type="checkbox"
                checked={filters.includeSubtopics ?? true}
                disabled={!filters.topicId}
                onChange={(e) => update({ includeSubtopics: e.target.checked ? undefined : false })}
              />
              {t('qb.includeSubtopics')}
            </label>
          </div>
          <div className="field">
            <label htmlFor="qb-difficulty">{t('qb.difficulty')}</label>
            <select id="qb-difficulty" value={filters.difficulty ?? ''} onChange={(e) => update({ difficulty: e.target.value })} data-testid="qb-filter-difficulty">
              <option value="">{t('common.all')}</option>
              {Object.values(Difficulty).map((d) => (
                <option key={d} value={d}>
                  {label(DIFFICULTY_LABELS[d])}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="qb-type">{t('qb.type')}</label>
            <select id="qb-type" value={filters.type ?? ''} onChange={(e) => update({ type: e.target.value })} data-testid="qb-filter-type">
              <option value="">{t('common.all')}</option>
              {Object.values(QuestionType).map((x) => (
                <option key={x} value={x}>
                  {label(QUESTION_TYPE_LABELS[x])}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="qb-status">{t('qb.status')}</label>
            <select id="qb-status" value={filters.status ?? ''} onChange={(e) => update({ status: e.target.value })} data-testid="qb-filter-status">
              <option value="">{t('common.all')}</option>
              {Object.values(QuestionStatus).map((x) => (
                <option key={x} value={x}>
                  {label(QUESTION_STATUS_LABELS[x])}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="qb-tag">{t('qb.tag')}</label>
            <select id="qb-tag" value={filters.tag ?? ''} onChange={(e) => update({ tag: e.target.value })} data-testid="qb-filter-tag">
              <option value="">{t('common.all')}</option>
              {(tags.data ?? []).map((tag) => (
                <option key={tag} value={tag}>
                  {tag}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button
          type="button"
          className="button button-small button-ghost"
          onClick={() => {
            setSearch('');
            clear();
          }}
        >
          {t('common.clearFilters')}
        </button>
      </details>

      {selected.size > 0 && (
        <div className="toolbar card" data-testid="qb-bulk">
          <strong>{t('qb.selected', { count: selected.size })}</strong>
          <div className="button-row">
            <button type="button" className="button button-small" onClick={() => runBulk('tag')} disabled={bulk.isPending} data-testid="qb-bulk-tag">
              {t('qb.bulkTag')}
            </button>
            <button type="button" className="button button-small" onClick={() => runBulk('untag')} disabled={bulk.isPending}>
              {t('qb.bulkUntag')}
            </button>
            <button type="button" className="button button-small button-danger" onClick={() => runBulk('retire')} disabled={bulk.isPending} data-testid="qb-bulk-retire">
              {t('qb.bulkRetire')}
            </button>
          </div>
        </div>
      )}
      {notice && (
        <div className="alert alert-success" role="status" data-testid="qb-notice">
          {notice}
        </div>
      )}
      <ErrorMessage error={bulk.error} />

      {questions.isPending && <Loading />}
      <ErrorMessage error={questions.error} onRetry={() => void questions.refetch()} />
      {data && data.items.length === 0 && <p className="empty">{t('qb.empty')}</p>}
      {data && data.items.length > 0 && (
        <div className={`table-wrap${questions.isPlaceholderData ? ' is-stale' : ''}`} aria-busy={questions.isFetching}>
          <p className="muted small">{t('common.pageInfo', { page: data.page, pages: Math.max(1, Math.ceil(data.total / data.pageSize)), total: data.total })}</p>
          <table className="table responsive" data-testid="qb-table">
            <thead>
              <tr>
                <th scope="col">
                  <input type="checkbox" checked={allSelected} onChange={toggleAll} aria-label={t('qb.selectAll')} data-testid="qb-select-all" />
                </th>
                <th scope="col">{t('qb.code')}</th>
                <th scope="col">{t('qb.stem')}</th>
                <th scope="col">{t('qb.topic')}</th>
                <th scope="col">{t('qb.type')}</th>
                <th scope="col">{t('qb.difficulty')}</th>
                <th scope="col">{t('qb.status')}</th>
                <th scope="col">{t('qb.version')}</th>
                <th scope="col">{t('qb.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((q) => (
                <tr key={q.id} data-testid="qb-row">
                  <td data-label="">
                    <input type="checkbox" checked={selected.has(q.id)} onChange={() => toggle(q.id)} aria-label={t('qb.select', { code: q.code })} />
                  </td>
                  <td data-label={t('qb.code')} className="code nowrap">
                    {q.code}
                  </td>
                  <td data-label={t('qb.stem')} className="cell-title">
                    <Link to={`/questions/${q.id}`}>{q.stem}</Link>
                    {q.tags.length > 0 && (
                      <div>
                        {q.tags.map((tag) => (
                          <span key={tag} className="badge badge-muted">
                            {tag}
                          </span>
                        ))}
                      </div>
                    )}
                  </td>
                  <td data-label={t('qb.topic')}>{q.topicName}</td>
                  <td data-label={t('qb.type')}>{label(QUESTION_TYPE_LABELS[q.type])}</td>
                  <td data-label={t('qb.difficulty')}>
                    <DifficultyBadge difficulty={q.difficulty} />
                  </td>
                  <td data-label={t('qb.status')}>
                    <StatusBadge status={q.status} />
                  </td>
                  <td data-label={t('qb.version')}>{q.currentVersion}</td>
                  <td data-label={t('qb.updated')} className="nowrap">
                    {formatDate(q.updatedAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && data.total > data.pageSize && <Pager page={filters.page} pageSize={data.pageSize} total={data.total} onPage={(page) => update({ page })} />}
    </section>
  );
}
