import { createHash } from 'node:crypto';

/**
 * The platform's own xAPI profile: each learning event becomes one statement in our LRS, written in the event's
 * transaction, with a statement id derived from the event (so a retried event never makes a second statement).
 *
 * Activities: `<site>/xapi/activities/<type>/<id>`; activity types and verbs are ADL's where ADL has one:
 *
 * | event                    | verb                                         | object type (definition.type)                          |
 * |--------------------------|----------------------------------------------|--------------------------------------------------------|
 * | lesson completed         | http://adlnet.gov/expapi/verbs/completed     | http://adlnet.gov/expapi/activities/lesson             |
 * | course completed         | http://adlnet.gov/expapi/verbs/completed     | http://adlnet.gov/expapi/activities/course             |
 * | certificate issued       | http://id.tincanapi.com/verb/earned          | https://w3id.org/xapi/acrossx/activities/certificate   |
 * | test attempt submitted   | http://adlnet.gov/expapi/verbs/passed/failed | http://adlnet.gov/expapi/activities/assessment         |
 * | in-person session        | http://adlnet.gov/expapi/verbs/attended      | http://adlnet.gov/expapi/activities/meeting            |
 * | remedial completed       | http://adlnet.gov/expapi/verbs/completed     | <site>/xapi/activity-types/remedial-plan               |
 *
 * The actor is the account, `{ account: { homePage: <site>, name: <username> } }` (a person without an account:
 * `person:<id>`), filled in by the insert; no name or e-mail unless XAPI_ACTOR_NAME=true.
 * Extensions: `<site>/xapi/extensions/topic-scores` (per-topic results of an attempt: topic id, code, correct,
 * total, score on 10), `…/score-10` (the Vietnamese 10-point score), `…/band`, `…/certificate-code`.
 */

export type LearningEvent =
  | {
      kind: 'lesson_completed';
      personId: string;
      lessonId: string;
      lessonTitle: string;
      courseId: string;
      at: Date;
      /** An e-lecture package's score and success (scaled −1..1; raw within min..max), when it reported them. */
      result?: { scoreScaled: number | null; scoreRaw: number | null; scoreMin: number | null; scoreMax: number | null; success: 'passed' | 'failed' | 'unknown' };
    }
  | { kind: 'course_completed'; personId: string; courseId: string; courseTitle: string; at: Date }
  | { kind: 'certificate_issued'; personId: string; courseId: string; courseTitle: string; certificateCode: string; at: Date }
  | {
      kind: 'attempt_submitted';
      personId: string;
      attemptId: string;
      roundId: string;
      roundName: string;
      /** 10-point score, 2 decimals. */
      score: number;
      passed: boolean;
      band: string | null;
      topics: { topicId: string; correct: number; total: number; score: number }[];
      at: Date;
    }
  | { kind: 'session_attended'; personId: string; sessionId: string; sessionTitle: string; at: Date }
  | { kind: 'remedial_completed'; personId: string; assignmentId: string; roundId: string; at: Date };

/** A statement of ours, without its actor (the insert resolves the person's account). */
export interface OwnStatement {
  id: string;
  personId: string;
  statement: Record<string, unknown>;
  verbId: string;
  objectActivityId: string;
  relatedActivities: string[];
}

export const VERBS = {
  completed: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'vi-VN': 'đã hoàn thành', 'en-US': 'completed' } },
  passed: { id: 'http://adlnet.gov/expapi/verbs/passed', display: { 'vi-VN': 'đã đạt', 'en-US': 'passed' } },
  failed: { id: 'http://adlnet.gov/expapi/verbs/failed', display: { 'vi-VN': 'chưa đạt', 'en-US': 'failed' } },
  attended: { id: 'http://adlnet.gov/expapi/verbs/attended', display: { 'vi-VN': 'đã tham dự', 'en-US': 'attended' } },
  earned: { id: 'http://id.tincanapi.com/verb/earned', display: { 'vi-VN': 'đã được cấp', 'en-US': 'earned' } },
} as const;

