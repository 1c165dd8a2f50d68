import {
  agentIfi,
  isDuration,
  isTimestamp,
  relatedActivities,
  relatedAgents,
  sameStatement,
  StatementInvalid,
  statementIdsFormat,
  validateStatement,
  validateStatementBatch,
} from './statement-rules';

const actor = { objectType: 'Agent', name: 'Học viên', account: { homePage: 'https://hoc.khanhhoa.gov.vn', name: 'hocvien' } };
const verb = { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'vi-VN': 'đã hoàn thành', 'en-US': 'completed' } };
const object = { id: 'https://hoc.khanhhoa.gov.vn/xapi/activities/lesson/1', definition: { name: { vi: 'Bài 1' }, type: 'http://adlnet.gov/expapi/activities/lesson' } };
const good = () => ({ id: 'fd41c918-b88b-4b20-a0a5-a4c32391aaa0', actor, verb, object, timestamp: '2026-03-01T08:00:00.000+07:00' });

/** The rule the statement breaks, or null when it is valid. */
function ruleOf(s: unknown): string | null {
  try {
    validateStatement(s);
    return null;
  } catch (e) {
    if (e instanceof StatementInvalid) return e.problem.rule;
    throw e;
  }
}

const withPath = (path: string, value: unknown) => {
  const s = JSON.parse(JSON.stringify(good()));
  const keys = path.split('.');
  let node = s;
  for (const k of keys.slice(0, -1)) node = node[k] ??= {};
  if (value === undefined) delete node[keys[keys.length - 1]];
  else node[keys[keys.length - 1]] = value;
  return s;
};

