import { useState, type FormEvent } from 'react';
import type { ForwardEndpointDto } from '@cchc/shared';
import { Dialog, DialogActions } from '../../components/dialog';
import { ErrorMessage, Loading } from '../../components/error-message';
import { Pager } from '../../components/pager';
import { useT } from '../../i18n/i18n';
import { UnitSelect } from '../../units/components/unit-select';
import { useCreateForwardEndpoint, useDeadLetters, useForwardEndpoints, useRetryDeadLetters, useSetForwardEndpointActive } from '../use-lrs-forwarding';

/**
 * Admin: where our xAPI statements are forwarded (the Ministry's platform), how delivery is going — waiting, sent,
 * refused, the last error and the next try — and the refused statements, each of which can be sent again.
 */
export function LrsForwardingPage() {
  const { t } = useT();
  const endpoints = useForwardEndpoints();
  const [creating, setCreating] = useState(false);

  return (
    <section className="page" data-testid="lrs-forwarding-page">
      <div className="page-header">
        <h1>{t('forward.title')}</h1>
        <button type="button" className="button button-primary" onClick={() => setCreating(true)} data-testid="forward-create">
          + {t('forward.add')}
        </button>
      </div>
      <p className="muted">{t('forward.intro')}</p>
      {endpoints.isPending && <Loading />}
      <ErrorMessage error={endpoints.error} onRetry={() => void endpoints.refetch()} />
      {endpoints.data?.length === 0 && <p className="empty">{t('forward.empty')}</p>}
      {endpoints.data?.map((e) => <EndpointCard key={e.id} endpoint={e} />)}
      {creating && <CreateEndpointDialog onClose={() => setCreating(false)} />}
    </section>
  );
}

function EndpointCard({ endpoint: e }: { endpoint: ForwardEndpointDto }) {
  const { t, formatDateTime, formatNumber } = useT();
  const setActive = useSetForwardEndpointActive();
  const [showDead, setShowDead] = useState(false);
  const s = e.status;
  const state = !e.active ? 'paused' : s.failures > 0 ? 'failing' : 'ok';
  return (
    <article className="card forward-endpoint" data-testid="forward-endpoint" data-state={state}>
      <div className="page-header">
        <h2>{e.name}</h2>
        <span className={`badge ${state === 'ok' ? 'badge-ok' : state === 'failing' ? 'badge-danger' : 'badge-muted'}`} data-testid="forward-state">
          {t(`forward.state.${state}`)}
        </span>
      </div>
      <p className="break-all">
        <code>{e.url}</code> · xAPI {e.xapiVersion} · {t('lrs.key')}: <code>{e.key}</code>
      </p>
      <p className="muted">
        {e.verbs.length ? t('forward.onlyVerbs', { verbs: e.verbs.map((v) => v.split('/').pop()).join(', ') }) : t('forward.allVerbs')}
        {' · '}
        {e.unit ? t('forward.onlyUnit', { unit: e.unit.name }) : t('forward.allUnits')}
      </p>
      <dl className="stats">
        <div>
          <dt>{t('forward.queued')}</dt>
          <dd data-testid="forward-queued">{s.queuedCapped ? `> ${formatNumber(s.queued)}` : formatNumber(s.queued)}</dd>
        </div>
        <div>
          <dt>{t('forward.sent')}</dt>
          <dd data-testid="forward-sent">{formatNumber(s.sent)}</dd>
        </div>
        <div className={s.failed > 0 ? 'is-bad' : undefined}>
          <dt>{t('forward.failed')}</dt>
          <dd data-testid="forward-failed">{formatNumber(s.failed)}</dd>
        </div>
      </dl>
      {s.lastSentAt && <p>{t('forward.lastSent', { time: formatDateTime(s.lastSentAt) })}</p>}
      {s.failures > 0 && s.lastError && (
        <div className="alert alert-error" role="status" data-testid="forward-last-error">
          {t('forward.lastError', { time: formatDateTime(s.lastErrorAt), error: s.lastError, count: s.failures })}
          <br />
          {t('forward.nextAttempt', { time: formatDateTime(s.nextAttemptAt) })}
        </div>
      )}
      <ErrorMessage error={setActive.error} />
      <div className="button-row">
        <button type="button" className="button button-small" disabled={setActive.isPending} onClick={() => setActive.mutate({ id: e.id, active: !e.active })} data-testid="forward-toggle">
          {e.active ? t('forward.pause') : t('forward.resume')}
        </button>
        {s.failed > 0 && (
          <button type="button" className="button button-small" aria-expanded={showDead} onClick={() => setShowDead(!showDead)} data-testid="forward-show-dead">
            {t('forward.showDead', { count: s.failed })}
          </button>
        )}
      </div>
      {showDead && <DeadLetters endpointId={e.id} />}
    </article>
  );
}

