import type { Cmi5MoveOn } from './manifest';

/** The cmi5 verbs (cmi5 §9.3), by their IRIs. */
export const CMI5_VERBS = {
  launched: 'http://adlnet.gov/expapi/verbs/launched',
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  abandoned: 'https://w3id.org/xapi/adl/verbs/abandoned',
  waived: 'https://w3id.org/xapi/adl/verbs/waived',
  terminated: 'http://adlnet.gov/expapi/verbs/terminated',
  satisfied: 'https://w3id.org/xapi/adl/verbs/satisfied',
} as const;

export type Cmi5Verb = keyof typeof CMI5_VERBS;
const VERB_BY_IRI = new Map<string, Cmi5Verb>(Object.entries(CMI5_VERBS).map(([k, v]) => [v, k as Cmi5Verb]));
/** Statements only the LMS makes; an AU sending one is refused. */
const LMS_ONLY: ReadonlySet<Cmi5Verb> = new Set(['launched', 'abandoned', 'waived', 'satisfied']);

export const CMI5_SESSION_EXTENSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
export const CMI5_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
export const CMI5_MOVEON_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/moveon';

/** What the LMS knows of one AU session and of the AU across the registration. */
export interface Cmi5SessionState {
  sessionId: string;
  registration: string;
  activityId: string;
  /** The actor the session was launched for (compared by its account). */
  actorAccount: { homePage: string; name: string };
  masteryScore: number | null;
  moveOn: Cmi5MoveOn;
  /** In this session. */
  initialized: boolean;
  terminated: boolean;
  /** Across the registration (a completed/passed AU stays so). */
  completed: boolean;
  passed: boolean;
  /** In this session (a later session may pass after a fail). */
  failed: boolean;
  /** The launch mode written in LMS.LaunchData: in Browse/Review mode no completion or success is accepted. */
  launchMode: 'Normal' | 'Browse' | 'Review';
}

export type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

/** The verb of a statement, when it is one cmi5 defines. */
export function cmi5Verb(statement: Json): Cmi5Verb | null {
  return VERB_BY_IRI.get(String(obj(statement.verb).id ?? '')) ?? null;
}

/**
 * Checks a statement an AU sends in a session against cmi5's rules (§9, §10); null when it may be stored, otherwise
 * the rule it breaks (the LRS answers 403 naming it). Statements with other verbs ("cmi5 allowed") need only the
 * session's actor, registration and, once the session is over, are refused too.
 */
export function cmi5Violation(state: Cmi5SessionState, statement: Json): string | null {
  const account = obj(obj(statement.actor).account);
  if (account.homePage !== state.actorAccount.homePage || account.name !== state.actorAccount.name) return 'the actor must be the launched learner (cmi5 §9.2)';
  const context = obj(statement.context);
  if (String(context.registration ?? '').toLowerCase() !== state.registration.toLowerCase()) return 'context.registration must be the launch registration (cmi5 §9.6.1)';
  const verb = cmi5Verb(statement);
  if (state.terminated) return 'the session is terminated: no statement may follow "terminated" (cmi5 §9.3.8)';
  if (!verb) return state.initialized ? null : 'the first statement of a session must be "initialized" (cmi5 §9.3.2)';
  if (LMS_ONLY.has(verb)) return `"${verb}" is made by the LMS, not the AU (cmi5 §9.3)`;
  if (String(obj(statement.object).id ?? '') !== state.activityId) return 'object.id must be the AU\'s activity id (cmi5 §9.4)';
  if (obj(context.extensions)[CMI5_SESSION_EXTENSION] !== state.sessionId) return 'context.extensions must carry the session id (cmi5 §9.6.3.1)';
  const categories = (obj(context.contextActivities).category as Json[] | undefined) ?? [];
  if (!Array.isArray(categories) || !categories.some((c) => obj(c).id === CMI5_CATEGORY)) return 'a cmi5 defined statement must carry the cmi5 category (cmi5 §9.6.2.1)';
  if (verb === 'initialized') return state.initialized ? 'a session is initialized once (cmi5 §9.3.2)' : null;
  if (!state.initialized) return 'the first statement of a session must be "initialized" (cmi5 §9.3.2)';
  if (verb === 'terminated') return null;
  if (state.launchMode !== 'Normal') return `no "${verb}" in ${state.launchMode} mode (cmi5 §10.2.2)`;
  const result = obj(statement.result);
  const scaled = typeof obj(result.score).scaled === 'number' ? (obj(result.score).scaled as number) : null;
  if (verb === 'completed') {
    if (state.completed) return 'an AU is completed once per registration (cmi5 §9.3.3)';
    if (result.completion !== true) return '"completed" needs result.completion true (cmi5 §9.5.3)';
    return null;
  }
  if (verb === 'passed') {
    if (state.passed || state.failed) return 'an AU is judged passed or failed once (cmi5 §9.3.4)';
    if (result.success !== true) return '"passed" needs result.success true (cmi5 §9.5.2)';
    if (state.masteryScore !== null && (scaled === null || scaled < state.masteryScore)) return `"passed" needs result.score.scaled at or above the mastery score ${state.masteryScore} (cmi5 §9.3.4)`;
    return null;
  }
  if (verb === 'failed') {
    if (state.passed || state.failed) return 'an AU is judged passed or failed once (cmi5 §9.3.5)';
    if (result.success !== false) return '"failed" needs result.success false (cmi5 §9.5.2)';
    if (state.masteryScore !== null && scaled !== null && scaled >= state.masteryScore) return `"failed" needs result.score.scaled below the mastery score ${state.masteryScore} (cmi5 §9.3.5)`;
    return null;
  }
  return null;
}

/** The state after an accepted statement. */
export function afterStatement(state: Cmi5SessionState, statement: Json): Cmi5SessionState {
  const verb = cmi5Verb(statement);
  if (!verb) return state;
  return {
    ...state,
    initialized: state.initialized || verb === 'initialized',
    terminated: state.terminated || verb === 'terminated',
    completed: state.completed || verb === 'completed',
    passed: state.passed || verb === 'passed',
    failed: state.failed || verb === 'failed',
  };
}

/** Whether an AU's moveOn criterion is met (cmi5 §10.2.4 "moveOn"). */
export function moveOnSatisfied(moveOn: Cmi5MoveOn, s: { completed: boolean; passed: boolean }): boolean {
  switch (moveOn) {
    case 'Completed':
      return s.completed;
    case 'Passed':
      return s.passed;
    case 'CompletedAndPassed':
      return s.completed && s.passed;
    case 'CompletedOrPassed':
      return s.completed || s.passed;
    case 'NotApplicable':
      return true;
  }
}

/**
 * Whether a learner may open an AU in a launch mode (cmi5 §10.2.2 launchMode): Normal always; Review once the AU is
 * satisfied or was completed/passed in the registration (to look back at it; nothing it says then changes the
 * result); Browse only where the deployment allows it (CMI5_BROWSE) and before the AU is satisfied. Returns the
 * Vietnamese reason for a refusal, or null.
 */
export function launchModeRefusal(mode: 'Normal' | 'Browse' | 'Review', au: { satisfied: boolean; judged: boolean; browseAllowed: boolean }): string | null {
  if (mode === 'Review' && !au.satisfied && !au.judged) return 'Chỉ xem lại được bài đã hoàn thành hoặc đã đạt.';
  if (mode === 'Browse' && !au.browseAllowed) return 'Khóa học này không cho phép xem lướt (Browse).';
  if (mode === 'Browse' && au.satisfied) return 'Bài này đã đạt yêu cầu: hãy mở ở chế độ xem lại.';
  return null;
}
