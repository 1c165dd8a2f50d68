import { Link } from 'react-router-dom';
import { useT } from '../i18n/i18n';

export function NotFoundPage() {
  const { t } = useT();
  return (
    <section className="page" data-testid="not-found">
      <h1>{t('error.notFoundTitle')}</h1>
      <p>{t('error.notFoundText')}</p>
      <p>
        <Link to="/" className="button">
          {t('error.backHome')}
        </Link>
      </p>
    </section>
  );
}
