import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  PERSON_CATEGORY_LABELS,
  PERSON_STATUS_LABELS,
  Permission,
  UnitChangeReason,
  type PersonDetailDto,
} from '@cchc/shared';
import { useCan } from '../../auth/permissions';
import { ErrorMessage, Loading } from '../../components/error-message';
import { useT, type MessageKey } from '../../i18n/i18n';
import { StatusForm, TransferForm } from '../components/person-actions';
import { EditPersonDialog } from '../components/person-form';
import { ResetPasswordDialog } from '../../accounts/components/reset-password-dialog';
import { usePerson } from '../use-person';
import { PersonRecord } from '../../records/components/person-record';
import { PackageResults } from '../../package-player/package-results';

const REASON_KEYS: Record<UnitChangeReason, MessageKey> = {
  [UnitChangeReason.Hire]: 'person.reason.hire',
  [UnitChangeReason.Transfer]: 'person.reason.transfer',
  [UnitChangeReason.Merge]: 'person.reason.merge',
  [UnitChangeReason.Import]: 'person.reason.import',
};

export function PersonPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useT();
  const person = usePerson(id);

  return (
    <section className="page" data-testid="person-page">
      <p>
        <Link to="/people">‹ {t('person.back')}</Link>
      </p>
      {person.isPending && <Loading />}
      <ErrorMessage error={person.error} onRetry={() => void person.refetch()} />
      {person.data && <PersonView person={person.data} />}
    </section>
  );
}

function PersonView({ person }: { person: PersonDetailDto }) {
  const { t, label, formatDate, formatDateTime } = useT();
  const canWrite = useCan(Permission.PeopleWrite);
  const [editing, setEditing] = useState(false);
  const [resetting, setResetting] = useState(false);
  const gender = person.gender === 'male' ? t('people.gender.male') : person.gender === 'female' ? t('people.gender.female') : '—';

  return (
    <>
      <div className="page-header">
        <h1 data-testid="person-name">{person.fullName}</h1>
        {canWrite && (
          <button type="button" className="button" onClick={() => setEditing(true)} data-testid="person-edit">
            {t('person.edit')}
          </button>
        )}
      </div>
      <div className="card">
        <h2>{t('person.details')}</h2>
        <dl className="details two-columns">
          <dt>{t('people.staffCode')}</dt>
          <dd className="code">{person.staffCode}</dd>
          <dt>{t('people.unit')}</dt>
          <dd data-testid="person-unit">
            {person.unitName} <span className="muted">({person.unitCode})</span>
          </dd>
          <dt>{t('people.category')}</dt>
          <dd>{label(PERSON_CATEGORY_LABELS[person.category])}</dd>
          <dt>{t('people.position')}</dt>
          <dd>{person.position ?? '—'}</dd>
          <dt>{t('people.status')}</dt>
          <dd data-testid="person-status">{label(PERSON_STATUS_LABELS[person.status])}</dd>
          <dt>{t('people.cchc')}</dt>
          <dd>{person.doesCchcWork ? t('common.yes') : t('common.no')}</dd>
          <dt>{t('people.leader')}</dt>
          <dd>{person.isLeader ? t('common.yes') : t('common.no')}</dd>
          <dt>{t('people.dateOfBirth')}</dt>
          <dd>{formatDate(person.dateOfBirth)}</dd>
          <dt>{t('people.gender')}</dt>
          <dd>{gender}</dd>
          <dt>{t('people.email')}</dt>
          <dd>{person.email ?? '—'}</dd>
          <dt>{t('people.phone')}</dt>
          <dd>{person.phone ?? '—'}</dd>
          <dt>{t('person.account')}</dt>
          <dd data-testid="person-account">
            {person.username ? <span className="code">{person.username}</span> : t('person.noAccount')}
            {person.username && canWrite && (
              <>
                {' '}
                <button type="button" className="button button-small" onClick={() => setResetting(true)} data-testid="person-reset-password">
                  {t('accounts.reset')}
                </button>
              </>
            )}
          </dd>
          <dt>{t('person.updatedAt')}</dt>
          <dd>{formatDateTime(person.updatedAt)}</dd>
        </dl>
      </div>

      <PersonRecord personId={person.id} />
      <PackageResults personId={person.id} />

      <h2>{t('person.unitHistory')}</h2>
      <div className="table-wrap">
        <table className="table responsive" data-testid="person-unit-history">
          <thead>
            <tr>
              <th scope="col">{t('people.unit')}</th>
              <th scope="col">{t('person.fromDate')}</th>
              <th scope="col">{t('person.toDate')}</th>
              <th scope="col">{t('person.reason')}</th>
              <th scope="col">{t('person.note')}</th>
            </tr>
          </thead>
          <tbody>
            {person.unitHistory.map((entry, index) => (
              <tr key={`${entry.unitId}-${entry.fromDate}-${index}`}>
                <td data-label={t('people.unit')} className="cell-title">
                  <span>
                    {entry.unitName} <span className="muted">({entry.unitCode})</span>
                  </span>
                </td>
                <td data-label={t('person.fromDate')}>{formatDate(entry.fromDate)}</td>
                <td data-label={t('person.toDate')}>{entry.toDate ? formatDate(entry.toDate) : t('common.present')}</td>
                <td data-label={t('person.reason')}>{REASON_KEYS[entry.reason] ? t(REASON_KEYS[entry.reason]) : entry.reason}</td>
                <td data-label={t('person.note')}>{entry.note ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t('person.statusHistory')}</h2>
      <div className="table-wrap">
        <table className="table responsive" data-testid="person-status-history">
          <thead>
            <tr>
              <th scope="col">{t('people.status')}</th>
              <th scope="col">{t('person.fromDate')}</th>
              <th scope="col">{t('person.toDate')}</th>
              <th scope="col">{t('person.note')}</th>
            </tr>
          </thead>
          <tbody>
            {person.statusHistory.map((entry, index) => (
              <tr key={`${entry.status}-${entry.fromDate}-${index}`}>
                <td data-label={t('people.status')} className="cell-title">
                  {label(PERSON_STATUS_LABELS[entry.status])}
                </td>
                <td data-label={t('person.fromDate')}>{formatDate(entry.fromDate)}</td>
                <td data-label={t('person.toDate')}>{entry.toDate ? formatDate(entry.toDate) : t('common.present')}</td>
                <td data-label={t('person.note')}>{entry.note ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {canWrite && (
        <div className="card-grid">
          <TransferForm person={person} />
          <StatusForm person={person} />
        </div>
      )}
      {editing && <EditPersonDialog person={person} onClose={() => setEditing(false)} />}
      {resetting && <ResetPasswordDialog person={person} onClose={() => setResetting(false)} />}
    </>
  );
}
