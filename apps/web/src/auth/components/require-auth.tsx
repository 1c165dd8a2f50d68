import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { roleHasPermission, type Permission } from '@cchc/shared';
import { ErrorMessage, Loading } from '../../components/error-message';
import { useMe } from '../use-me';
import { useIsSignedIn } from '../use-session';
import { NotFoundPage } from '../../shell/not-found-page';

/** Waits for the signed-in user; sends strangers to sign in and users with an issued password to change it. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const signedIn = useIsSignedIn();
  const location = useLocation();
  const me = useMe();

  if (!signedIn) {
    return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  }
  if (me.isPending) {
    return (
      <div className="centered">
        <Loading />
      </div>
    );
  }
  if (me.isError) {
    return (
      <div className="centered">
        <ErrorMessage error={me.error} onRetry={() => void me.refetch()} />
      </div>
    );
  }
  if (me.data.mustChangePassword && location.pathname !== '/account') {
    return <Navigate to="/account" replace />;
  }
  return <>{children}</>;
}

/** A page the role cannot use looks like a page that does not exist (the API refuses it anyway). */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { data: me } = useMe();
  if (!me || !roleHasPermission(me.role, permission)) return <NotFoundPage />;
  return <>{children}</>;
}