function DeadLetters({ endpointId }: { endpointId: string }) {
  const { t, formatDateTime } = useT();
  const [page, setPage] = useState(1);
  const dead = useDeadLetters(endpointId, page);
  const retry = useRetryDeadLetters();
  const [notice, setNotice] = useState<string | null>(null);
  const send = (statementIds?: string[]) =>
    retry.mutate({ id: endpointId, statementIds }, { onSuccess: (r) => (setNotice(t('forward.retryQueued', { count: r.requested })), void dead.refetch()) });
  return (
    <div className="forward-dead" data-testid="forward-dead-letters">
      <h3>{t('forward.deadTitle')}</h3>
      <div className="button-row">
        <button type="button" className="button button-small button-primary" disabled={retry.isPending} onClick={() => send()} data-testid="forward-retry-all">
          {t('forward.retryAll')}
        </button>
      </div>
      {notice && (
        <p className="alert alert-success" role="status">
          {notice}
        </p>
      )}
      <ErrorMessage error={dead.error ?? retry.error} />
      {dead.data && (
        <>
          <div className="table-wrap">
            <table className="table responsive">
              <thead>
                <tr>
                  <th scope="col">{t('forward.statement')}</th>
                  <th scope="col">{t('forward.error')}</th>
                  <th scope="col">{t('forward.failedAt')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {dead.data.items.map((d) => (
                  <tr key={d.statementId} data-testid="forward-dead-row">
                    <td data-label={t('forward.statement')}>
                      <code className="break-all">{d.statementId}</code>
                      {d.verb ? <div className="muted">{d.verb.split('/').pop()}</div> : null}
                    </td>
                    <td data-label={t('forward.error')}>
                      {d.error}
                    </td>
                    <td data-label={t('forward.failedAt')}>
                      {formatDateTime(d.failedAt)} · {t('forward.attempts', { count: d.attempts })}
                    </td>
                    <td data-label={t('common.actions')}>
                      {d.retryRequested ? (
                        <span className="badge badge-muted">{t('forward.retryPending')}</span>
                      ) : (
                        <button type="button" className="button button-small" disabled={retry.isPending} onClick={() => send([d.statementId])} data-testid="forward-retry-one">
                          {t('forward.retry')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={page} pageSize={dead.data.pageSize} total={dead.data.total} onPage={setPage} />
        </>
      )}
    </div>
  );
}

function CreateEndpointDialog({ onClose }: { onClose(): void }) {
  const { t } = useT();
  const create = useCreateForwardEndpoint();
  const [problem, setProblem] = useState<string | null>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (k: string) => String(form.get(k) ?? '').trim();
    const verbs = text('verbs')
      .split(/[\s,]+/)
      .filter(Boolean);
    if (text('name').length < 2) return setProblem(t('forward.nameRequired'));
    if (!/^https?:\/\/\S+$/i.test(text('url'))) return setProblem(t('forward.urlRequired'));
    if (!text('key') || !text('secret')) return setProblem(t('forward.credentialsRequired'));
    setProblem(null);
    create.mutate(
      {
        name: text('name'),
        url: text('url'),
        key: text('key'),
        secret: String(form.get('secret') ?? ''),
        xapiVersion: text('xapiVersion') === '2.0.0' ? '2.0.0' : '1.0.3',
        verbs,
        unitId: text('unitId') || null,
      },
      { onSuccess: onClose },
    );
  };
  return (
    <Dialog title={t('forward.add')} onClose={onClose} testId="forward-dialog">
      <form className="form" onSubmit={onSubmit} noValidate>
        {problem && (
          <div className="alert alert-error" role="alert">
            {problem}
          </div>
        )}
        <ErrorMessage error={create.error} />
        <div className="field">
          <label htmlFor="fw-name">{t('forward.name')}</label>
          <input id="fw-name" name="name" required autoFocus placeholder="Nền tảng bồi dưỡng trực tuyến Bộ Nội vụ" />
        </div>
        <div className="field">
          <label htmlFor="fw-url">{t('forward.url')}</label>
          <input id="fw-url" name="url" type="url" inputMode="url" required placeholder="https://bonoivu.cls.vn/xapi/" />
        </div>
        <div className="field">
          <label htmlFor="fw-key">{t('lrs.key')}</label>
          <input id="fw-key" name="key" required autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="fw-secret">{t('lrs.secret')}</label>
          <input id="fw-secret" name="secret" type="password" required autoComplete="new-password" />
        </div>
        <div className="field">
          <label htmlFor="fw-version">{t('forward.version')}</label>
          <select id="fw-version" name="xapiVersion" defaultValue="1.0.3">
            <option value="1.0.3">1.0.3</option>
            <option value="2.0.0">2.0.0</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="fw-verbs">{t('forward.verbs')}</label>
          <textarea id="fw-verbs" name="verbs" rows={2} placeholder="http://adlnet.gov/expapi/verbs/completed" />
          <p className="muted">{t('forward.verbsHint')}</p>
        </div>
        <div className="field">
          <label htmlFor="fw-unit">{t('forward.unit')}</label>
          <UnitSelect id="fw-unit" name="unitId" emptyLabel={t('forward.allUnits')} testId="forward-unit" />
        </div>
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