/** xAPI result of a completed lesson: completion, and a package's score (only the parts it gave) and success. */
function lessonResult(r: Extract<LearningEvent, { kind: 'lesson_completed' }>['result']): Record<string, unknown> {
  const out: Record<string, unknown> = { completion: true };
  if (!r) return out;
  const score: Record<string, number> = {};
  if (r.scoreScaled !== null) score.scaled = Math.max(-1, Math.min(1, r.scoreScaled));
  // xAPI: raw must lie within min..max when those are given; a package breaking that keeps only its scaled score.
  const rawOk = r.scoreRaw !== null && (r.scoreMin === null || r.scoreRaw >= r.scoreMin) && (r.scoreMax === null || r.scoreRaw <= r.scoreMax) && (r.scoreMin === null || r.scoreMax === null || r.scoreMin < r.scoreMax);
  if (rawOk) {
    score.raw = r.scoreRaw!;
    if (r.scoreMin !== null) score.min = r.scoreMin;
    if (r.scoreMax !== null) score.max = r.scoreMax;
  }
  if (Object.keys(score).length) out.score = score;
  if (r.success !== 'unknown') out.success = r.success === 'passed';
  return out;
}

/** A name-based UUID (version 5 layout, SHA-1) of the event: the same event always gets the same statement id. */
export function eventStatementId(key: string): string {
  const h = createHash('sha1').update(`cchc-learn/xapi/${key}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function buildLearningStatement(e: LearningEvent, site: string): OwnStatement {
  const activity = (type: string, id: string, name: string, definitionType: string) => ({
    objectType: 'Activity',
    id: `${site}/xapi/activities/${type}/${id}`,
    definition: { name: { 'vi-VN': name }, type: definitionType },
  });
  const ext = (name: string) => `${site}/xapi/extensions/${name}`;
  const base = (key: string, verb: { id: string }, object: { id: string }, extra: Record<string, unknown> = {}, parents: string[] = []): OwnStatement => {
    const context = {
      ...((extra.context as object | undefined) ?? {}),
      platform: 'cchc-learn',
      language: 'vi-VN',
      ...(parents.length ? { contextActivities: { parent: parents.map((id) => ({ id })) } } : {}),
    };
    const statement: Record<string, unknown> = { id: eventStatementId(key), verb, object, timestamp: e.at.toISOString(), ...extra, context };
    return { id: statement.id as string, personId: e.personId, statement, verbId: verb.id, objectActivityId: object.id, relatedActivities: [object.id, ...parents] };
  };
  switch (e.kind) {
    case 'lesson_completed':
      return base(
        `lesson-completed/${e.personId}/${e.lessonId}`,
        VERBS.completed,
        activity('lesson', e.lessonId, e.lessonTitle, 'http://adlnet.gov/expapi/activities/lesson'),
        { result: lessonResult(e.result) },
        [`${site}/xapi/activities/course/${e.courseId}`],
      );
    case 'course_completed':
      return base(`course-completed/${e.personId}/${e.courseId}`, VERBS.completed, activity('course', e.courseId, e.courseTitle, 'http://adlnet.gov/expapi/activities/course'), {
        result: { completion: true },
      });
    case 'certificate_issued':
      return base(
        `certificate/${e.personId}/${e.courseId}`,
        VERBS.earned,
        activity('certificate', e.certificateCode, `Chứng nhận hoàn thành: ${e.courseTitle}`, 'https://w3id.org/xapi/acrossx/activities/certificate'),
        { result: { extensions: { [ext('certificate-code')]: e.certificateCode } } },
        [`${site}/xapi/activities/course/${e.courseId}`],
      );
    case 'attempt_submitted':
      return base(
        `attempt-submitted/${e.attemptId}`,
        e.passed ? VERBS.passed : VERBS.failed,
        activity('test-round', e.roundId, e.roundName, 'http://adlnet.gov/expapi/activities/assessment'),
        {
          result: {
            score: { scaled: Math.round((e.score / 10) * 10000) / 10000, raw: e.score, min: 0, max: 10 },
            success: e.passed,
            completion: true,
            extensions: {
              [ext('score-10')]: e.score,
              [ext('band')]: e.band,
              [ext('topic-scores')]: e.topics.map((t) => ({ topicId: t.topicId, correct: t.correct, total: t.total, score: t.score })),
            },
          },
          context: { extensions: { [ext('attempt-id')]: e.attemptId } },
        },
      );
    case 'session_attended':
      return base(`session-attended/${e.personId}/${e.sessionId}`, VERBS.attended, activity('training-session', e.sessionId, e.sessionTitle, 'http://adlnet.gov/expapi/activities/meeting'));
    case 'remedial_completed':
      return base(
        `remedial-completed/${e.assignmentId}`,
        VERBS.completed,
        activity('remedial', e.assignmentId, 'Ôn tập sau kiểm tra', `${site}/xapi/activity-types/remedial-plan`),
        { result: { completion: true } },
        [`${site}/xapi/activities/test-round/${e.roundId}`],
      );
  }
}
