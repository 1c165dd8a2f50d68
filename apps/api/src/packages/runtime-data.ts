import type { PackageCompletion, PackageStandard, PackageSuccess } from '@cchc/shared';
import type { PackageItem } from './manifest';

/** What the server keeps of one item's runtime data (the rest stays in the raw CMI JSON). */
export interface RuntimeSummary {
  completion: PackageCompletion;
  success: PackageSuccess;
  scoreScaled: number | null;
  scoreRaw: number | null;
  scoreMin: number | null;
  scoreMax: number | null;
  location: string;
  suspendData: string;
  /** SCORM 1.2 cmi.core.exit / 2004 cmi.exit: "suspend" means the next session resumes. */
  exit: string;
  sessionSeconds: number;
  interactions: unknown[];
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const num = (v: unknown): number | null => {
  const s = str(v).trim();
  if (s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
};
/** The runtime's collections come as arrays, objects keyed 0..n, or scorm-again's `{ childArray: [...] }`. */
const list = (v: unknown): unknown[] => {
  if (Array.isArray(v)) return v;
  const o = obj(v);
  if (Array.isArray(o.childArray)) return o.childArray as unknown[];
  return Object.keys(o)
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => o[k]);
};

/** SCORM 1.2 CMITimespan `HHHH:MM:SS.SS`, in seconds (0 when malformed). */
export function scorm12Seconds(value: string): number {
  const m = /^(\d{2,4}):(\d{2}):(\d{2})(\.\d{1,2})?$/.exec(value.trim());
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4] ?? 0) : 0;
}

/** SCORM 2004 timeinterval (ISO 8601 duration, `P[nY][nM][nD][T[nH][nM][n.nS]]`), in seconds (0 when malformed). */
export function iso8601Seconds(value: string): number {
  const m = /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value.trim());
  if (!m || value.trim() === 'P' || value.trim().endsWith('T')) return 0;
  const [, y, mo, d, h, mi, s] = m.map((x) => Number(x ?? 0));
  return y * 365 * 86400 + mo * 30 * 86400 + d * 86400 + h * 3600 + mi * 60 + s;
}

