import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { DOCUMENT_STATUS_LABELS, DOCUMENT_TYPE_LABELS, DocumentFormat, DocumentStatus, Permission } from '@cchc/shared';
import { useCan } from '../../auth/permissions';
import { ErrorMessage, Loading } from '../../components/error-message';
import { useT } from '../../i18n/i18n';
import { downloadDocument, openDocument } from '../api';
import { useDocument } from '../use-library';

/** "2,5 MB" in Vietnamese, "2.5 MB" in English: the number goes through the page's own formatter. */
function formatSize(bytes: number, formatNumber: (n: number) => string): string {
  if (bytes < 1024) return `${formatNumber(bytes)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(Math.round(bytes / 1024))} KB`;
  return `${formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`;
}

export function DocumentPage() {
  const { id = '' } = useParams();
  const { t, label, formatDate, formatNumber } = useT();
  const canManage = useCan(Permission.LibraryManage);
  const document = useDocument(id);
  const [fileError, setFileError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const doc = document.data;

  const run = async (action: () => Promise<void>) => {
    setFileError(null);
    setBusy(true);
    try {
      await action();
    } catch (error) {
      setFileError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page" data-testid="document-page">
      <p>
        <Link to="/library">‹ {t('library.back')}</Link>
      </p>
      {document.isPending && <Loading />}
      <ErrorMessage error={document.error} onRetry={() => void document.refetch()} />
      {doc && (
        <>
          <h1 className="doc-heading" data-testid="document-title">
            {doc.title}
          </h1>
          {doc.status === DocumentStatus.Replaced && (
            <div className="alert alert-warning" role="status" data-testid="document-replaced">
              <span>
                {t('library.replacedNotice')}{' '}
                {doc.replacedBy && (
                  <Link to={`/library/${doc.replacedBy.id}`} data-testid="document-replaced-by">
                    {[doc.replacedBy.number, doc.replacedBy.title].filter(Boolean).join(' — ')}
                  </Link>
                )}
              </span>
            </div>
          )}
          <div className="button-row doc-actions">
            {doc.format === DocumentFormat.Pdf && (
              <button type="button" className="button button-primary" disabled={busy} onClick={() => void run(() => openDocument(doc))} data-testid="document-open">
                {t('library.open')}
              </button>
            )}
            <button
              type="button"
              className={`button${doc.format === DocumentFormat.Pdf ? '' : ' button-primary'}`}
              disabled={busy}
              onClick={() => void run(() => downloadDocument(doc))}
              data-testid="document-download"
            >
              {t('library.download', { format: doc.format.toUpperCase(), size: formatSize(doc.size, formatNumber) })}
            </button>
            {canManage && (
              <Link to={`/library/manage?edit=${doc.id}`} className="button button-ghost">
                {t('library.edit')}
              </Link>
            )}
          </div>
          <ErrorMessage error={fileError} />
          <dl className="details doc-details" data-testid="document-details">
            <dt>{t('library.number')}</dt>
            <dd data-testid="document-number">{doc.number ?? '—'}</dd>
            <dt>{t('library.issuer')}</dt>
            <dd>{doc.issuer ?? '—'}</dd>
            <dt>{t('library.issuedOn')}</dt>
            <dd>{formatDate(doc.issuedOn)}</dd>
            <dt>{t('library.effectiveOn')}</dt>
            <dd>{formatDate(doc.effectiveOn)}</dd>
            <dt>{t('library.field')}</dt>
            <dd>{doc.topic?.name ?? '—'}</dd>
            <dt>{t('library.type')}</dt>
            <dd>{label(DOCUMENT_TYPE_LABELS[doc.type])}</dd>
            <dt>{t('library.status')}</dt>
            <dd>{label(DOCUMENT_STATUS_LABELS[doc.status])}</dd>
            <dt>{t('library.file')}</dt>
            <dd className="break">{doc.fileName}</dd>
          </dl>
          {doc.summary && (
            <div className="card">
              <h2>{t('library.summary')}</h2>
              <p>{doc.summary}</p>
            </div>
          )}
          {doc.replaces.length > 0 && (
            <div className="card">
              <h2>{t('library.replaces')}</h2>
              <ul className="link-list">
                {doc.replaces.map((r) => (
                  <li key={r.id}>
                    <Link to={`/library/${r.id}`}>{[r.number, r.title].filter(Boolean).join(' — ')}</Link>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}
