import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ErrorMessage } from '../../components/error-message';
import { useT } from '../../i18n/i18n';
import { LanguageSwitch } from '../../shell/language-switch';
import { useLogin } from '../use-login';
import { useIsSignedIn } from '../use-session';

export function SignInPage() {
  const { t } = useT();
  const signedIn = useIsSignedIn();
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [showPassword, setShowPassword] = useState(false);
  const [missing, setMissing] = useState(false);

  if (signedIn && !login.isPending) return <Navigate to={from} replace />;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const username = String(form.get('username') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!username || !password) {
      setMissing(true);
      return;
    }
    setMissing(false);
    login.mutate({ username, password }, { onSuccess: () => navigate(from, { replace: true }) });
  };

  return (
    <div className="sign-in">
      <div className="sign-in-card">
        <div className="sign-in-brand">
          <span className="brand-mark" aria-hidden="true">★</span>
          <div>
            <p className="sign-in-app">{t('app.name')}</p>
            <p className="sign-in-tagline">{t('app.tagline')}</p>
          </div>
        </div>
        <h1>{t('signIn.title')}</h1>
        <p className="muted">{t('signIn.intro')}</p>
        <form onSubmit={onSubmit} noValidate data-testid="sign-in-form">
          {missing && (
            <div className="alert alert-error" role="alert">
              {t('signIn.missing')}
            </div>
          )}
          {login.isError && <ErrorMessage error={login.error} />}
          <div className="field">
            <label htmlFor="username">{t('signIn.username')}</label>
            <input
              id="username"
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              autoFocus
              data-testid="login-username"
            />
          </div>
          <div className="field">
            <label htmlFor="password">{t('signIn.password')}</label>
            <input
              id="password"
              name="password"
              type={showPassword ? 'text' : 'password'}
              autoComplete="current-password"
              required
              data-testid="login-password"
            />
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={showPassword} onChange={(event) => setShowPassword(event.target.checked)} />
            {t('signIn.showPassword')}
          </label>
          <button type="submit" className="button button-primary button-block" disabled={login.isPending} data-testid="login-submit">
            {login.isPending ? t('signIn.submitting') : t('signIn.submit')}
          </button>
        </form>
        <p className="muted small">{t('signIn.help')}</p>
        <LanguageSwitch />
      </div>
    </div>
  );
}