export function scorm12Timespan(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const h = Math.min(9999, Math.floor(whole / 3600));
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  return `${String(h).padStart(4, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

export function iso8601Duration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds * 100) / 100);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = Math.round((whole % 60) * 100) / 100;
  return `PT${h}H${m}M${s}S`;
}

/** The CMI object, whether the runtime wrapped it in `{ cmi: … }` or not. */
function cmiRoot(cmi: Json): Json {
  return 'cmi' in cmi && typeof cmi.cmi === 'object' ? obj(cmi.cmi) : cmi;
}

/** Reads what the server keeps from a committed CMI data model (SCORM 1.2 or 2004). */
export function summariseCmi(standard: PackageStandard, raw: Json): RuntimeSummary {
  const cmi = cmiRoot(raw);
  if (standard === 'scorm12') {
    const core = obj(cmi.core);
    const status = str(core.lesson_status);
    const score = obj(core.score);
    const rawScore = num(score.raw);
    const min = num(score.min);
    const max = num(score.max);
    return {
      completion: status === 'passed' || status === 'completed' || status === 'failed' ? 'completed' : status === 'incomplete' || status === 'browsed' ? 'incomplete' : status === 'not attempted' ? 'not attempted' : 'unknown',
      success: status === 'passed' ? 'passed' : status === 'failed' ? 'failed' : 'unknown',
      scoreScaled: scaled12(rawScore, min, max),
      scoreRaw: rawScore,
      scoreMin: min,
      scoreMax: max,
      location: str(core.lesson_location),
      suspendData: str(cmi.suspend_data),
      exit: str(core.exit),
      sessionSeconds: scorm12Seconds(str(core.session_time)),
      interactions: list(cmi.interactions),
    };
  }
  const score = obj(cmi.score);
  const completion = str(cmi.completion_status);
  const success = str(cmi.success_status);
  const scaled = num(score.scaled);
  return {
    completion: completion === 'completed' || completion === 'incomplete' || completion === 'not attempted' ? completion : 'unknown',
    success: success === 'passed' || success === 'failed' ? success : 'unknown',
    scoreScaled: scaled === null ? null : Math.max(-1, Math.min(1, scaled)),
    scoreRaw: num(score.raw),
    scoreMin: num(score.min),
    scoreMax: num(score.max),
    location: str(cmi.location),
    suspendData: str(cmi.suspend_data),
    exit: str(cmi.exit),
    sessionSeconds: iso8601Seconds(str(cmi.session_time)),
    interactions: list(cmi.interactions),
  };
}

/** SCORM 1.2 has no scaled score: raw within [min, max] (0–100 when the package gives no range). */
function scaled12(raw: number | null, min: number | null, max: number | null): number | null {
  if (raw === null) return null;
  const lo = min ?? 0;
  const hi = max ?? 100;
  if (hi <= lo) return null;
  return Math.max(0, Math.min(1, (raw - lo) / (hi - lo)));
}

/** An item counts as done when passed, or completed without a fail (SCORM 1.2 "completed"/"passed"). */
export function itemDone(s: { completion: PackageCompletion; success: PackageSuccess }): boolean {
  return s.success === 'passed' || (s.completion === 'completed' && s.success !== 'failed');
}

/** A completed/passed status never goes back (a replayed old commit, another device's stale tab). */
export function keepProgress(before: RuntimeSummary | null, after: RuntimeSummary): RuntimeSummary {
  if (!before) return after;
  const rank = (c: PackageCompletion) => ['unknown', 'not attempted', 'incomplete', 'completed'].indexOf(c);
  return {
    ...after,
    completion: rank(before.completion) > rank(after.completion) ? before.completion : after.completion,
    success: before.success === 'passed' && after.success !== 'passed' ? 'passed' : after.success,
    scoreScaled: before.success === 'passed' && after.success !== 'passed' ? before.scoreScaled : after.scoreScaled,
  };
}

export interface Learner {
  id: string;
  name: string;
}

/**
 * The values loaded into the runtime before the SCO starts (flattened `cmi.*` keys, scorm-again's
 * loadFromFlattenedJSON): who the learner is, the item's manifest data, and what was stored, so it resumes.
 */
export function resumeValues(standard: PackageStandard, item: PackageItem, learner: Learner, stored: (RuntimeSummary & { totalSeconds: number }) | null): Record<string, string> {
  const suspended = stored?.exit === 'suspend';
  if (standard === 'scorm12') {
    const v: Record<string, string> = {
      'cmi.core.student_id': learner.id,
      'cmi.core.student_name': learner.name,
      'cmi.core.credit': 'credit',
      'cmi.core.lesson_mode': 'normal',
      'cmi.core.entry': !stored || stored.completion === 'not attempted' ? 'ab-initio' : suspended ? 'resume' : '',
      'cmi.core.total_time': scorm12Timespan(stored?.totalSeconds ?? 0),
    };
    if (item.launchData) v['cmi.launch_data'] = item.launchData;
    if (item.masteryScore !== undefined) v['cmi.student_data.mastery_score'] = String(item.masteryScore);
    if (stored) {
      const status = stored.success !== 'unknown' ? stored.success : stored.completion === 'completed' ? 'completed' : stored.completion === 'incomplete' ? 'incomplete' : '';
      if (status) v['cmi.core.lesson_status'] = status;
      if (stored.location) v['cmi.core.lesson_location'] = stored.location;
      if (stored.suspendData) v['cmi.suspend_data'] = stored.suspendData;
      if (stored.scoreRaw !== null) v['cmi.core.score.raw'] = String(stored.scoreRaw);
      if (stored.scoreMin !== null) v['cmi.core.score.min'] = String(stored.scoreMin);
      if (stored.scoreMax !== null) v['cmi.core.score.max'] = String(stored.scoreMax);
    }
    return v;
  }
  const v: Record<string, string> = {
    'cmi.learner_id': learner.id,
    'cmi.learner_name': learner.name,
    'cmi.credit': 'credit',
    'cmi.mode': 'normal',
    'cmi.entry': !stored || stored.completion === 'not attempted' ? 'ab-initio' : suspended ? 'resume' : '',
    'cmi.total_time': iso8601Duration(stored?.totalSeconds ?? 0),
  };
  if (item.launchData) v['cmi.launch_data'] = item.launchData;
  if (item.scaledPassingScore !== undefined) v['cmi.scaled_passing_score'] = String(item.scaledPassingScore);
  if (item.completionThreshold !== undefined) v['cmi.completion_threshold'] = String(item.completionThreshold);
  if (stored) {
    if (stored.completion !== 'unknown') v['cmi.completion_status'] = stored.completion;
    if (stored.success !== 'unknown') v['cmi.success_status'] = stored.success;
    if (stored.location) v['cmi.location'] = stored.location;
    if (stored.suspendData) v['cmi.suspend_data'] = stored.suspendData;
    if (stored.scoreScaled !== null) v['cmi.score.scaled'] = String(stored.scoreScaled);
    if (stored.scoreRaw !== null) v['cmi.score.raw'] = String(stored.scoreRaw);
    if (stored.scoreMin !== null) v['cmi.score.min'] = String(stored.scoreMin);
    if (stored.scoreMax !== null) v['cmi.score.max'] = String(stored.scoreMax);
  }
  return v;
}

/** cmi.objectives the SCO reported (SCORM 2004 success_status; 1.2 status), by objective id. */
export function cmiObjectives(standard: PackageStandard, raw: Json): Record<string, PackageSuccess> {
  const out: Record<string, PackageSuccess> = {};
  for (const o of list(cmiRoot(raw).objectives)) {
    const entry = obj(o);
    const id = str(entry.id);
    if (!id) continue;
    const status = standard === 'scorm12' ? str(entry.status) : str(entry.success_status);
    out[id] = status === 'passed' ? 'passed' : status === 'failed' ? 'failed' : 'unknown';
  }
  return out;
}

/** One interaction as people read it (both SCORM versions' field names mapped onto 2004's). */
export interface InteractionView {
  id: string;
  type: string;
  learnerResponse: string;
  result: string;
  correctResponses: string[];
  latency: string;
  timestamp: string;
  description: string;
}

/** The stored cmi.interactions entries, normalised; entries without an id are dropped, texts cut to a sane length. */
export function interactionViews(standard: PackageStandard, interactions: unknown[]): InteractionView[] {
  const cut = (v: unknown, n = 1000) => str(v).slice(0, n);
  return interactions
    .map((raw) => {
      const e = obj(raw);
      return {
        id: cut(e.id, 255),
        type: cut(e.type, 40),
        learnerResponse: cut(standard === 'scorm12' ? (e.student_response ?? e.learner_response) : e.learner_response),
        result: cut(e.result, 40),
        correctResponses: list(e.correct_responses)
          .map((c) => cut(obj(c).pattern ?? c))
          .filter((c) => c !== '')
          .slice(0, 20),
        latency: cut(e.latency, 40),
        timestamp: cut(standard === 'scorm12' ? (e.time ?? e.timestamp) : e.timestamp, 40),
        description: cut(e.description, 500),
      };
    })
    .filter((i) => i.id !== '');
}
