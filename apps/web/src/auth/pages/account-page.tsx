import { useState, type FormEvent } from 'react';
import { ROLE_LABELS } from '@cchc/shared';
import { ErrorMessage, SuccessMessage } from '../../components/error-message';
import { useT } from '../../i18n/i18n';
import { useChangePassword } from '../use-change-password';
import { useCurrentUser } from '../use-me';

export function AccountPage() {
  const { t, label } = useT();
  const me = useCurrentUser();
  const change = useChangePassword();
  const [mismatch, setMismatch] = useState(false);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const currentPassword = String(form.get('currentPassword') ?? '');
    const newPassword = String(form.get('newPassword') ?? '');
    if (newPassword !== String(form.get('confirmPassword') ?? '')) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    change.mutate({ currentPassword, newPassword }, { onSuccess: () => formElement.reset() });
  };

  return (
    <section className="page narrow">
      <h1>{t('account.title')}</h1>
      <dl className="details card">
        <dt>{t('home.username')}</dt>
        <dd>{me.username}</dd>
        <dt>{t('home.role')}</dt>
        <dd>{label(ROLE_LABELS[me.role])}</dd>
        <dt>{t('home.unit')}</dt>
        <dd>{me.unitName ?? t('home.noUnit')}</dd>
      </dl>
      <h2>{t('account.changePassword')}</h2>
      {me.mustChangePassword && !change.isSuccess && <div className="alert alert-warning" role="status">{t('account.mustChangeFirst')}</div>}
      <form className="card form" onSubmit={onSubmit} data-testid="change-password-form">
        {mismatch && (
          <div className="alert alert-error" role="alert">
            {t('account.mismatch')}
          </div>
        )}
        {change.isError && <ErrorMessage error={change.error} />}
        <SuccessMessage>{change.isSuccess && t('account.changed')}</SuccessMessage>
        <div className="field">
          <label htmlFor="currentPassword">{t('account.currentPassword')}</label>
          <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required />
        </div>
        <div className="field">
          <label htmlFor="newPassword">{t('account.newPassword')}</label>
          <input id="newPassword" name="newPassword" type="password" autoComplete="new-password" required />
        </div>
        <div className="field">
          <label htmlFor="confirmPassword">{t('account.confirmPassword')}</label>
          <input id="confirmPassword" name="confirmPassword" type="password" autoComplete="new-password" required />
        </div>
        <button type="submit" className="button button-primary" disabled={change.isPending} data-testid="change-password-submit">
          {change.isPending ? t('common.saving') : t('account.submit')}
        </button>
      </form>
    </section>
  );
}
