import { DOCUMENT_STATUS_LABELS, DOCUMENT_TYPE_LABELS, DocumentStatus, type LibrarySearchItemDto } from '@cchc/shared';
import { useT } from '../../i18n/i18n';

/** The line under a document's title: number, issuer, date, type, and a badge when it has been replaced. */
export function DocumentMetaLine({ doc }: { doc: Pick<LibrarySearchItemDto, 'number' | 'issuer' | 'issuedOn' | 'type' | 'status' | 'format'> }) {
  const { t, label, formatDate } = useT();
  const parts = [doc.number, doc.issuer, doc.issuedOn ? t('library.issuedOnShort', { date: formatDate(doc.issuedOn) }) : null].filter(Boolean);
  return (
    <p className="doc-meta">
      {parts.join(' · ')}
      <span className="doc-badges">
        <span className="badge badge-muted">{label(DOCUMENT_TYPE_LABELS[doc.type])}</span>
        <span className="badge">{doc.format.toUpperCase()}</span>
        {doc.status === DocumentStatus.Replaced && (
          <span className="badge badge-danger" data-testid="doc-replaced-badge">
            {label(DOCUMENT_STATUS_LABELS[DocumentStatus.Replaced])}
          </span>
        )}
      </span>
    </p>
  );
}
