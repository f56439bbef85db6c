import { useTranslations } from 'next-intl';

interface Props {
  page: number;
  pageCount: number;
  onPage: (page: number) => void;
  label: string;
}

/** Previous / next with "Page x of y". */
export function Pagination({ page, pageCount, onPage, label }: Props) {
  const t = useTranslations('common');
  return (
    <nav className="pagination" aria-label={label} data-testid="pagination">
      <button
        type="button"
        className="btn btn-secondary btn-small"
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
        data-testid="page-previous"
      >
        {t('pagination.previous')}
      </button>
      <span className="pagination-label" aria-live="polite" data-testid="page-label">
        {t('pagination.page', { page, pageCount })}
      </span>
      <button
        type="button"
        className="btn btn-secondary btn-small"
        disabled={page >= pageCount}
        onClick={() => onPage(page + 1)}
        data-testid="page-next"
      >
        {t('pagination.next')}
      </button>
    </nav>
  );
}
