import { ApiError, CLIENT_ERROR_CODES } from '../api/client';
import { useT, type I18n } from '../i18n/i18n';

export function errorText(error: unknown, t: I18n['t']): string {
  if (error instanceof ApiError) {
    if (error.code === CLIENT_ERROR_CODES.network) return t('error.network');
    if (error.code === CLIENT_ERROR_CODES.sessionExpired) return t('error.sessionExpired');
    // The server's message is written for people (in Vietnamese): show it as it is.
    if (error.message) return error.message;
    if (error.status === 403) return t('error.forbidden');
  }
  return t('error.generic');
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useT();
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert" data-testid="error-message">
      <span>{errorText(error, t)}</span>
      {onRetry && (
        <button type="button" className="button button-small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function SuccessMessage({ children }: { children: string | null | false | undefined }) {
  if (!children) return null;
  return (
    <div className="alert alert-success" role="status">
      {children}
    </div>
  );
}

export function Loading() {
  const { t } = useT();
  return (
    <p className="loading" role="status" aria-live="polite">
      {t('common.loading')}
    </p>
  );
}