describe('validateStatement', () => {
  it('accepts a complete, valid statement', () => {
    expect(ruleOf(good())).toBeNull();
    expect(
      ruleOf({
        ...good(),
        result: { score: { scaled: 0.85, raw: 8.5, min: 0, max: 10 }, success: true, completion: true, duration: 'PT12M30.5S', extensions: { 'https://x.vn/ext/topics': [] } },
        context: {
          registration: '0b0c6e1c-3b1f-4a8e-9f7e-1234567890ab',
          instructor: { mbox: 'mailto:gv@khanhhoa.gov.vn' },
          contextActivities: { parent: { id: 'https://x.vn/course/1' }, grouping: [{ id: 'https://x.vn/round/2' }] },
          revision: '2', platform: 'cchc-learn', language: 'vi-VN',
          statement: { objectType: 'StatementRef', id: 'fd41c918-b88b-4b20-a0a5-a4c32391aaa1' },
        },
        attachments: [{ usageType: 'http://adlnet.gov/expapi/attachments/signature', display: { vi: 'Chữ ký' }, contentType: 'text/plain', length: 5, sha2: 'a'.repeat(64) }],
      }),
    ).toBeNull();
  });

  it.each([
    ['a missing actor', withPath('actor', undefined), 'actor-required'],
    ['a missing verb', withPath('verb', undefined), 'verb-required'],
    ['a missing object', withPath('object', undefined), 'object-required'],
    ['an unknown top-level property', { ...good(), foo: 1 }, 'unknown-property'],
    ['a null value', withPath('result', null), 'null-value'],
    ['an id that is not a UUID', withPath('id', 'abc'), 'uuid-required'],
    ['an agent with two identifiers', withPath('actor', { mbox: 'mailto:a@b.vn', openid: 'https://id.vn/a' }), 'agent-one-ifi'],
    ['an agent with no identifier', withPath('actor', { name: 'Không định danh' }), 'agent-one-ifi'],
    ['an mbox without mailto:', withPath('actor', { mbox: 'a@b.vn' }), 'mbox-format'],
    ['a short mbox_sha1sum', withPath('actor', { mbox_sha1sum: 'abc' }), 'mbox-sha1sum-format'],
    ['an account without homePage', withPath('actor', { account: { name: 'x' } }), 'account-homepage-required'],
    ['an account without name', withPath('actor', { account: { homePage: 'https://x.vn' } }), 'account-name-required'],
    ['an anonymous group without members', withPath('actor', { objectType: 'Group', name: 'Tổ' }), 'anonymous-group-members'],
    ['a group inside a group', withPath('actor', { objectType: 'Group', member: [{ objectType: 'Group', member: [] }] }), 'group-member-agent'],
    ['an Agent objectType on a group shape', withPath('actor', { objectType: 'Person', mbox: 'mailto:a@b.vn' }), 'agent-object-type'],
    ['a verb id that is not an IRI', withPath('verb', { id: 'completed' }), 'iri-required'],
    ['a language map with a bad tag', withPath('verb', { id: 'http://x.vn/v', display: { 'tiếng việt': 'x' } }), 'language-tag'],
    ['an activity without id', withPath('object', { definition: {} }), 'activity-id-required'],
    ['an unknown object type', withPath('object', { objectType: 'Thing', id: 'http://x.vn' }), 'object-type'],
    ['an interaction type not in the list', withPath('object.definition', { interactionType: 'essay' }), 'interaction-type'],
    ['choices on a true-false interaction', withPath('object.definition', { interactionType: 'true-false', choices: [] }), 'interaction-components-for-type'],
    ['a scaled score of 1.5', withPath('result', { score: { scaled: 1.5 } }), 'score-scaled-range'],
    ['raw above max', withPath('result', { score: { raw: 11, min: 0, max: 10 } }), 'score-raw-range'],
    ['min not below max', withPath('result', { score: { min: 10, max: 10 } }), 'score-min-below-max'],
    ['success as a string', withPath('result', { success: 'true' }), 'boolean-required'],
    ['a duration that is not ISO 8601', withPath('result', { duration: '12 phút' }), 'duration-format'],
    ['an extension key that is not an IRI', withPath('result', { extensions: { topics: 1 } }), 'extension-key-iri'],
    ['a registration that is not a UUID', withPath('context', { registration: '1' }), 'uuid-required'],
    ['revision with an Agent object', { ...good(), object: { objectType: 'Agent', mbox: 'mailto:a@b.vn' }, context: { revision: '1' } }, 'context-revision-activity-only'],
    ['platform with a Group object', { ...good(), object: { objectType: 'Group', mbox: 'mailto:g@b.vn' }, context: { platform: 'x' } }, 'context-platform-activity-only'],
    ['a team that is an Agent', withPath('context', { team: { mbox: 'mailto:a@b.vn' } }), 'team-is-group'],
    ['an unknown context activity key', withPath('context', { contextActivities: { sibling: { id: 'http://x.vn' } } }), 'unknown-property'],
    ['a timestamp without a zone', withPath('timestamp', '2026-03-01T08:00:00'), 'timestamp-format'],
    ['a timestamp on 30 February', withPath('timestamp', '2026-02-30T08:00:00Z'), 'timestamp-format'],
    ['a timestamp in -00:00', withPath('timestamp', '2026-02-03T08:00:00-00:00'), 'timestamp-format'],
    ['version 0.95', withPath('version', '0.95'), 'statement-version'],
    ['voiding a non-StatementRef', { ...good(), verb: { id: 'http://adlnet.gov/expapi/verbs/voided' } }, 'voiding-statement-ref'],
    ['a SubStatement inside a SubStatement', withPath('object', { objectType: 'SubStatement', actor, verb, object: { objectType: 'SubStatement', actor, verb, object } }), 'substatement-nesting'],
    ['an id on a SubStatement', withPath('object', { objectType: 'SubStatement', id: 'fd41c918-b88b-4b20-a0a5-a4c32391aaa0', actor, verb, object }), 'unknown-property'],
    ['an attachment without sha2', withPath('attachments', [{ usageType: 'http://x.vn/u', display: { vi: 'x' }, contentType: 'text/plain', length: 1 }]), 'attachment-property-required'],
    ['an attachment with a negative length', withPath('attachments', [{ usageType: 'http://x.vn/u', display: { vi: 'x' }, contentType: 'text/plain', length: -1, sha2: 'a'.repeat(64) }]), 'attachment-length'],
    ['an authority group of three', withPath('authority', { objectType: 'Group', member: [{ mbox: 'mailto:a@b.vn' }, { mbox: 'mailto:b@b.vn' }, { mbox: 'mailto:c@b.vn' }] }), 'authority-group-two-members'],
  ])('refuses %s', (_case, statement, rule) => {
    expect(ruleOf(statement)).toBe(rule);
  });

  it('names where the problem is', () => {
    try {
      validateStatement(withPath('context', { instructor: { mbox: 'x' } }));
      throw new Error('should have failed');
    } catch (e) {
      expect((e as StatementInvalid).problem.path).toBe('statement.context.instructor.mbox');
    }
  });

  it('accepts the voiding form and StatementRef / Agent objects', () => {
    expect(ruleOf({ actor, verb: { id: 'http://adlnet.gov/expapi/verbs/voided' }, object: { objectType: 'StatementRef', id: 'fd41c918-b88b-4b20-a0a5-a4c32391aaa0' } })).toBeNull();
    expect(ruleOf({ actor, verb, object: { objectType: 'Agent', mbox: 'mailto:a@b.vn' } })).toBeNull();
  });
});

