import { useT } from '../i18n/i18n';

interface PagerProps {
  page: number;
  pageSize: number;
  total: number;
  onPage(page: number): void;
}

export function Pager({ page, pageSize, total, onPage }: PagerProps) {
  const { t, formatNumber } = useT();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="pager" aria-label={t('common.pageInfo', { page, pages, total })}>
      <button
        type="button"
        className="button"
        onClick={() => onPage(page - 1)}
        disabled={page <= 1}
        data-testid="pager-prev"
      >
        ‹ {t('common.prevPage')}
      </button>
      <span className="pager-info" aria-live="polite">
        {t('common.pageInfo', { page, pages, total: formatNumber(total) })}
      </span>
      <button
        type="button"
        className="button"
        onClick={() => onPage(page + 1)}
        disabled={page >= pages}
        data-testid="pager-next"
      >
        {t('common.nextPage')} ›
      </button>
    </nav>
  );
}
