/**
 * The runtime page, served from the content origin (see apps/api/src/packages/content-server.ts). It runs the SCORM
 * API (scorm-again) as `window.API` / `window.API_1484_11` where the SCO, loaded in the frame below from the same
 * origin, finds it; every Commit/Terminate (and every 30 s of changes) is handed to the player in the parent frame by
 * postMessage. The player alone talks to the server, with the learner's session this origin cannot see.
 */
import { Scorm12API, Scorm2004API } from 'scorm-again';
import { isPlayerMessage, type LaunchMessage, type RuntimeMessage } from './messages';

const INTERVAL_MS = 30_000;
const frame = document.getElementById('sco') as HTMLIFrameElement;
let parentOrigin: string | null = null;
let started: { api: Scorm12API | Scorm2004API; launch: LaunchMessage; startedAt: number } | null = null;
let lastSent = '';
let terminated = false;

function tell(message: RuntimeMessage): void {
  if (parentOrigin) window.parent.postMessage(message, parentOrigin);
}

function commit(isTerminate: boolean): void {
  if (!started || terminated) return;
  const { api, launch, startedAt } = started;
  const cmi = api.renderCMIToJSONObject() as Record<string, unknown>;
  const json = JSON.stringify(cmi);
  if (!isTerminate && json === lastSent) return;
  lastSent = json;
  if (isTerminate) terminated = true;
  const nav = launch.standard === 'scorm2004' ? ((api as Scorm2004API).adl?.nav?.request ?? '') : '';
  tell({ source: 'cchc-runtime', type: 'commit', itemId: launch.itemId, cmi, terminated: isTerminate, elapsedSeconds: (Date.now() - startedAt) / 1000, navRequest: String(nav) });
}

function start(launch: LaunchMessage): void {
  const settings = { autocommit: false, lmsCommitUrl: false, logLevel: 5 as const };
  const api = launch.standard === 'scorm12' ? new Scorm12API(settings) : new Scorm2004API(settings);
  api.loadFromFlattenedJSON(launch.values, '');
  const w = window as unknown as { API?: unknown; API_1484_11?: unknown };
  if (launch.standard === 'scorm12') {
    w.API = api;
    api.on('LMSCommit', () => commit(false));
    api.on('LMSFinish', () => commit(true));
  } else {
    w.API_1484_11 = api;
    api.on('Commit', () => commit(false));
    api.on('Terminate', () => commit(true));
  }
  started = { api, launch, startedAt: Date.now() };
  window.setInterval(() => {
    if (api.isInitialized() && !api.isTerminated()) commit(false);
  }, INTERVAL_MS);
  frame.src = launch.url;
}

window.addEventListener('message', (event) => {
  if (event.source !== window.parent || !isPlayerMessage(event.data)) return;
  const message = event.data;
  if (message.type === 'launch') {
    if (started) return;
    parentOrigin = event.origin;
    start(message);
  } else if (message.type === 'unload' && event.origin === parentOrigin) {
    // Unloading the SCO lets it call LMSFinish/Terminate from its own unload handler; what it never committed is sent now.
    frame.addEventListener(
      'load',
      () => {
        if (started?.api.isInitialized() && !started.api.isTerminated()) commit(false);
        tell({ source: 'cchc-runtime', type: 'unloaded' });
      },
      { once: true },
    );
    frame.src = 'about:blank';
  }
});

window.addEventListener('pagehide', () => commit(false));
// The first message carries nothing: the player answers with the launch data, and from then on only its origin is told.
window.parent.postMessage({ source: 'cchc-runtime', type: 'ready' } satisfies RuntimeMessage, '*');