describe('validateStatementBatch', () => {
  it('accepts one statement or an array', () => {
    expect(validateStatementBatch(good())).toHaveLength(1);
    expect(validateStatementBatch([good(), { ...good(), id: undefined }].map((s) => JSON.parse(JSON.stringify(s))))).toHaveLength(2);
  });
  it('refuses an empty array and a repeated id (any case)', () => {
    expect(() => validateStatementBatch([])).toThrow(/empty-batch/);
    const a = good();
    expect(() => validateStatementBatch([a, { ...a, id: a.id.toUpperCase() }])).toThrow(/duplicate-id-in-batch/);
  });
  it('names the position of the bad statement', () => {
    expect(() => validateStatementBatch([good(), { actor, verb }])).toThrow(/statement\[1\]\.object/);
  });
});

describe('formats and helpers', () => {
  it('timestamps and durations', () => {
    expect(isTimestamp('2026-12-31T23:59:59.999Z')).toBe(true);
    expect(isTimestamp('2026-12-31T23:59:59+0700')).toBe(true);
    expect(isTimestamp('2026-13-01T00:00:00Z')).toBe(false);
    expect(isDuration('PT0S')).toBe(true);
    expect(isDuration('P1DT2H')).toBe(true);
    expect(isDuration('P')).toBe(false);
    expect(isDuration('PT')).toBe(false);
  });

  it('agentIfi is canonical (mbox case folded) and relatedAgents/Activities collect every mention', () => {
    expect(agentIfi({ mbox: 'mailto:A@B.vn' })).toBe('mbox:mailto:a@b.vn');
    expect(agentIfi(actor)).toBe('account:https://hoc.khanhhoa.gov.vn|hocvien');
    const s = {
      ...good(),
      context: { instructor: { mbox: 'mailto:gv@x.vn' }, contextActivities: { parent: [{ id: 'https://x.vn/course/1' }] } },
      authority: { mbox: 'mailto:lrs@x.vn' },
    };
    expect(relatedAgents(s).all.sort()).toEqual(['account:https://hoc.khanhhoa.gov.vn|hocvien', 'mbox:mailto:gv@x.vn', 'mbox:mailto:lrs@x.vn']);
    expect(relatedAgents(s).actor).toEqual(['account:https://hoc.khanhhoa.gov.vn|hocvien']);
    expect(relatedActivities(s).sort()).toEqual(['https://hoc.khanhhoa.gov.vn/xapi/activities/lesson/1', 'https://x.vn/course/1']);
  });

  it('sameStatement ignores what the LRS sets and key order, not content', () => {
    const a = good();
    const b = { timestamp: a.timestamp, object: a.object, verb: a.verb, actor: a.actor, id: a.id, stored: '2026-01-01T00:00:00Z', authority: { mbox: 'mailto:x@y.vn' } };
    expect(sameStatement(a, b)).toBe(true);
    expect(sameStatement(a, { ...b, verb: { id: 'http://x.vn/other' } })).toBe(false);
  });

  it('format=ids keeps only identifiers', () => {
    const out = statementIdsFormat(good());
    expect(out.actor).toEqual({ objectType: 'Agent', account: actor.account });
    expect(out.verb).toEqual({ id: verb.id });
    expect(out.object).toEqual({ objectType: 'Activity', id: object.id });
  });
});
