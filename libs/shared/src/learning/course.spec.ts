import { PersonCategory } from '../people/person';
import {
  audienceIncludes,
  completionRuleProblem,
  formatVerificationCode,
  isCourseCompleted,
  LearningStatus,
  learningStatus,
  normaliseVerificationCode,
  progressSummary,
  requiredLessonIds,
  VERIFICATION_CODE_PATTERN,
} from './course';

describe('completion rules', () => {
  const lessons = ['a', 'b', 'c'];

  it('all lessons: complete only when every lesson is done', () => {
    expect(isCourseCompleted({ rule: { kind: 'all_lessons' }, lessonIds: lessons, completedLessonIds: ['a', 'b'] })).toBe(false);
    expect(isCourseCompleted({ rule: { kind: 'all_lessons' }, lessonIds: lessons, completedLessonIds: ['c', 'b', 'a'] })).toBe(true);
  });

  it('all lessons: a course without lessons is never completed', () => {
    expect(isCourseCompleted({ rule: { kind: 'all_lessons' }, lessonIds: [], completedLessonIds: [] })).toBe(false);
  });

  it('chosen lessons: only the chosen ones matter', () => {
    const rule = { kind: 'chosen_lessons', lessonIds: ['a', 'c'] } as const;
    expect(isCourseCompleted({ rule: { ...rule, lessonIds: [...rule.lessonIds] }, lessonIds: lessons, completedLessonIds: ['a'] })).toBe(false);
    expect(isCourseCompleted({ rule: { ...rule, lessonIds: [...rule.lessonIds] }, lessonIds: lessons, completedLessonIds: ['a', 'c'] })).toBe(true);
  });

  it('chosen lessons that were all deleted fall back to all lessons', () => {
    expect(requiredLessonIds({ kind: 'chosen_lessons', lessonIds: ['gone'] }, lessons)).toEqual(lessons);
    expect(requiredLessonIds({ kind: 'chosen_lessons', lessonIds: ['gone', 'b'] }, lessons)).toEqual(['b']);
  });

  it('final quiz: lessons do not complete the course, a reported pass does', () => {
    const rule = { kind: 'final_quiz', testRoundId: 'r1' } as const;
    expect(isCourseCompleted({ rule, lessonIds: lessons, completedLessonIds: lessons })).toBe(false);
    expect(isCourseCompleted({ rule, lessonIds: lessons, completedLessonIds: [], quizPassed: true })).toBe(true);
    expect(requiredLessonIds(rule, lessons)).toEqual([]);
  });

  it('progress counts required lessons only', () => {
    expect(progressSummary({ kind: 'all_lessons' }, lessons, ['a'])).toEqual({ done: 1, total: 3, percent: 33 });
    expect(progressSummary({ kind: 'chosen_lessons', lessonIds: ['a', 'b'] }, lessons, ['a', 'c'])).toEqual({ done: 1, total: 2, percent: 50 });
    expect(progressSummary({ kind: 'all_lessons' }, [], [])).toEqual({ done: 0, total: 0, percent: 0 });
    expect(progressSummary({ kind: 'final_quiz', testRoundId: 'r' }, lessons, lessons)).toEqual({ done: 3, total: 3, percent: 100 });
  });

  it('rejects a chosen-lessons rule with no lesson or a lesson of another course', () => {
    expect(completionRuleProblem({ kind: 'chosen_lessons', lessonIds: [] }, lessons)).toMatch(/ít nhất một/);
    expect(completionRuleProblem({ kind: 'chosen_lessons', lessonIds: ['x'] }, lessons)).toMatch(/không thuộc/);
    expect(completionRuleProblem({ kind: 'chosen_lessons', lessonIds: ['a'] }, lessons)).toBeNull();
    expect(completionRuleProblem({ kind: 'all_lessons' }, [])).toBeNull();
  });
});

describe('learning status', () => {
  const today = '2026-06-15';
  it.each([
    [{ completed: true, started: true, dueDate: '2026-01-01' }, LearningStatus.Completed],
    [{ completed: false, started: true, dueDate: '2026-06-14' }, LearningStatus.Overdue],
    [{ completed: false, started: false, dueDate: '2026-06-14' }, LearningStatus.Overdue],
    [{ completed: false, started: true, dueDate: '2026-06-15' }, LearningStatus.InProgress],
    [{ completed: false, started: false, dueDate: null }, LearningStatus.NotStarted],
    [{ completed: false, started: true }, LearningStatus.InProgress],
  ])('%j → %s', (input, expected) => {
    expect(learningStatus({ ...input, today })).toBe(expected);
  });
});

describe('audience rule', () => {
  const rule = { unitId: 'u', unitPath: '/p/u/', categories: [] as PersonCategory[], doesCchcWork: null, isLeader: null, personIds: [] as string[] };
  const person = { id: 'x', unitPath: '/p/u/s/', category: PersonCategory.CongChuc, doesCchcWork: true, isLeader: false, status: 'active' };

  it('includes people anywhere below the unit, and not outside it', () => {
    expect(audienceIncludes(rule, person)).toBe(true);
    expect(audienceIncludes(rule, { ...person, unitPath: '/p/v/' })).toBe(false);
  });
  it('leaves out retired and departed people, keeps those on leave', () => {
    expect(audienceIncludes(rule, { ...person, status: 'retired' })).toBe(false);
    expect(audienceIncludes(rule, { ...person, status: 'left' })).toBe(false);
    expect(audienceIncludes(rule, { ...person, status: 'on_leave' })).toBe(true);
  });
  it('filters by category and flags', () => {
    expect(audienceIncludes({ ...rule, categories: [PersonCategory.CanBo] }, person)).toBe(false);
    expect(audienceIncludes({ ...rule, categories: [PersonCategory.CanBo, PersonCategory.CongChuc] }, person)).toBe(true);
    expect(audienceIncludes({ ...rule, doesCchcWork: true }, person)).toBe(true);
    expect(audienceIncludes({ ...rule, doesCchcWork: false }, person)).toBe(false);
    expect(audienceIncludes({ ...rule, isLeader: true }, person)).toBe(false);
  });
  it('chosen people must still be inside the unit', () => {
    expect(audienceIncludes({ ...rule, personIds: ['x'] }, person)).toBe(true);
    expect(audienceIncludes({ ...rule, personIds: ['y'] }, person)).toBe(false);
    expect(audienceIncludes({ ...rule, personIds: ['x'] }, { ...person, unitPath: '/q/' })).toBe(false);
  });
});

describe('verification codes', () => {
  it('formats 12 random bytes as XXXX-XXXX-XXXX without ambiguous characters', () => {
    const code = formatVerificationCode(Uint8Array.from({ length: 12 }, (_, i) => i * 37));
    expect(code).toMatch(VERIFICATION_CODE_PATTERN);
    expect(code).not.toMatch(/[01OIL]/);
    expect(() => formatVerificationCode(new Uint8Array(4))).toThrow();
  });
  it('normalises what people type', () => {
    const code = formatVerificationCode(new Uint8Array(12).fill(200));
    expect(normaliseVerificationCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
    expect(normaliseVerificationCode('abc')).toBeNull();
    expect(normaliseVerificationCode('0000-0000-0000')).toBeNull();
  });
});
