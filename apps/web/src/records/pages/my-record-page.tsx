import { useT } from '../../i18n/i18n';
import { useCurrentUser } from '../../auth/use-me';
import { PersonRecord } from '../components/person-record';
import { PackageResults } from '../../package-player/package-results';

/** "Hồ sơ bồi dưỡng của tôi": the caller's own record, whatever their role. */
export function MyRecordPage() {
  const { t } = useT();
  const me = useCurrentUser();
  return (
    <section className="page" data-testid="my-record-page">
      <h1>{t('record.myTitle')}</h1>
      {me.personId ? (
        <>
          <PersonRecord personId={me.personId} title={t('record.title')} />
          <PackageResults personId={me.personId} />
        </>
      ) : (
        <p className="empty">{t('home.noPerson')}</p>
      )}
    </section>
  );
}
