import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { PackageCommitResultDto, PackageLaunchDto, PackageLaunchItemDto } from '@cchc/shared';
import { ErrorMessage, Loading } from '../components/error-message';
import { useT } from '../i18n/i18n';
import { queryKeys } from '../query-keys';
import { getPackageLaunch, sendPackageCommit } from './api';
import { Cmi5Player } from './cmi5-player';
import { CommitQueue } from './commit-queue';
import { flowStep, navigationTarget } from './navigation';
import { resultText } from './package-results';
import type { PlayerMessage, RuntimeMessage } from './runtime/messages';
import '../i18n/messages/package-results'; // its texts (loaded with the player)
import './package-player.css';

/** Lets a package be reloaded and resumed from the server's data (after the queue has sent what it holds). */
export function usePackageLaunch(lessonId: string) {
  return useQuery({ queryKey: queryKeys.learning.packageLaunch(lessonId), queryFn: ({ signal }) => getPackageLaunch(lessonId, signal), staleTime: 0, gcTime: 0, refetchOnWindowFocus: false });
}

interface Props {
  lessonId: string;
  /** The account has a person: commits are stored. Otherwise the package runs as a preview. */
  canSave: boolean;
  onResult: (result: PackageCommitResultDto) => void;
}

/** Plays a SCORM package: a table of contents for multi-SCO packages, the runtime frame on the content origin, and the save state. */
export function PackagePlayer({ lessonId, canSave, onResult }: Props) {
  const { t } = useT();
  const launch = usePackageLaunch(lessonId);
  if (launch.isPending) return <Loading />;
  if (launch.error) return <ErrorMessage error={launch.error} onRetry={() => void launch.refetch()} />;
  if (launch.data.standard === 'cmi5') return <Cmi5Player launch={launch.data} canSave={canSave} />;
  return (
    <Player
      launch={launch.data}
      canSave={canSave}
      onResult={onResult}
      refetch={(startNew) => (startNew ? getPackageLaunch(lessonId, undefined, true) : launch.refetch().then((r) => r.data ?? null))}
      t={t}
    />
  );
}

type Status = Pick<PackageLaunchItemDto, 'completion' | 'success' | 'scoreScaled'>;

function statusLabel(s: Status, t: ReturnType<typeof useT>['t']): string {
  if (s.success === 'passed') return t('package.status.passed');
  if (s.success === 'failed') return t('package.status.failed');
  if (s.completion === 'completed') return t('package.status.completed');
  if (s.completion === 'incomplete') return t('package.status.incomplete');
  return t('package.status.notAttempted');
}

