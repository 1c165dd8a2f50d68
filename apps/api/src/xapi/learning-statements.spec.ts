import { validateStatement } from '@cchc/shared';
import { buildLearningStatement, eventStatementId, LearningEvent } from './learning-statements';

const site = 'https://hoc.khanhhoa.gov.vn';
const at = new Date('2026-03-01T02:00:00Z');
const person = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

const events: LearningEvent[] = [
  { kind: 'lesson_completed', personId: person, lessonId: id(1), lessonTitle: 'Bài 1: Khái niệm CCHC', courseId: id(2), at },
  { kind: 'course_completed', personId: person, courseId: id(2), courseTitle: 'Cải cách thủ tục hành chính', at },
  { kind: 'certificate_issued', personId: person, courseId: id(2), courseTitle: 'Cải cách thủ tục hành chính', certificateCode: 'ABCD-EFGH-2345', at },
  {
    kind: 'attempt_submitted', personId: person, attemptId: id(3), roundId: id(4), roundName: 'Kiểm tra quý I', score: 7.5, passed: true, band: 'Khá',
    topics: [{ topicId: id(5), correct: 3, total: 4, score: 7.5 }], at,
  },
  { kind: 'attempt_submitted', personId: person, attemptId: id(6), roundId: id(4), roundName: 'Kiểm tra quý I', score: 2, passed: false, band: null, topics: [], at },
  { kind: 'session_attended', personId: person, sessionId: id(7), sessionTitle: 'Hội nghị tập huấn CCHC', at },
  { kind: 'remedial_completed', personId: person, assignmentId: id(8), roundId: id(4), at },
];

describe('the platform xAPI profile', () => {
  it.each(events.map((e) => [e.kind, e] as const))('%s builds a statement that passes the LRS validation', (_kind, event) => {
    const own = buildLearningStatement(event, site);
    // The insert adds the actor, authority, version and stored; everything else must already be valid xAPI.
    expect(() => validateStatement({ ...own.statement, actor: { account: { homePage: site, name: 'hocvien' } } })).not.toThrow();
    expect(own.statement.timestamp).toBe('2026-03-01T02:00:00.000Z');
    expect(own.objectActivityId.startsWith(`${site}/xapi/activities/`)).toBe(true);
  });

  it('uses ADL verbs and says pass or fail with the scaled score, the 10-point score and per-topic results', () => {
    const passed = buildLearningStatement(events[3], site);
    expect(passed.verbId).toBe('http://adlnet.gov/expapi/verbs/passed');
    expect(passed.statement.result).toMatchObject({ score: { scaled: 0.75, raw: 7.5, min: 0, max: 10 }, success: true });
    const ext = (passed.statement.result as { extensions: Record<string, unknown> }).extensions;
    expect(ext[`${site}/xapi/extensions/topic-scores`]).toEqual([{ topicId: id(5), correct: 3, total: 4, score: 7.5 }]);
    expect(buildLearningStatement(events[4], site).verbId).toBe('http://adlnet.gov/expapi/verbs/failed');
    expect(buildLearningStatement(events[5], site).verbId).toBe('http://adlnet.gov/expapi/verbs/attended');
  });

  it('gives the same event the same statement id, and different events different ids', () => {
    expect(buildLearningStatement(events[0], site).id).toBe(buildLearningStatement({ ...events[0], at: new Date() } as LearningEvent, site).id);
    expect(new Set(events.map((e) => buildLearningStatement(e, site).id)).size).toBe(events.length);
    expect(eventStatementId('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('carries no personal data: no name, e-mail or staff code in what it builds', () => {
    const text = JSON.stringify(events.map((e) => buildLearningStatement(e, site).statement));
    expect(text).not.toMatch(/mbox|actor|"name":"[^{]/);
  });
});
