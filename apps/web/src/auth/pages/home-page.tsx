import { Link } from 'react-router-dom';
import { PERSON_CATEGORY_LABELS, PERSON_STATUS_LABELS, Permission, ROLE_LABELS, roleHasPermission } from '@cchc/shared';
import { ApiError } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/error-message';
import { useT } from '../../i18n/i18n';
import { usePerson } from '../../people/use-person';
import { navItemsFor } from '../../shell/navigation';
import { useCurrentUser } from '../use-me';

/** "Trang của tôi": who I am, where I work; later my courses and tests. */
export function HomePage() {
  const { t, label, formatDate } = useT();
  const me = useCurrentUser();
  // Everyone may read their own record (GET /api/people/:ownId); the full person page is for people managers.
  const canReadPerson = roleHasPermission(me.role, Permission.PeopleRead);
  const person = usePerson(me.personId);
  const shortcuts = navItemsFor(me.role).filter((item) => item.to !== '/');

  return (
    <section className="page" data-testid="home-page">
      <h1>{t('home.greeting', { name: me.displayName })}</h1>
      <div className="card-grid">
        <article className="card">
          <h2>{t('home.profile')}</h2>
          <dl className="details">
            <dt>{t('home.username')}</dt>
            <dd>{me.username}</dd>
            <dt>{t('home.role')}</dt>
            <dd>{label(ROLE_LABELS[me.role])}</dd>
            <dt>{t('home.unit')}</dt>
            <dd data-testid="home-unit">{me.unitName ?? t('home.noUnit')}</dd>
            {person.data && (
              <>
                <dt>{t('people.staffCode')}</dt>
                <dd>{person.data.staffCode}</dd>
                <dt>{t('people.category')}</dt>
                <dd>{label(PERSON_CATEGORY_LABELS[person.data.category])}</dd>
                <dt>{t('people.position')}</dt>
                <dd>{person.data.position ?? '—'}</dd>
                <dt>{t('people.status')}</dt>
                <dd>{label(PERSON_STATUS_LABELS[person.data.status])}</dd>
                <dt>{t('people.dateOfBirth')}</dt>
                <dd>{formatDate(person.data.dateOfBirth)}</dd>
              </>
            )}
          </dl>
          {person.isLoading && <Loading />}
          {/* A profile outside the officer's own scope is simply not shown. */}
          {person.isError && !(person.error instanceof ApiError && [403, 404].includes(person.error.status)) && (
            <ErrorMessage error={person.error} />
          )}
          {!me.personId && <p className="muted">{t('home.noPerson')}</p>}
          {person.data && canReadPerson && (
            <p>
              <Link to={`/people/${person.data.id}`}>{t('person.details')} ›</Link>
            </p>
          )}
        </article>
        <article className="card">
          <h2>{t('home.learning')}</h2>
          <ul className="link-list">
            <li>
              <Link to="/learning/my" data-testid="home-my-learning">{t('nav.myLearning')} ›</Link>
            </li>
            <li>
              <Link to="/learning">{t('learning.catalogueTitle')} ›</Link>
            </li>
          </ul>
        </article>
        {shortcuts.length > 1 && (
          <article className="card">
            <h2>{t('home.shortcuts')}</h2>
            <ul className="link-list">
              {shortcuts.map((item) => (
                <li key={item.to}>
                  <Link to={item.to}>{t(item.labelKey)} ›</Link>
                </li>
              ))}
            </ul>
          </article>
        )}
      </div>
    </section>
  );
}
