import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { NotificationDto } from '@cchc/shared';
import { useT } from '../../i18n/i18n';
import { useMarkNotificationRead, useNotifications } from '../use-notifications';

/** The bell in the header: unread count, and the latest notifications in a panel that links to what they are about. */
export function NotificationBell() {
  const { t, formatDateTime } = useT();
  const notifications = useNotifications();
  const markRead = useMarkNotificationRead();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const unread = notifications.data?.unread ?? 0;

  useEffect(() => {
    if (!open) return;
    const onClick = (event: MouseEvent) => {
      if (ref.current && !ref.current.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', onClick);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onClick);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const openItem = (item: NotificationDto) => {
    if (!item.readAt) markRead.mutate(item.id);
    setOpen(false);
    if (item.link) navigate(item.link);
  };

  return (
    <div className="bell" ref={ref}>
      <button
        type="button"
        className="bell-button"
        aria-expanded={open}
        aria-haspopup="true"
        aria-label={unread ? t('notifications.unreadLabel', { count: unread }) : t('notifications.title')}
        onClick={() => setOpen((v) => !v)}
        data-testid="notification-bell"
      >
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
          <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
        </svg>
        {unread > 0 && (
          <span className="bell-count" data-testid="notification-count">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <div className="bell-panel" role="region" aria-label={t('notifications.title')} data-testid="notification-panel">
          <div className="bell-panel-header">
            <strong>{t('notifications.title')}</strong>
            {unread > 0 && (
              <button type="button" className="button button-small button-ghost" onClick={() => markRead.mutate(null)} data-testid="notification-read-all">
                {t('notifications.readAll')}
              </button>
            )}
          </div>
          {notifications.data?.items.length ? (
            <ul className="bell-list">
              {notifications.data.items.map((item) => (
                <li key={item.id}>
                  <button type="button" className={`bell-item${item.readAt ? '' : ' is-unread'}`} onClick={() => openItem(item)} data-testid="notification-item">
                    <span className="bell-item-title">{item.title}</span>
                    {item.body && <span className="bell-item-body">{item.body}</span>}
                    <small className="muted">{formatDateTime(item.createdAt)}</small>
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">{t('notifications.empty')}</p>
          )}
        </div>
      )}
    </div>
  );
}
