import { ErrorMessage, Loading } from '../../components/error-message';
import { useT } from '../../i18n/i18n';
import { useMyTargets } from '../use-coverage';

/** The learner's own targets: which they already meet, and what is left for them. */
export function MyTargetsPage() {
  const { t } = useT();
  const mine = useMyTargets();
  const mineOnly = mine.data?.filter((x) => x.eligible) ?? [];
  return (
    <section className="page" data-testid="my-targets-page">
      <h1>{t('myTargets.title')}</h1>
      <p className="muted">{t('myTargets.intro')}</p>
      {mine.isLoading && <Loading />}
      {mine.isError && <ErrorMessage error={mine.error} />}
      {mine.data && !mineOnly.length && <p className="empty">{t('myTargets.none')}</p>}
      <ul className="target-cards">
        {mineOnly.map((x) => (
          <li key={x.target.id} className={`card ${x.covered ? 'is-met' : 'is-todo'}`} data-testid="my-target">
            <h2>{x.target.name}</h2>
            <p className="small muted">{x.target.legalBasisNumber} · {x.target.topicName}</p>
            {x.covered ? (
              <p><span className="badge status-met">{t('myTargets.met')}</span> {t('myTargets.metYear', { year: x.year })}</p>
            ) : (
              <p><span className="badge status-behind">{t('myTargets.todo')}</span> {x.todo}</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
