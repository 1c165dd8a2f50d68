import { useSearchParams } from 'react-router-dom';
import { ErrorMessage, SuccessMessage } from '../../components/error-message';
import { useT } from '../../i18n/i18n';
import { useCheckIn } from '../use-training-sessions';

/** Opened from the QR code shown in the room: the signed-in learner confirms they are present. */
export function CheckInPage() {
  const { t } = useT();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const check = useCheckIn();
  return (
    <section className="page" data-testid="check-in-page">
      <h1>{t('checkIn.title')}</h1>
      <div className="card">
        <p>{t('checkIn.intro')}</p>
        {!token && <p className="alert alert-error">{t('checkIn.noToken')}</p>}
        {check.data ? (
          <SuccessMessage>{t(check.data.added ? 'checkIn.done' : 'checkIn.already', { title: check.data.sessionTitle })}</SuccessMessage>
        ) : (
          <button type="button" className="button button-primary button-block" disabled={!token || check.isPending} onClick={() => check.mutate(token)} data-testid="check-in-confirm">
            {t('checkIn.confirm')}
          </button>
        )}
        {check.isError && <ErrorMessage error={check.error} />}
      </div>
    </section>
  );
}
