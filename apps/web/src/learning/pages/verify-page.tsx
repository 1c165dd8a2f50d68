import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Loading } from '../../components/error-message';
import { useT } from '../../i18n/i18n';
import { useVerifyCertificate } from '../use-learning';
import '../learning.css';

function Result({ code }: { code: string }) {
  const { t, formatDate } = useT();
  const result = useVerifyCertificate(code);
  if (result.isPending) return <Loading />;
  if (result.isError || !result.data)
    return (
      <p className="alert alert-error" role="alert" data-testid="verify-invalid">
        {t('verify.invalid')}
      </p>
    );
  const c = result.data;
  return (
    <div className="card" data-testid="verify-result">
      <p className="alert alert-success">✓ {t('verify.valid')}</p>
      <dl className="details">
        <dt>{t('verify.code')}</dt>
        <dd className="code">{c.code}</dd>
        <dt>{t('verify.person')}</dt>
        <dd data-testid="verify-person">{c.personName}</dd>
        {c.unitName && (
          <>
            <dt>{t('verify.unit')}</dt>
            <dd>{c.unitName}</dd>
          </>
        )}
        <dt>{t('verify.course')}</dt>
        <dd>{c.courseTitle}</dd>
        <dt>{t('verify.hours')}</dt>
        <dd>{t('learning.hours', { hours: c.estimatedHours })}</dd>
        <dt>{t('verify.completedAt')}</dt>
        <dd>{formatDate(c.completedAt)}</dd>
      </dl>
    </div>
  );
}

/** Public: anyone holding a printed certificate can check it here, without an account. */
export function VerifyPage() {
  const { code = '' } = useParams();
  const { t } = useT();
  const navigate = useNavigate();
  const [input, setInput] = useState(code);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (input.trim()) navigate(`/verify/${encodeURIComponent(input.trim())}`);
  };
  return (
    <main className="page verify-card" data-testid="verify-page">
      <p className="verify-brand">{t('app.name')}</p>
      <h1>{t('verify.title')}</h1>
      <form className="card form" onSubmit={submit}>
        <p className="muted">{t('verify.intro')}</p>
        <div className="field">
          <label htmlFor="verify-code">{t('verify.code')}</label>
          <input id="verify-code" value={input} onChange={(e) => setInput(e.target.value)} autoCapitalize="characters" spellCheck={false} placeholder="XXXX-XXXX-XXXX" />
        </div>
        <button type="submit" className="button button-primary">
          {t('verify.submit')}
        </button>
      </form>
      {code && <Result code={code} />}
    </main>
  );
}
