import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Permission, roleHasPermission } from '@cchc/shared';
import { ErrorMessage, Loading } from '../../components/error-message';
import { useCurrentUser } from '../../auth/use-me';
import { useT, type MessageKey } from '../../i18n/i18n';
import { RoundForm } from '../components/round-form';
import { usePublishRound, useRounds } from '../use-tests';

/** Coordinators author rounds (blueprint checked against the bank as it is edited); unit officers pick one to see results. */
export function RoundsPage() {
  const { t, formatDateTime } = useT();
  const me = useCurrentUser();
  const canManage = roleHasPermission(me.role, Permission.TestRoundsManage);
  const rounds = useRounds();
  const publish = usePublishRound();
  const [creating, setCreating] = useState(false);

  return (
    <section className="page" data-testid="rounds-page">
      <div className="page-header">
        <h1>{t('rounds.title')}</h1>
        {canManage && !creating && (
          <button type="button" className="button button-primary" onClick={() => setCreating(true)} data-testid="round-new">
            {t('rounds.new')}
          </button>
        )}
      </div>
      {creating && <RoundForm onDone={() => setCreating(false)} />}
      {rounds.isLoading && <Loading />}
      <ErrorMessage error={rounds.error ?? publish.error} />
      {rounds.data?.length === 0 && <p className="muted">{t('rounds.empty')}</p>}
      {!!rounds.data?.length && (
        <div className="table-wrap">
          <table className="table responsive">
            <thead>
              <tr>
                <th>{t('rounds.name')}</th>
                <th>{t('rounds.opensAt')}</th>
                <th>{t('rounds.closesAt')}</th>
                <th>{t('rounds.blueprint')}</th>
                <th>{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rounds.data.map((r) => (
                <tr key={r.id} data-testid="round-row">
                  <td data-label={t('rounds.name')} className="cell-title">
                    <span>
                      {r.name} <span className="badge badge-muted">{t(`tests.phase.${r.phase}` as MessageKey)}</span>
                    </span>
                  </td>
                  <td data-label={t('rounds.opensAt')}>{formatDateTime(r.opensAt)}</td>
                  <td data-label={t('rounds.closesAt')}>{formatDateTime(r.closesAt)}</td>
                  <td data-label={t('rounds.blueprint')}>{t('rounds.questions', { n: r.questionCount })}</td>
                  <td data-label={t('common.actions')} className="button-row">
                    {r.phase !== 'draft' && (
                      <Link className="button button-small" to={`/test-rounds/${r.id}`} data-testid="round-results-link">
                        {t('rounds.results')}
                      </Link>
                    )}
                    {canManage && r.phase === 'draft' && (
                      <button type="button" className="button button-small" onClick={() => publish.mutate(r.id)}>
                        {t('rounds.publish')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
