import { afterStatement, CMI5_CATEGORY, CMI5_SESSION_EXTENSION, CMI5_VERBS, type Cmi5SessionState, cmi5Violation, type Cmi5Verb, moveOnSatisfied } from './cmi5-rules';

const AU = 'https://cchc.vn/au/1';
const base: Cmi5SessionState = {
  sessionId: 's-1',
  registration: '0b9f4c5e-1c1e-4b8e-9a36-2f3c9d2f7a10',
  activityId: AU,
  actorAccount: { homePage: 'https://hoc.example.gov.vn', name: 'hocvien' },
  masteryScore: 0.8,
  moveOn: 'CompletedAndPassed',
  initialized: false,
  terminated: false,
  completed: false,
  passed: false,
  failed: false,
  launchMode: 'Normal',
};

function statement(verb: Cmi5Verb | string, result: object = {}, overrides: Record<string, unknown> = {}) {
  return {
    actor: { objectType: 'Agent', account: { homePage: 'https://hoc.example.gov.vn', name: 'hocvien' } },
    verb: { id: verb in CMI5_VERBS ? CMI5_VERBS[verb as Cmi5Verb] : verb },
    object: { id: AU },
    result,
    context: {
      registration: base.registration,
      extensions: { [CMI5_SESSION_EXTENSION]: 's-1' },
      contextActivities: { category: [{ id: CMI5_CATEGORY }] },
    },
    ...overrides,
  };
}

/** Plays statements in order; answers the first refusal (or null) and the state reached. */
function play(...statements: ReturnType<typeof statement>[]): { refused: string | null; state: Cmi5SessionState } {
  let state = base;
  for (const s of statements) {
    const refused = cmi5Violation(state, s);
    if (refused) return { refused, state };
    state = afterStatement(state, s);
  }
  return { refused: null, state };
}

describe('cmi5 rules for defined statements', () => {
  it('accepts a normal session: initialized, completed, passed at the mastery score, terminated', () => {
    const r = play(statement('initialized'), statement('completed', { completion: true }), statement('passed', { success: true, score: { scaled: 0.8 } }), statement('terminated'));
    expect(r.refused).toBeNull();
    expect(r.state).toMatchObject({ initialized: true, completed: true, passed: true, terminated: true });
    expect(moveOnSatisfied('CompletedAndPassed', r.state)).toBe(true);
  });

  it('needs "initialized" first and once, and nothing after "terminated"', () => {
    expect(play(statement('completed', { completion: true })).refused).toMatch(/first statement/);
    expect(play(statement('http://adlnet.gov/expapi/verbs/experienced')).refused).toMatch(/first statement/);
    expect(play(statement('initialized'), statement('initialized')).refused).toMatch(/initialized once/);
    expect(play(statement('initialized'), statement('terminated'), statement('http://adlnet.gov/expapi/verbs/experienced')).refused).toMatch(/terminated/);
  });

  it('refuses the verbs only the LMS makes: launched, abandoned, waived, satisfied', () => {
    for (const verb of ['launched', 'abandoned', 'waived', 'satisfied'] as const) expect(play(statement('initialized'), statement(verb)).refused).toMatch(/made by the LMS/);
  });

  it('judges passed/failed once, against the mastery score, with matching result.success', () => {
    expect(play(statement('initialized'), statement('passed', { success: true, score: { scaled: 0.7 } })).refused).toMatch(/mastery score 0.8/);
    expect(play(statement('initialized'), statement('passed', { success: true })).refused).toMatch(/mastery score/);
    expect(play(statement('initialized'), statement('failed', { success: false, score: { scaled: 0.9 } })).refused).toMatch(/below the mastery score/);
    expect(play(statement('initialized'), statement('failed', { success: false, score: { scaled: 0.5 } }), statement('passed', { success: true, score: { scaled: 0.9 } })).refused).toMatch(/once/);
    expect(play(statement('initialized'), statement('passed', { success: false, score: { scaled: 0.9 } })).refused).toMatch(/result.success true/);
    expect(play(statement('initialized'), statement('completed', { completion: true }), statement('completed', { completion: true })).refused).toMatch(/completed once/);
    expect(play(statement('initialized'), statement('completed', {})).refused).toMatch(/result.completion true/);
  });

  it('checks the actor, registration, activity, session id and cmi5 category', () => {
    expect(play(statement('initialized', {}, { actor: { account: { homePage: 'https://hoc.example.gov.vn', name: 'nguoi-khac' } } })).refused).toMatch(/actor/);
    expect(play(statement('initialized', {}, { context: { registration: '00000000-0000-4000-8000-000000000000' } })).refused).toMatch(/registration/);
    expect(play(statement('initialized', {}, { object: { id: 'https://cchc.vn/au/2' } })).refused).toMatch(/activity id/);
    expect(play(statement('initialized', {}, { context: { registration: base.registration, contextActivities: { category: [{ id: CMI5_CATEGORY }] } } })).refused).toMatch(/session id/);
    expect(play(statement('initialized', {}, { context: { registration: base.registration, extensions: { [CMI5_SESSION_EXTENSION]: 's-1' } } })).refused).toMatch(/category/);
  });

  it('accepts no completion or success in Browse or Review mode', () => {
    const browse = { ...base, launchMode: 'Browse' as const };
    const init = statement('initialized');
    expect(cmi5Violation(afterStatement(browse, init), statement('completed', { completion: true }))).toMatch(/Browse mode/);
  });

  it('moveOn: each criterion', () => {
    expect(moveOnSatisfied('Completed', { completed: true, passed: false })).toBe(true);
    expect(moveOnSatisfied('Passed', { completed: true, passed: false })).toBe(false);
    expect(moveOnSatisfied('CompletedOrPassed', { completed: false, passed: true })).toBe(true);
    expect(moveOnSatisfied('CompletedAndPassed', { completed: false, passed: true })).toBe(false);
    expect(moveOnSatisfied('NotApplicable', { completed: false, passed: false })).toBe(true);
  });
});
