import type { FormEvent } from 'react';
import { PERSON_CATEGORIES, PERSON_CATEGORY_LABELS, type PersonCategory, type PersonDetailDto } from '@cchc/shared';
import { Dialog, DialogActions } from '../../components/dialog';
import { ErrorMessage } from '../../components/error-message';
import { checkbox, optionalText, requiredText } from '../../components/form';
import { useT } from '../../i18n/i18n';
import { UnitSelect } from '../../units/components/unit-select';
import type { PersonChanges, PersonFields } from '../api';
import { useCreatePerson, useUpdatePerson } from '../use-person-mutations';

function readFields(form: FormData): PersonFields {
  const gender = form.get('gender');
  return {
    fullName: requiredText(form, 'fullName'),
    category: form.get('category') as PersonCategory,
    position: optionalText(form, 'position'),
    email: optionalText(form, 'email'),
    phone: optionalText(form, 'phone'),
    dateOfBirth: optionalText(form, 'dateOfBirth'),
    gender: gender === 'male' || gender === 'female' ? gender : undefined,
    doesCchcWork: checkbox(form, 'doesCchcWork'),
    isLeader: checkbox(form, 'isLeader'),
  };
}

function PersonFieldsInputs({ person }: { person?: PersonDetailDto }) {
  const { t, label } = useT();
  return (
    <>
      <div className="field">
        <label htmlFor="person-fullName">{t('people.fullName')}</label>
        <input id="person-fullName" name="fullName" defaultValue={person?.fullName} required autoFocus />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="person-staffCode">{t('people.staffCode')}</label>
          <input
            id="person-staffCode"
            name="staffCode"
            defaultValue={person?.staffCode}
            required
            spellCheck={false}
            readOnly={Boolean(person)}
            aria-describedby={person ? 'person-staffCode-hint' : undefined}
          />
          {person && (
            <small id="person-staffCode-hint" className="muted">
              {t('person.staffCodeFixed')}
            </small>
          )}
        </div>
        <div className="field">
          <label htmlFor="person-category">{t('people.category')}</label>
          <select id="person-category" name="category" defaultValue={person?.category} required>
            {PERSON_CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {label(PERSON_CATEGORY_LABELS[category])}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor="person-position">
          {t('people.position')} <span className="muted">{t('common.optional')}</span>
        </label>
        <input id="person-position" name="position" defaultValue={person?.position ?? ''} />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="person-dateOfBirth">
            {t('people.dateOfBirth')} <span className="muted">{t('common.optional')}</span>
          </label>
          <input id="person-dateOfBirth" name="dateOfBirth" type="date" defaultValue={person?.dateOfBirth ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="person-gender">{t('people.gender')}</label>
          <select id="person-gender" name="gender" defaultValue={person?.gender ?? ''}>
            <option value="">{t('people.gender.unknown')}</option>
            <option value="male">{t('people.gender.male')}</option>
            <option value="female">{t('people.gender.female')}</option>
          </select>
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="person-email">
            {t('people.email')} <span className="muted">{t('common.optional')}</span>
          </label>
          <input id="person-email" name="email" type="email" defaultValue={person?.email ?? ''} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="person-phone">
            {t('people.phone')} <span className="muted">{t('common.optional')}</span>
          </label>
          <input id="person-phone" name="phone" type="tel" defaultValue={person?.phone ?? ''} autoComplete="off" />
        </div>
      </div>
      <label className="checkbox">
        <input type="checkbox" name="doesCchcWork" defaultChecked={person?.doesCchcWork ?? false} />
        {t('people.cchc')}
      </label>
      <label className="checkbox">
        <input type="checkbox" name="isLeader" defaultChecked={person?.isLeader ?? false} />
        {t('people.leader')}
      </label>
    </>
  );
}

function Actions({ pending, onClose }: { pending: boolean; onClose(): void }) {
  const { t } = useT();
  return (
    <DialogActions>
      <button type="button" className="button" onClick={onClose}>
        {t('common.cancel')}
      </button>
      <button type="submit" className="button button-primary" disabled={pending} data-testid="dialog-submit">
        {pending ? t('common.saving') : t('common.save')}
      </button>
    </DialogActions>
  );
}

export function CreatePersonDialog({
  defaultUnitId,
  onClose,
  onCreated,
}: {
  defaultUnitId?: string;
  onClose(): void;
  onCreated(person: PersonDetailDto): void;
}) {
  const { t } = useT();
  const create = useCreatePerson();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate(
      { ...readFields(form), staffCode: requiredText(form, 'staffCode'), unitId: requiredText(form, 'unitId') },
      { onSuccess: onCreated },
    );
  };
  return (
    <Dialog title={t('people.add')} onClose={onClose} testId="person-create-dialog">
      <form className="form" onSubmit={onSubmit}>
        <ErrorMessage error={create.error} />
        <div className="field">
          <label htmlFor="person-unit">{t('people.unit')}</label>
          <UnitSelect id="person-unit" name="unitId" defaultValue={defaultUnitId ?? ''} emptyLabel="" required />
        </div>
        <PersonFieldsInputs />
        <Actions pending={create.isPending} onClose={onClose} />
      </form>
    </Dialog>
  );
}

export function EditPersonDialog({ person, onClose }: { person: PersonDetailDto; onClose(): void }) {
  const { t } = useT();
  const update = useUpdatePerson();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fields = readFields(new FormData(event.currentTarget));
    // Cleared optional fields are sent as null so the server can erase them.
    const changes: PersonChanges = {
      ...fields,
      position: fields.position ?? null,
      email: fields.email ?? null,
      phone: fields.phone ?? null,
      dateOfBirth: fields.dateOfBirth ?? null,
      gender: fields.gender ?? null,
    };
    update.mutate({ id: person.id, changes }, { onSuccess: onClose });
  };
  return (
    <Dialog title={t('person.edit')} onClose={onClose} testId="person-edit-dialog">
      <form className="form" onSubmit={onSubmit}>
        <ErrorMessage error={update.error} />
        <PersonFieldsInputs person={person} />
        <Actions pending={update.isPending} onClose={onClose} />
      </form>
    </Dialog>
  );
}
