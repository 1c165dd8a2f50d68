import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { PackageLaunchDto } from '@cchc/shared';
import { ErrorMessage } from '../components/error-message';
import { useT } from '../i18n/i18n';
import { queryKeys } from '../query-keys';
import { launchCmi5 } from './api';

/**
 * A cmi5 course: the AUs with their state, one AU at a time in a frame on the content origin (AnyWindow) or in its
 * own window (OwnWindow). The AU reports to the LRS itself; the states shown are re-read from the server.
 */
export function Cmi5Player({ launch, canSave }: { launch: PackageLaunchDto; canSave: boolean }) {
  const { t } = useT();
  const client = useQueryClient();
  const [current, setCurrent] = useState<{ itemId: string; url: string } | null>(null);
  const start = useMutation({
    mutationFn: (itemId: string) => launchCmi5(launch.lessonId, itemId),
    onSuccess: (session) => {
      if (session.launchMethod === 'OwnWindow') window.open(session.url, '_blank', 'noopener');
      else setCurrent({ itemId: session.itemId, url: session.url });
    },
  });
  // What the AU says reaches the server directly: re-read the states while the lesson is open.
  useEffect(() => {
    const timer = window.setInterval(() => void client.invalidateQueries({ queryKey: queryKeys.learning.packageLaunch(launch.lessonId) }), 10_000);
    return () => window.clearInterval(timer);
  }, [client, launch.lessonId]);
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
                <button type="button" className={item.id === current?.itemId ? 'current' : undefined} onClick={() => start.mutate(item.id)} disabled={start.isPending} data-testid="package-toc-item">
                  {item.title}
                </button>
              ) : (
                <strong>{item.title}</strong>
              )}
              {item.launchable && (
                <span className="badge" data-testid="package-item-status">
                  {item.success === 'passed' ? t('package.status.passed') : item.success === 'failed' ? t('package.status.failed') : item.completion === 'completed' ? t('package.status.completed') : t('package.status.notAttempted')}
                  {item.scoreScaled !== null && ` · ${t('package.score', { score: Math.round(item.scoreScaled * 100) })}`}
                </span>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <ErrorMessage error={start.error} />
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
