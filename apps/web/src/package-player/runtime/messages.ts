/**
 * The messages between the player (the app's origin) and the runtime page (the content origin). The runtime page
 * hosts the SCORM API beside the SCO; it holds no credential, so everything it says is only data for the player to
 * check and store with the learner's own session.
 */
export interface LaunchMessage {
  source: 'cchc-player';
  type: 'launch';
  standard: 'scorm12' | 'scorm2004';
  itemId: string;
  /** Absolute URL of the SCO on the content origin. */
  url: string;
  /** Flattened `cmi.*` values to load before the SCO starts. */
  values: Record<string, string>;
}

export interface UnloadMessage {
  source: 'cchc-player';
  type: 'unload';
}

export type PlayerMessage = LaunchMessage | UnloadMessage;

export type RuntimeMessage =
  | { source: 'cchc-runtime'; type: 'ready' }
  | {
      source: 'cchc-runtime';
      type: 'commit';
      itemId: string;
      cmi: Record<string, unknown>;
      terminated: boolean;
      elapsedSeconds: number;
      /** SCORM 2004 adl.nav.request at Terminate: continue, previous, {target=ID}choice, exit, exitAll, suspendAll. */
      navRequest: string;
    }
  | { source: 'cchc-runtime'; type: 'unloaded' };

export function isRuntimeMessage(data: unknown): data is RuntimeMessage {
  return !!data && typeof data === 'object' && (data as { source?: unknown }).source === 'cchc-runtime';
}

export function isPlayerMessage(data: unknown): data is PlayerMessage {
  return !!data && typeof data === 'object' && (data as { source?: unknown }).source === 'cchc-player';
}
