import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Cmi5LaunchMode, PackageLaunchDto, PackageLaunchItemDto } from '@cchc/shared';
import { ErrorMessage } from '../components/error-message';
import { useT, type MessageKey } from '../i18n/i18n';
import '../i18n/messages/package-results'; // its texts (loaded with the player)
import { queryKeys } from '../query-keys';
import { getPackageStatus, launchCmi5 } from './api';
import { nextPollDelay, STATUS_POLL, statusSignature } from './navigation';

const done = (i: Pick<PackageLaunchItemDto, 'completion' | 'success' | 'waived'>) => i.completion === 'completed' || i.success === 'passed' || !!i.waived;

/**
 * A cmi5 course: the AUs with their state, one AU at a time in a frame on the content origin (AnyWindow) or in its
 * own window (OwnWindow). The AU reports to the LRS itself; the states shown are re-read from the server.
 */
export function Cmi5Player({ launch, canSave }: { launch: PackageLaunchDto; canSave: boolean }) {
  const { t } = useT();
  const client = useQueryClient();
  const [current, setCurrent] = useState<{ itemId: string; url: string; mode: Cmi5LaunchMode } | null>(null);
  const [opened, setOpened] = useState(false);
  const start = useMutation({
    mutationFn: ({ itemId, mode }: { itemId: string; mode: Cmi5LaunchMode }) => launchCmi5(launch.lessonId, itemId, mode),
    onSuccess: (session) => {
      setOpened(true);
      if (session.launchMethod === 'OwnWindow') window.open(session.url, '_blank', 'noopener');
      else setCurrent({ itemId: session.itemId, url: session.url, mode: session.launchMode });
    },
  });
  // What the AU says reaches the server directly. While an AU is open (framed or in its own window) and the page is
  // visible, re-read the small status resource: the browser revalidates it with its ETag, so an unchanged status is a
  // 304; 3 s after a change, then backing off to 30 s. Nothing is polled before an AU is opened.
  useEffect(() => {
    if (!opened) return;
    let delay = STATUS_POLL.first;
    // What the page shows now; a status that differs from it re-reads the launch (and so the table of contents).
    let last = statusSignature(launch.lessonCompleted, launch.items.filter((i) => i.launchable));
    let timer = 0;
    let stopped = false;
    const tick = async () => {
      if (stopped) return;
      let changed = false;
      if (document.visibilityState === 'visible') {
        const status = await getPackageStatus(launch.lessonId).catch(() => null);
        const text = status ? statusSignature(status.lessonCompleted, status.items) : last;
        changed = text !== last;
        last = text;
        if (changed) void client.invalidateQueries({ queryKey: queryKeys.learning.packageLaunch(launch.lessonId) });
      }
      delay = nextPollDelay(delay, changed);
      timer = window.setTimeout(() => void tick(), delay);
    };
    timer = window.setTimeout(() => void tick(), delay);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [client, launch, opened]);
  useEffect(() => {
    if (launch.lessonCompleted) void client.invalidateQueries({ queryKey: queryKeys.learning.lesson(launch.lessonId) });
  }, [client, launch.lessonCompleted, launch.lessonId]);

  if (!canSave) return <p className="muted">{t('package.cmi5NeedsPerson')}</p>;
  return (
    <div className="package-player" data-testid="package-player">
      <nav className="package-toc" aria-label={t('package.contents')}>
        <h2 className="small">{t('package.contents')}</h2>
        <ol>
          {launch.items.map((item) => (
            <li key={item.id} style={{ paddingInlineStart: `${item.depth}em` }}>
              {item.launchable ? (
                <button type="button" className={item.id === current?.itemId ? 'current' : undefined} onClick={() => start.mutate({ itemId: item.id, mode: 'Normal' })} disabled={start.isPending} data-testid="package-toc-item">
                  {item.title}
                </button>
              ) : (
                <strong>{item.title}</strong>
              )}
              {item.launchable && (
                <span className="badge" data-testid="package-item-status">
                  {item.waived
                    ? t('pkr.waived', { reason: t(`pkr.reason.${item.waived}` as MessageKey) })
                    : item.success === 'passed'
                      ? t('package.status.passed')
                      : item.success === 'failed'
                        ? t('package.status.failed')
                        : item.completion === 'completed'
                          ? t('package.status.completed')
                          : t('package.status.notAttempted')}
                  {item.scoreScaled !== null && ` · ${t('package.score', { score: Math.round(item.scoreScaled * 100) })}`}
                </span>
              )}
              {item.launchable && (item.completion === 'completed' || item.success === 'passed') && (
                <button type="button" className="button button-small" onClick={() => start.mutate({ itemId: item.id, mode: 'Review' })} disabled={start.isPending} data-testid="package-review">
                  {t('pkr.review')}
                </button>
              )}
              {item.launchable && launch.browseAllowed && !done(item) && (
                <button type="button" className="button button-small" onClick={() => start.mutate({ itemId: item.id, mode: 'Browse' })} disabled={start.isPending} data-testid="package-browse">
                  {t('pkr.browse')}
                </button>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <ErrorMessage error={start.error} />
      {current && current.mode !== 'Normal' && (
        <p className="alert" role="status" data-testid="package-launch-mode">
          {current.mode === 'Review' ? t('pkr.reviewNote') : t('pkr.browseNote')}
        </p>
      )}
      {current ? (
        <iframe
          key={current.url}
          className="package-frame"
          title={launch.items.find((i) => i.id === current.itemId)?.title ?? launch.title}
          src={current.url}
          sandbox="allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads"
          allow="fullscreen; autoplay"
          data-testid="package-frame"
        />
      ) : (
        <p className="muted">{t('package.cmi5Choose')}</p>
      )}
    </div>
  );
}
