import { useState, type FormEvent } from 'react';
import { PERSON_STATUSES, PERSON_STATUS_LABELS, type PersonDetailDto, type PersonStatus } from '@cchc/shared';
import { ErrorMessage, SuccessMessage } from '../../components/error-message';
import { optionalText, requiredText, todayIso } from '../../components/form';
import { useT } from '../../i18n/i18n';
import { UnitSelect } from '../../units/components/unit-select';
import { useChangePersonStatus, useTransferPerson } from '../use-person-mutations';

export function TransferForm({ person }: { person: PersonDetailDto }) {
  const { t } = useT();
  const transfer = useTransferPerson();
  const [done, setDone] = useState(false);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setDone(false);
    transfer.mutate(
      {
        id: person.id,
        input: {
          unitId: requiredText(form, 'unitId'),
          effectiveDate: optionalText(form, 'effectiveDate'),
          note: optionalText(form, 'note'),
        },
      },
      {
        onSuccess: () => {
          setDone(true);
          formElement.reset();
        },
      },
    );
  };
  return (
    <form className="card form" onSubmit={onSubmit} data-testid="person-transfer-form">
      <h2>{t('person.transfer')}</h2>
      <ErrorMessage error={transfer.error} />
      <SuccessMessage>{done && t('person.transferred')}</SuccessMessage>
      <div className="field">
        <label htmlFor="transfer-unit">{t('person.newUnit')}</label>
        <UnitSelect id="transfer-unit" name="unitId" emptyLabel="" required exclude={(id) => id === person.unitId} />
      </div>
      <div className="field">
        <label htmlFor="transfer-date">{t('person.effectiveDate')}</label>
        <input id="transfer-date" name="effectiveDate" type="date" defaultValue={todayIso()} />
      </div>
      <div className="field">
        <label htmlFor="transfer-note">
          {t('person.note')} <span className="muted">{t('common.optional')}</span>
        </label>
        <textarea id="transfer-note" name="note" rows={2} />
      </div>
      <button type="submit" className="button button-primary" disabled={transfer.isPending}>
        {transfer.isPending ? t('common.saving') : t('person.transfer')}
      </button>
    </form>
  );
}

export function StatusForm({ person }: { person: PersonDetailDto }) {
  const { t, label } = useT();
  const change = useChangePersonStatus();
  const [done, setDone] = useState(false);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setDone(false);
    change.mutate(
      {
        id: person.id,
        input: {
          status: form.get('status') as PersonStatus,
          effectiveDate: optionalText(form, 'effectiveDate'),
          note: optionalText(form, 'note'),
        },
      },
      {
        onSuccess: () => {
          setDone(true);
          formElement.reset();
        },
      },
    );
  };
  return (
    <form className="card form" onSubmit={onSubmit} data-testid="person-status-form">
      <h2>{t('person.changeStatus')}</h2>
      <ErrorMessage error={change.error} />
      <SuccessMessage>{done && t('person.statusChanged')}</SuccessMessage>
      <div className="field">
        <label htmlFor="status-value">{t('person.newStatus')}</label>
        <select id="status-value" name="status" required defaultValue="">
          <option value="" disabled>
            —
          </option>
          {PERSON_STATUSES.filter((status) => status !== person.status).map((status) => (
            <option key={status} value={status}>
              {label(PERSON_STATUS_LABELS[status])}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="status-date">{t('person.effectiveDate')}</label>
        <input id="status-date" name="effectiveDate" type="date" defaultValue={todayIso()} />
      </div>
      <div className="field">
        <label htmlFor="status-note">
          {t('person.note')} <span className="muted">{t('common.optional')}</span>
        </label>
        <textarea id="status-note" name="note" rows={2} />
      </div>
      <button type="submit" className="button button-primary" disabled={change.isPending}>
        {change.isPending ? t('common.saving') : t('person.changeStatus')}
      </button>
    </form>
  );
}
