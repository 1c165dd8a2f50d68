import { useState, type FormEvent } from 'react';
import type { BulkAccountRowDto } from '@cchc/shared';
import { ErrorMessage } from '../../components/error-message';
import { useT } from '../../i18n/i18n';
import { useCurrentUser } from '../../auth/use-me';
import { UnitSelect } from '../../units/components/unit-select';
import { HandoutDownloads } from '../components/handout-downloads';
import { useCreateAccounts, usePlanAccounts } from '../use-accounts';

function RowsTable({ rows, testId, showProblem }: { rows: BulkAccountRowDto[]; testId: string; showProblem: boolean }) {
  const { t } = useT();
  return (
    <div className="table-wrap">
      <table className="table responsive" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t('people.fullName')}</th>
            <th scope="col">{t('people.staffCode')}</th>
            <th scope="col">{t('people.unit')}</th>
            <th scope="col">{showProblem ? t('accounts.problem') : t('accounts.username')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.personId}>
              <td data-label={t('people.fullName')} className="cell-title">{row.fullName}</td>
              <td data-label={t('people.staffCode')} className="code">{row.staffCode ?? '—'}</td>
              <td data-label={t('people.unit')}>{row.unitName}</td>
              <td data-label={showProblem ? t('accounts.problem') : t('accounts.username')}>{showProblem ? row.message : <span className="code">{row.username}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Accounts for every person of a unit and its sub-units, in one action, with a printable one-time handout. */
export function AccountsPage() {
  const { t } = useT();
  const me = useCurrentUser();
  const plan = usePlanAccounts();
  const create = useCreateAccounts();
  const [unitId, setUnitId] = useState(me.unitId ?? '');

  const onPreview = (event: FormEvent) => {
    event.preventDefault();
    create.reset();
    if (unitId) plan.mutate(unitId);
  };
  const result = create.data;
  const preview = plan.data;

  return (
    <section className="page" data-testid="accounts-page">
      <h1>{t('accounts.title')}</h1>
      <p className="muted">{t('accounts.intro')}</p>
      <form className="card form" onSubmit={onPreview}>
        <div className="field">
          <label htmlFor="accounts-unit">{t('people.unit')}</label>
          <UnitSelect id="accounts-unit" value={unitId} onChange={(id) => { setUnitId(id); plan.reset(); create.reset(); }} emptyLabel="" required testId="accounts-unit" />
        </div>
        <button type="submit" className="button" disabled={!unitId || plan.isPending} data-testid="accounts-preview">
          {plan.isPending ? t('common.loading') : t('accounts.preview')}
        </button>
      </form>
      <ErrorMessage error={plan.error} />

      {preview && !result && (
        <div className="card" data-testid="accounts-plan">
          <h2>{preview.unitName}</h2>
          <p data-testid="accounts-plan-summary">
            {t('accounts.planSummary', { toCreate: preview.toCreate, have: preview.alreadyHaveAccount, problems: preview.problems.length })}
          </p>
          {preview.problems.length > 0 && (
            <>
              <div className="alert alert-error" role="alert">{t('accounts.fixProblems')}</div>
              <RowsTable rows={preview.problems} testId="accounts-problems" showProblem />
            </>
          )}
          {preview.sample.length > 0 && (
            <>
              <h3>{t('accounts.sample', { shown: preview.sample.length, total: preview.toCreate })}</h3>
              <RowsTable rows={preview.sample} testId="accounts-sample" showProblem={false} />
            </>
          )}
          <ErrorMessage error={create.error} />
          <button
            type="button"
            className="button button-primary"
            disabled={preview.toCreate === 0 || preview.problems.length > 0 || create.isPending}
            onClick={() => create.mutate(preview.unitId)}
            data-testid="accounts-create"
          >
            {create.isPending ? t('common.saving') : t('accounts.create', { n: preview.toCreate })}
          </button>
        </div>
      )}

      {result && (
        <div className="card" data-testid="accounts-result">
          <h2>{t('accounts.created', { n: result.created })}</h2>
          <p>{t('accounts.createdHelp')}</p>
          <HandoutDownloads handout={result} />
        </div>
      )}
    </section>
  );
}