function Player({
  launch: initial,
  canSave,
  onResult,
  refetch,
  t,
}: {
  launch: PackageLaunchDto;
  canSave: boolean;
  onResult: (r: PackageCommitResultDto) => void;
  refetch: (startNew?: boolean) => Promise<PackageLaunchDto | null>;
  t: ReturnType<typeof useT>['t'];
}) {
  const client = useQueryClient();
  const [launch, setLaunch] = useState(initial);
  const [currentId, setCurrentId] = useState(initial.currentItemId);
  const [frameKey, setFrameKey] = useState(0);
  const [statuses, setStatuses] = useState<Record<string, Status>>(() => Object.fromEntries(initial.items.map((i) => [i.id, i])));
  const statusesRef = useRef(statuses);
  statusesRef.current = statuses;
  const frameRef = useRef<HTMLIFrameElement>(null);
  const switching = useRef<{ timer: number; proceed: () => Promise<void> } | null>(null);
  const queue = useMemo(() => new CommitQueue(initial.lessonId, (body) => sendPackageCommit(initial.lessonId, body)), [initial.lessonId]);
  const queueState = useSyncExternalStore(
    (fn) => queue.subscribe(fn),
    () => `${queue.state}:${queue.pendingCount()}`,
  );
  const { formatNumber } = useT();
  const launchable = launch.items.filter((i) => i.launchable);
  const current = launchable.find((i) => i.id === currentId) ?? null;
  const index = current ? launchable.indexOf(current) : -1;
  const previousId = flowStep(launchable, currentId, -1);
  const nextId = flowStep(launchable, currentId, 1);

  useEffect(() => {
    for (const item of launch.items) queue.knowServerSeq(item.id, item.seq);
  }, [launch, queue]);

  useEffect(() => {
    queue.onResult = (result) => {
      const before = statusesRef.current[result.itemId];
      const changed = !before || before.completion !== result.completion || before.success !== result.success;
      setStatuses((s) => ({ ...s, [result.itemId]: result }));
      // A status change may open or close other items (SCORM 2004 preconditions) or finish the attempt: re-read
      // what sequencing allows, without touching the running SCO.
      if (changed)
        void refetch().then((fresh) => {
          if (!fresh) return;
          setLaunch((l) => {
            if (l.attempt !== result.attempt) return l;
            const common = { attempts: fresh.attempts, lessonResult: fresh.lessonResult, lessonCompleted: fresh.lessonCompleted };
            // The next launch would open a new attempt: this one is over.
            if (fresh.attempt !== l.attempt) return { ...l, ...common, attemptFinished: true };
            return { ...l, ...common, items: l.items.map((i) => ({ ...i, ...pickSequencing(fresh.items.find((f) => f.id === i.id)) })), attemptFinished: fresh.attemptFinished };
          });
        });
      onResult(result);
      if (result.lessonCompleted) void client.invalidateQueries({ queryKey: queryKeys.learning.all });
    };
    const up = () => void queue.flush();
    window.addEventListener('online', up);
    void queue.flush();
    return () => window.removeEventListener('online', up);
  }, [queue, onResult, client]);

  /** Opens another item: the running SCO is unloaded first (so it can save), then the launch is re-read so it resumes. */
  const open = useCallback(
    (to: string) => {
      if (to === currentId && !switching.current) return;
      const proceed = async () => {
        if (switching.current) window.clearTimeout(switching.current.timer);
        switching.current = null;
        await queue.flush();
        const fresh = queue.pendingCount() === 0 ? await refetch().catch(() => null) : null;
        if (fresh) {
          setLaunch(fresh);
          setStatuses(Object.fromEntries(fresh.items.map((i) => [i.id, i])));
        }
        setCurrentId(to);
        setFrameKey((k) => k + 1);
      };
      const frame = frameRef.current?.contentWindow;
      if (!frame) return void proceed();
      // A runtime page that does not answer (broken package) must not trap the learner.
      switching.current = { timer: window.setTimeout(() => void proceed(), 3000), proceed };
      frame.postMessage({ source: 'cchc-player', type: 'unload' } satisfies PlayerMessage, launch.contentOrigin);
    },
    [currentId, launch.contentOrigin, queue, refetch],
  );

  /** "Học lại từ đầu": a new attempt (the finished one is kept), opened at its first item. */
  const startOver = useCallback(async () => {
    await queue.flush();
    const fresh = await refetch(true).catch(() => null);
    if (!fresh) return;
    for (const item of fresh.items) queue.knowServerSeq(item.id, item.seq);
    setLaunch(fresh);
    setStatuses(Object.fromEntries(fresh.items.map((i) => [i.id, i])));
    setCurrentId(fresh.currentItemId);
    setFrameKey((k) => k + 1);
  }, [queue, refetch]);

  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== launch.contentOrigin || event.source !== frameRef.current?.contentWindow) return;
      const data = event.data as RuntimeMessage;
      if (!data || typeof data !== 'object' || data.source !== 'cchc-runtime') return;
      if (data.type === 'ready' && current?.launch) {
        const message: PlayerMessage = {
          source: 'cchc-player',
          type: 'launch',
          standard: launch.standard === 'scorm12' ? 'scorm12' : 'scorm2004',
          itemId: current.id,
          url: launch.contentBase + current.launch,
          values: current.resume,
        };
        frameRef.current?.contentWindow?.postMessage(message, launch.contentOrigin);
      } else if (data.type === 'commit') {
        if (data.itemId !== current?.id || !data.cmi || typeof data.cmi !== 'object') return;
        if (canSave) queue.add({ itemId: data.itemId, attempt: launch.attempt, cmi: data.cmi, terminated: !!data.terminated, elapsedSeconds: Math.min(864_000, Math.max(0, Number(data.elapsedSeconds) || 0)) });
        if (data.terminated && !switching.current) {
          const target = navigationTarget(String(data.navRequest ?? ''), launchable, index, { previous: previousId, next: nextId });
          if (target) open(target);
        }
      } else if (data.type === 'unloaded') {
        void switching.current?.proceed();
      }
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [launch, current, canSave, queue, launchable, index, open, previousId, nextId]);

  const [state, pending] = queueState.split(':');
  return (
    <div className="package-player" data-testid="package-player">
      {canSave && (
        <div className="package-attempt" data-testid="package-attempt" data-attempt={launch.attempt}>
          <span className="badge">{t('pkr.attempt', { n: launch.attempt })}</span>
          {launch.lessonResult && (
            <span data-testid="package-lesson-result">
              {t('pkr.lessonResult')}: {resultText(launch.lessonResult, t, formatNumber)}
            </span>
          )}
          {launch.attemptFinished && (
            <>
              <span className="muted small">{t('pkr.attemptFinished')}</span>
              <button type="button" className="button button-small" title={t('pkr.startOverHint')} onClick={() => void startOver()} data-testid="package-start-over">
                {t('pkr.startOver')}
              </button>
            </>
          )}
        </div>
      )}
      {launchable.length > 1 && (
        <nav className="package-toc" aria-label={t('package.contents')} data-testid="package-toc">
          <h2 className="small">{t('package.contents')}</h2>
          <ol>
            {launch.items.map((item) => {
              const s = statuses[item.id] ?? item;
              return (
                <li key={item.id} style={{ paddingInlineStart: `${item.depth}em` }} className={item.disabled ? 'package-disabled' : undefined} data-disabled={item.disabled || undefined}>
                  {item.launchable && (item.choosable || item.id === currentId) ? (
                    <button type="button" className={item.id === currentId ? 'current' : undefined} aria-current={item.id === currentId ? 'step' : undefined} onClick={() => open(item.id)} data-testid="package-toc-item">
                      {item.title}
                    </button>
                  ) : item.launchable ? (
                    <span data-testid="package-toc-item">{item.title}</span>
                  ) : (
                    <strong>{item.title}</strong>
                  )}
                  {item.launchable && item.disabled && <span className="badge">{t('pkr.disabled')}</span>}
                  {item.launchable && (
                    <span className={`badge package-status-${s.success !== 'unknown' ? s.success : s.completion.replace(' ', '-')}`} data-testid="package-item-status">
                      {statusLabel(s, t)}
                      {s.scoreScaled !== null && ` · ${t('package.score', { score: Math.round(s.scoreScaled * 100) })}`}
                    </span>
                  )}
                  {item.launchable && item.reason && item.id !== currentId && (
                    <span className="muted small package-reason" data-testid="package-item-reason">
                      {item.reason}
                    </span>
                  )}
                </li>
              );
            })}
          </ol>
        </nav>
      )}
      {current ? (
        <iframe
          key={`${current.id}-${frameKey}`}
          ref={frameRef}
          className="package-frame"
          title={current.title}
          src={`${launch.runtimeUrl}?item=${encodeURIComponent(current.id)}&n=${frameKey}`}
          sandbox="allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads"
          allow="fullscreen; autoplay"
          allowFullScreen
          data-testid="package-frame"
        />
      ) : (
        <p className="muted">{t('package.notUploaded')}</p>
      )}
      {launchable.length > 1 && (
        <div className="package-flow">
          <button type="button" className="button" disabled={!previousId} onClick={() => previousId && open(previousId)} data-testid="package-previous">
            {t('package.previous')}
          </button>
          <button type="button" className="button" disabled={!nextId} onClick={() => nextId && open(nextId)} data-testid="package-next">
            {t('package.next')}
          </button>
        </div>
      )}
      <p className="muted small" role="status" data-testid="package-save-state" data-state={canSave ? state : 'preview'}>
        {!canSave
          ? t('package.preview')
          : state === 'offline'
            ? t('package.queued', { n: Number(pending) })
            : state === 'saving'
              ? t('package.saving')
              : state === 'refused'
                ? t('package.refused', { message: queue.refusal ?? '' })
                : t('package.saved')}
      </p>
    </div>
  );
}

const pickSequencing = (i: PackageLaunchItemDto | undefined) => (i ? { disabled: i.disabled, skipped: i.skipped, flow: i.flow, choosable: i.choosable, reason: i.reason } : {});
