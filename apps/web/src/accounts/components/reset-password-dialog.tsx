import type { PersonDetailDto } from '@cchc/shared';
import { Dialog, DialogActions } from '../../components/dialog';
import { ErrorMessage } from '../../components/error-message';
import { useT } from '../../i18n/i18n';
import { useResetAccountPassword } from '../use-accounts';
import { HandoutDownloads } from './handout-downloads';

/** Confirms, issues a new one-time password, then offers its one-person handout. */
export function ResetPasswordDialog({ person, onClose }: { person: PersonDetailDto; onClose(): void }) {
  const { t } = useT();
  const reset = useResetAccountPassword();
  return (
    <Dialog title={t('accounts.reset')} onClose={onClose} testId="reset-password-dialog">
      {reset.data ? (
        <>
          <p role="status">{t('accounts.resetDone', { name: person.fullName })}</p>
          <HandoutDownloads handout={reset.data} />
        </>
      ) : (
        <>
          <p>{t('accounts.resetConfirm', { name: person.fullName })}</p>
          <ErrorMessage error={reset.error} />
          <DialogActions>
            <button type="button" className="button" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button type="button" className="button button-primary" disabled={reset.isPending} onClick={() => reset.mutate(person.id)} data-testid="reset-password-confirm">
              {t('accounts.reset')}
            </button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}
