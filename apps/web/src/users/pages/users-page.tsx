import { useState, type FormEvent } from 'react';
import { ROLES, ROLE_LABELS, Role, type UserDto } from '@cchc/shared';
import { Dialog, DialogActions } from '../../components/dialog';
import { ErrorMessage, Loading, SuccessMessage } from '../../components/error-message';
import { optionalText, requiredText } from '../../components/form';
import { Pager } from '../../components/pager';
import { useDebouncedValue } from '../../components/use-debounced-value';
import { useT } from '../../i18n/i18n';
import { UnitSelect } from '../../units/components/unit-select';
import { ApiError } from '../../api/client';
import { listPeople } from '../../people/api';
import { useConfirm } from '../../components/confirm-dialog';
import { useCurrentUser } from '../../auth/use-me';
import '../../i18n/messages/users-admin'; // its texts (loaded with this page)
import { useCreateUser, useResetUserPassword, useSetUserDisabled, useUsers } from '../use-users';

const PAGE_SIZE = 50;

export function UsersPage() {
  const { t, label, formatDateTime } = useT();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 400);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<UserDto | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const users = useUsers({ q: q || undefined, page, pageSize: PAGE_SIZE });
  const data = users.data;
  const me = useCurrentUser();
  const setDisabled = useSetUserDisabled();
  const [askToConfirm, confirmDialog] = useConfirm();

  const toggleDisabled = async (user: UserDto) => {
    setNotice(null);
    const disabling = !user.disabled;
    const ok = await askToConfirm({
      title: t(disabling ? 'users.disableTitle' : 'users.enableTitle', { username: user.username }),
      message: t(disabling ? 'users.disableHelp' : 'users.enableHelp'),
      confirmLabel: t(disabling ? 'users.disable' : 'users.enable'),
      danger: disabling,
      testId: 'user-disable-confirm',
    });
    if (!ok) return;
    setDisabled.mutate(
      { id: user.id, disabled: disabling },
      { onSuccess: () => setNotice(t(disabling ? 'users.disabledDone' : 'users.enabledDone', { username: user.username })) },
    );
  };

  const isLocked = (user: UserDto) => user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > Date.now();

  return (
    <section className="page" data-testid="users-page">
      <div className="page-header">
        <h1>{t('users.title')}</h1>
        <button type="button" className="button button-primary" onClick={() => setCreating(true)} data-testid="user-create">
          + {t('users.add')}
        </button>
      </div>
      <SuccessMessage>{notice}</SuccessMessage>
      <div className="field">
        <label htmlFor="users-search">{t('users.search')}</label>
        <input
          id="users-search"
          type="search"
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
            setPage(1);
          }}
          autoComplete="off"
          data-testid="users-search"
        />
      </div>
      {users.isPending && <Loading />}
      <ErrorMessage error={users.error ?? setDisabled.error} onRetry={users.error ? () => void users.refetch() : undefined} />
      {data && data.items.length === 0 && <p className="empty">{t('users.empty')}</p>}
      {data && data.items.length > 0 && (
        <div className={`table-wrap${users.isPlaceholderData ? ' is-stale' : ''}`}>
          <table className="table responsive" data-testid="users-table">
            <thead>
              <tr>
                <th scope="col">{t('users.username')}</th>
                <th scope="col">{t('users.displayName')}</th>
                <th scope="col">{t('users.role')}</th>
                <th scope="col">{t('users.unit')}</th>
                <th scope="col">{t('users.status')}</th>
                <th scope="col">{t('users.lastLogin')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((user) => (
                <tr key={user.id} data-testid="user-row">
                  <td data-label={t('users.username')} className="code cell-title">
                    {user.username}
                  </td>
                  <td data-label={t('users.displayName')}>{user.displayName}</td>
                  <td data-label={t('users.role')}>{label(ROLE_LABELS[user.role])}</td>
                  <td data-label={t('users.unit')}>{user.unitName ?? '—'}</td>
                  <td data-label={t('users.status')}>
                    {user.disabled ? (
                      <span className="badge badge-muted" data-testid="user-disabled-badge">{t('users.disabled')}</span>
                    ) : isLocked(user) ? (
                      <span className="badge badge-danger">{t('users.locked', { time: formatDateTime(user.lockedUntil) })}</span>
                    ) : (
                      <span className="badge badge-ok">{t('users.active')}</span>
                    )}
                  </td>
                  <td data-label={t('users.lastLogin')}>{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t('users.never')}</td>
                  <td data-label={t('common.actions')}>
                    <div className="button-row">
                      <button
                        type="button"
                        className="button button-small nowrap"
                        onClick={() => {
                          setNotice(null);
                          setResetting(user);
                        }}
                        data-testid="user-reset-password"
                      >
                        {t('users.resetPassword')}
                      </button>
                      {user.id !== me.id && (
                        <button
                          type="button"
                          className="button button-small nowrap"
                          onClick={() => void toggleDisabled(user)}
                          disabled={setDisabled.isPending}
                          data-testid="user-toggle-disabled"
                        >
                          {t(user.disabled ? 'users.enable' : 'users.disable')}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && data.total > data.pageSize && <Pager page={page} pageSize={data.pageSize} total={data.total} onPage={setPage} />}
      {creating && (
        <CreateUserDialog
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            setNotice(t('users.created'));
          }}
        />
      )}
      {confirmDialog}
      {resetting && (
        <ResetPasswordDialog
          user={resetting}
          onClose={() => setResetting(null)}
          onDone={() => {
            setResetting(null);
            setNotice(t('users.resetDone'));
          }}
        />
      )}
    </section>
  );
}

function DialogButtons({ pending, onClose }: { pending: boolean; onClose(): void }) {
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

function CreateUserDialog({ onClose, onCreated }: { onClose(): void; onCreated(): void }) {
  const { t, label } = useT();
  const create = useCreateUser();
  const [lookupError, setLookupError] = useState<unknown>(null);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setLookupError(null);
    // An administrator knows a person by staff code (it is on every list), not by the record's internal id.
    const staffCode = optionalText(form, 'staffCode')?.toUpperCase();
    let personId: string | undefined;
    if (staffCode) {
      try {
        const found = await listPeople({ q: staffCode, page: 1, pageSize: 20 });
        personId = found.items.find((p) => p.staffCode.toUpperCase() === staffCode)?.id;
      } catch (error) {
        setLookupError(error);
        return;
      }
      if (!personId) {
        setLookupError(new ApiError(404, 'PERSON_NOT_FOUND', t('users.staffCodeNotFound', { code: staffCode })));
        return;
      }
    }
    create.mutate(
      {
        username: requiredText(form, 'username'),
        displayName: requiredText(form, 'displayName'),
        role: form.get('role') as Role,
        unitId: optionalText(form, 'unitId'),
        personId,
        password: String(form.get('password') ?? ''),
      },
      { onSuccess: onCreated },
    );
  };
  return (
    <Dialog title={t('users.add')} onClose={onClose} testId="user-create-dialog">
      <form className="form" onSubmit={(event) => void onSubmit(event)}>
        <ErrorMessage error={lookupError ?? create.error} />
        <div className="field">
          <label htmlFor="user-username">{t('users.username')}</label>
          <input id="user-username" name="username" required autoCapitalize="none" spellCheck={false} autoComplete="off" autoFocus />
        </div>
        <div className="field">
          <label htmlFor="user-displayName">{t('users.displayName')}</label>
          <input id="user-displayName" name="displayName" required />
        </div>
        <div className="field">
          <label htmlFor="user-role">{t('users.role')}</label>
          <select id="user-role" name="role" defaultValue={Role.Learner}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {label(ROLE_LABELS[role])}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="user-unit">{t('users.unit')}</label>
          <UnitSelect id="user-unit" name="unitId" defaultValue="" emptyLabel={t('users.noUnit')} />
        </div>
        <div className="field">
          <label htmlFor="user-staffCode">
            {t('users.personId')} <span className="muted">{t('common.optional')}</span>
          </label>
          <input id="user-staffCode" name="staffCode" spellCheck={false} autoComplete="off" placeholder="KH001803" />
        </div>
        <div className="field">
          <label htmlFor="user-password">{t('users.password')}</label>
          <input id="user-password" name="password" type="text" required autoComplete="new-password" spellCheck={false} />
        </div>
        <DialogButtons pending={create.isPending} onClose={onClose} />
      </form>
    </Dialog>
  );
}

function ResetPasswordDialog({ user, onClose, onDone }: { user: UserDto; onClose(): void; onDone(): void }) {
  const { t } = useT();
  const reset = useResetUserPassword();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const newPassword = String(new FormData(event.currentTarget).get('newPassword') ?? '');
    reset.mutate({ id: user.id, newPassword }, { onSuccess: onDone });
  };
  return (
    <Dialog title={t('users.resetPassword')} onClose={onClose} testId="user-reset-dialog">
      <form className="form" onSubmit={onSubmit}>
        <ErrorMessage error={reset.error} />
        <p>{t('users.resetHelp', { username: user.username })}</p>
        <div className="field">
          <label htmlFor="reset-password">{t('users.newPassword')}</label>
          <input id="reset-password" name="newPassword" type="text" required autoComplete="new-password" spellCheck={false} autoFocus />
        </div>
        <DialogButtons pending={reset.isPending} onClose={onClose} />
      </form>
    </Dialog>
  );
}
