import { useState, type FormEvent } from 'react';
import type { CreatedLrsClientDto } from '@cchc/shared';
import { Dialog, DialogActions } from '../../components/dialog';
import { ErrorMessage, Loading } from '../../components/error-message';
import { useT } from '../../i18n/i18n';
import type { LrsScope } from '../api';
import { useCreateLrsClient, useLrsClients, useRevokeLrsClient } from '../use-lrs-clients';
import { useConfirm } from '../../components/confirm-dialog';

const SCOPES: LrsScope[] = ['write', 'read_own', 'read_all'];

/** Admin: the systems allowed to talk xAPI to the built-in LRS. The secret is shown once, right after creation. */
export function LrsClientsPage() {
  const { t, formatDateTime } = useT();
  const clients = useLrsClients();
  const revoke = useRevokeLrsClient();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedLrsClientDto | null>(null);
  const [askToConfirm, confirmDialog] = useConfirm();
  const endpoint = `${window.location.origin}/api/xapi/`;

  return (
    <section className="page" data-testid="lrs-clients-page">
      {confirmDialog}
      <div className="page-header">
        <h1>{t('lrs.title')}</h1>
        <button type="button" className="button button-primary" onClick={() => setCreating(true)} data-testid="lrs-client-create">
          + {t('lrs.add')}
        </button>
      </div>
      <p className="muted">{t('lrs.intro')}</p>
      <p>
        {t('lrs.endpoint')}: <code className="break-all" data-testid="lrs-endpoint">{endpoint}</code>
      </p>
      {created && (
        <div className="alert alert-success lrs-secret" role="status" data-testid="lrs-client-secret">
          <strong>{t('lrs.createdTitle')}: {created.name}</strong>
          <p>{t('lrs.secretOnce')}</p>
          <p>
            {t('lrs.key')}: <code data-testid="lrs-created-key">{created.key}</code>
            <br />
            {t('lrs.secret')}: <code className="break-all" data-testid="lrs-created-secret">{created.secret}</code>
          </p>
        </div>
      )}
      {clients.isPending && <Loading />}
      <ErrorMessage error={clients.error ?? revoke.error} onRetry={() => void clients.refetch()} />
      {clients.data && clients.data.length === 0 && <p className="empty">{t('lrs.empty')}</p>}
      {clients.data && clients.data.length > 0 && (
        <div className="table-wrap">
          <table className="table responsive" data-testid="lrs-clients-table">
            <thead>
              <tr>
                <th scope="col">{t('lrs.name')}</th>
                <th scope="col">{t('lrs.key')}</th>
                <th scope="col">{t('lrs.scopes')}</th>
                <th scope="col">{t('lrs.createdAt')}</th>
                <th scope="col">{t('lrs.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {clients.data.map((c) => (
                <tr key={c.id} data-testid="lrs-client-row">
                  <td data-label={t('lrs.name')} className="cell-title">
                    {c.name}
                  </td>
                  <td data-label={t('lrs.key')} className="code">
                    {c.key}
                  </td>
                  <td data-label={t('lrs.scopes')}>{c.scopes.map((s) => t(`lrs.scope.${s}`)).join('; ')}</td>
                  <td data-label={t('lrs.createdAt')}>
                    {formatDateTime(c.createdAt)}
                    {c.createdByName ? ` · ${c.createdByName}` : ''}
                  </td>
                  <td data-label={t('lrs.status')}>
                    {c.revokedAt ? (
                      <span className="badge badge-danger">{t('lrs.revoked', { time: formatDateTime(c.revokedAt) })}</span>
                    ) : (
                      <span className="badge badge-ok">{t('lrs.active')}</span>
                    )}
                  </td>
                  <td data-label={t('common.actions')}>
                    {!c.revokedAt && (
                      <button
                        type="button"
                        className="button button-small"
                        disabled={revoke.isPending}
                        onClick={async () => (await askToConfirm({ title: t('lrs.revokeConfirm', { name: c.name }), danger: true })) && revoke.mutate(c.id)}
                        data-testid="lrs-client-revoke"
                      >
                        {t('lrs.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {creating && (
        <CreateClientDialog
          onClose={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            setCreated(c);
          }}
        />
      )}
    </section>
  );
}

function CreateClientDialog({ onClose, onCreated }: { onClose(): void; onCreated(c: CreatedLrsClientDto): void }) {
  const { t } = useT();
  const create = useCreateLrsClient();
  const [problem, setProblem] = useState<string | null>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name') ?? '').trim();
    const scopes = SCOPES.filter((s) => form.get(`scope-${s}`) === 'on');
    if (name.length < 2) return setProblem(t('lrs.nameRequired'));
    if (!scopes.length) return setProblem(t('lrs.pickScope'));
    setProblem(null);
    create.mutate({ name, scopes }, { onSuccess: onCreated });
  };
  return (
    <Dialog title={t('lrs.add')} onClose={onClose} testId="lrs-client-dialog">
      <form className="form" onSubmit={onSubmit} noValidate>
        {problem && (
          <div className="alert alert-error" role="alert">
            {problem}
          </div>
        )}
        <ErrorMessage error={create.error} />
        <div className="field">
          <label htmlFor="lrs-name">{t('lrs.name')}</label>
          <input id="lrs-name" name="name" required autoFocus placeholder="Nền tảng bồi dưỡng Bộ Nội vụ" />
        </div>
        <fieldset className="field">
          <legend>{t('lrs.scopes')}</legend>
          {SCOPES.map((s) => (
            <label key={s} className="checkbox">
              <input type="checkbox" name={`scope-${s}`} defaultChecked={s === 'write'} data-testid={`lrs-scope-${s}`} /> {t(`lrs.scope.${s}`)}
            </label>
          ))}
        </fieldset>
        <DialogActions>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={create.isPending} data-testid="dialog-submit">
            {create.isPending ? t('common.saving') : t('common.save')}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
