import { useEffect, useState } from 'react';
import type { AccountHandoutDto, HandoutFormat } from '@cchc/shared';
import { ErrorMessage } from '../../components/error-message';
import { useT } from '../../i18n/i18n';
import { useDownloadHandout } from '../use-accounts';

/**
 * The two downloads of a handout (PDF slips to cut, Excel list to sign), each available once: the one-time passwords
 * are not kept anywhere readable, so leaving the page before downloading asks for confirmation.
 */
export function HandoutDownloads({ handout }: { handout: AccountHandoutDto }) {
  const { t } = useT();
  const download = useDownloadHandout();
  const [taken, setTaken] = useState<Record<HandoutFormat, boolean>>({ pdf: false, xlsx: false });
  const pending = !taken.pdf || !taken.xlsx;

  useEffect(() => {
    if (!pending) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [pending]);

  const take = (format: HandoutFormat) =>
    download.mutate({ handout, format }, { onSuccess: () => setTaken((prev) => ({ ...prev, [format]: true })) });

  return (
    <div className="handout-downloads" data-testid="handout-downloads">
      <div className="alert alert-warning" role="status">
        {t('accounts.handoutOnce')}
      </div>
      <ErrorMessage error={download.error} />
      <div className="button-row">
        <button type="button" className="button button-primary" disabled={taken.pdf || download.isPending} onClick={() => take('pdf')} data-testid="handout-pdf">
          {taken.pdf ? t('accounts.taken') : t('accounts.downloadPdf')}
        </button>
        <button type="button" className="button" disabled={taken.xlsx || download.isPending} onClick={() => take('xlsx')} data-testid="handout-xlsx">
          {taken.xlsx ? t('accounts.taken') : t('accounts.downloadXlsx')}
        </button>
      </div>
    </div>
  );
}
