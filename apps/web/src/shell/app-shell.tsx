import { useEffect, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router-dom';
import { ROLE_LABELS } from '@cchc/shared';
import { useCurrentUser } from '../auth/use-me';
import { useLogout } from '../auth/use-logout';
import { useT } from '../i18n/i18n';
import { NotificationBell } from '../notifications/components/notification-bell';
import { LanguageSwitch } from './language-switch';
import { navSectionsFor } from './navigation';

export function AppShell() {
  const { t, label } = useT();
  const me = useCurrentUser();
  const logout = useLogout();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);

  // A tap on a link should close the phone menu.
  useEffect(() => setMenuOpen(false), [location.pathname]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <button
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls="main-nav"
            onClick={() => setMenuOpen((open) => !open)}
            data-testid="menu-toggle"
          >
            <span className="menu-icon" aria-hidden="true" />
            <span>{t('nav.menu')}</span>
          </button>
          <NavLink to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">★</span>
            <span className="brand-name">{t('app.name')}</span>
          </NavLink>
          <div className="topbar-user">
            <span className="user-name" data-testid="current-user">
              {me.displayName}
              <small>{label(ROLE_LABELS[me.role])}</small>
            </span>
          </div>
          {/* Until an issued password is changed the API answers nothing else (AUTH_PASSWORD_CHANGE_REQUIRED). */}
          {!me.mustChangePassword && <NotificationBell />}
        </div>
      </header>
      <div className="layout">
        <nav id="main-nav" className={`sidenav${menuOpen ? ' is-open' : ''}`} aria-label={t('nav.label')}>
          {navSectionsFor(me.role).map((section) => (
            <div key={section.group} className="nav-section">
              <h2 className="nav-section-title">{t(`nav.group.${section.group}`)}</h2>
              <ul>
                {section.items.map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} end={item.to === '/' || item.to === '/learning' || item.to === '/qa'} data-testid={item.testId}>
                      {t(item.labelKey)}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </div>
          ))}
          <div className="sidenav-footer">
            <LanguageSwitch />
            <button
              type="button"
              className="button button-ghost"
              onClick={() => logout.mutate()}
              disabled={logout.isPending}
              data-testid="sign-out"
            >
              {t('signOut')}
            </button>
          </div>
        </nav>
        <main id="main" className="content" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
