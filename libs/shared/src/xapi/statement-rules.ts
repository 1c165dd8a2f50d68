/**
 * xAPI 1.0.3 statement validation (IEEE 9274.1.1), as pure functions. Each refusal names the rule it broke (the
 * section of the spec and what was wrong), so a content author can find the mistake from the LRS's 400 alone.
 *
 * The rules follow the "Statement Requirements" of xAPI 1.0.3, part two, section 2: only the properties the spec
 * defines (anything else lives under `extensions`); no `null` values; exactly one inverse functional identifier per
 * Agent; Groups with `objectType`; UUIDs, IRIs, ISO 8601 timestamps and durations, RFC 5646 language tags where the
 * spec asks for them; scores in range; `revision` / `platform` only for Activities; voiding only by StatementRef.
 */

export interface StatementProblem {
  /** Short rule name, stable for tests and clients. */
  rule: string;
  /** Where in the statement, e.g. `statement[2].context.instructor.mbox`. */
  path: string;
  message: string;
}

export class StatementInvalid extends Error {
  constructor(readonly problem: StatementProblem) {
    super(`${problem.rule} at ${problem.path}: ${problem.message}`);
  }
}

type Json = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An absolute IRI: a scheme, a colon and something after it (RFC 3987's first requirement; no spaces). */
const IRI = /^[a-z][a-z0-9+.-]*:[^\s]+$/i;
/** RFC 5646 language tag, simplified to its shape: primary subtag then subtags of 1–8 alphanumerics. */
const LANGUAGE_TAG = /^(?:[a-z]{2,8}|x|i)(?:-[a-z0-9]{1,8})*$/i;
/** ISO 8601 date-time, as xAPI uses it (RFC 3339-like); a time zone is required for stored values. */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)$/;
/** ISO 8601 duration: PnYnMnDTnHnMnS (fractions allowed) or PnW. */
const DURATION = /^P(?!$)(\d+(?:\.\d+)?Y)?(\d+(?:\.\d+)?M)?(\d+(?:\.\d+)?D)?(T(?=\d)(\d+(?:\.\d+)?H)?(\d+(?:\.\d+)?M)?(\d+(?:\.\d+)?S)?)?$|^P\d+(?:\.\d+)?W$/;
const SHA1_HEX = /^[0-9a-f]{40}$/i;

export const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided';
export const XAPI_VERSION = /^1\.0(\.\d+)?$|^2\.0(\.\d+)?$/;

const INTERACTION_TYPES = ['true-false', 'choice', 'fill-in', 'long-fill-in', 'matching', 'performance', 'sequencing', 'likert', 'numeric', 'other'];

const fail = (rule: string, path: string, message: string): never => {
  throw new StatementInvalid({ rule, path, message });
};

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function object(v: unknown, path: string, what: string): Json {
  if (!isObject(v)) fail('object-required', path, `${what} must be a JSON object`);
  return v as Json;
}

/** Only the listed properties, and none of them null (xAPI 1.0.3 §2.2: "MUST NOT contain properties not defined"). */
function onlyKnown(v: Json, path: string, allowed: ReadonlySet<string>): void {
  // for…in and a Set: this runs for every object of every statement, so no arrays are made for it (`v` is parsed JSON).
  for (const k in v) {
    if (!allowed.has(k)) fail('unknown-property', `${path}.${k}`, `"${k}" is not a property defined here by xAPI (put custom data in extensions)`);
    if (v[k] === null) fail('null-value', `${path}.${k}`, `"${k}" must not be null (leave it out instead)`);
  }
}

/** The properties xAPI defines on each object (onlyKnown). */
const KEYS = {
  account: new Set(['homePage', 'name']),
  agent: new Set(['objectType', 'name', 'mbox', 'mbox_sha1sum', 'openid', 'account']),
  group: new Set(['objectType', 'name', 'member', 'mbox', 'mbox_sha1sum', 'openid', 'account']),
  verb: new Set(['id', 'display']),
  interactionComponent: new Set(['id', 'description']),
  activityDefinition: new Set([
    'name', 'description', 'type', 'moreInfo', 'extensions',
    'interactionType', 'correctResponsesPattern', 'choices', 'scale', 'source', 'target', 'steps',
  ]),
  activity: new Set(['objectType', 'id', 'definition']),
  statementRef: new Set(['objectType', 'id']),
  score: new Set(['scaled', 'raw', 'min', 'max']),
  result: new Set(['score', 'success', 'completion', 'response', 'duration', 'extensions']),
  context: new Set(['registration', 'instructor', 'team', 'contextActivities', 'revision', 'platform', 'language', 'statement', 'extensions']),
  contextActivities: new Set(['parent', 'grouping', 'category', 'other']),
  attachment: new Set(['usageType', 'display', 'description', 'contentType', 'length', 'sha2', 'fileUrl']),
  subStatement: new Set(['objectType', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'attachments']),
  statement: new Set(['id', 'stored', 'authority', 'version', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'attachments']),
} as const;

function string(v: unknown, path: string): string {
  if (typeof v !== 'string') fail('string-required', path, 'must be a string');
  return v as string;
}

export function isIri(v: unknown): v is string {
  return typeof v === 'string' && IRI.test(v);
}

function iri(v: unknown, path: string): string {
  if (!isIri(v)) fail('iri-required', path, 'must be an absolute IRI (with a scheme, e.g. http://…)');
  return v as string;
}

export function isUuid(v: unknown): v is string {
  return typeof v === 'string' && UUID.test(v);
}

function uuid(v: unknown, path: string): string {
  if (!isUuid(v)) fail('uuid-required', path, 'must be a UUID (RFC 4122, e.g. 6ba7b810-9dad-11d1-80b4-00c04fd430c8)');
  return v as string;
}

/** A real calendar date-time with a time zone (Feb 30th and 25:00 are refused). */
export function isTimestamp(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  const m = TIMESTAMP.exec(v);
  if (!m) return false;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || (s ?? 0) > 60) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d < 1 || d > days) return false;
  // "-00:00" is RFC 3339's "unknown offset"; xAPI forbids it.
  return !/-00(?::?00)?$/.test(v);
}

export function isDuration(v: unknown): v is string {
  return typeof v === 'string' && DURATION.test(v);
}

function languageMap(v: unknown, path: string): void {
  const map = object(v, path, 'a language map');
  for (const tag in map) {
    if (!LANGUAGE_TAG.test(tag)) fail('language-tag', `${path}.${tag}`, `"${tag}" is not an RFC 5646 language tag`);
    if (typeof map[tag] !== 'string') fail('language-map-value', `${path}.${tag}`, 'a language map value must be a string');
  }
}

function extensions(v: unknown, path: string): void {
  const map = object(v, path, 'extensions');
  for (const key of Object.keys(map)) if (!isIri(key)) fail('extension-key-iri', `${path}.${key}`, 'extension keys must be IRIs');
}

const IFIS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;

function ifiProperties(v: Json, path: string): void {
  if (v.mbox !== undefined && !(typeof v.mbox === 'string' && /^mailto:[^@\s]+@[^@\s]+$/i.test(v.mbox)))
    fail('mbox-format', `${path}.mbox`, 'mbox must be "mailto:" followed by an e-mail address');
  if (v.mbox_sha1sum !== undefined && !(typeof v.mbox_sha1sum === 'string' && SHA1_HEX.test(v.mbox_sha1sum)))
    fail('mbox-sha1sum-format', `${path}.mbox_sha1sum`, 'mbox_sha1sum must be 40 hexadecimal characters (SHA-1 of the mailto IRI)');
  if (v.openid !== undefined) iri(v.openid, `${path}.openid`);
  if (v.account !== undefined) {
    const account = object(v.account, `${path}.account`, 'account');
    onlyKnown(account, `${path}.account`, KEYS.account);
    if (account.homePage === undefined) fail('account-homepage-required', `${path}.account.homePage`, 'an account needs homePage');
    iri(account.homePage, `${path}.account.homePage`);
    if (typeof account.name !== 'string' || account.name === '') fail('account-name-required', `${path}.account.name`, 'an account needs a non-empty name');
  }
  if (v.name !== undefined) string(v.name, `${path}.name`);
}

function ifiCount(v: Json): number {
  let n = 0;
  for (const k of IFIS) if (v[k] !== undefined) n++;
  return n;
}

export function validateAgent(v: unknown, path: string): void {
  const agent = object(v, path, 'an Agent');
  onlyKnown(agent, path, KEYS.agent);
  if (agent.objectType !== undefined && agent.objectType !== 'Agent') fail('agent-object-type', `${path}.objectType`, 'an Agent\'s objectType must be "Agent"');
  if (ifiCount(agent) !== 1) fail('agent-one-ifi', path, 'an Agent must have exactly one of mbox, mbox_sha1sum, openid, account');
  ifiProperties(agent, path);
}

function validateGroup(v: Json, path: string): void {
  onlyKnown(v, path, KEYS.group);
  const n = ifiCount(v);
  if (n > 1) fail('group-one-ifi', path, 'an identified Group must have exactly one inverse functional identifier');
  ifiProperties(v, path);
  if (v.member !== undefined) {
    if (!Array.isArray(v.member)) fail('group-member-array', `${path}.member`, 'member must be an array of Agents');
    (v.member as unknown[]).forEach((m, i) => {
      if (isObject(m) && m.objectType === 'Group') fail('group-member-agent', `${path}.member[${i}]`, 'a Group\'s members must be Agents, not Groups');
      validateAgent(m, `${path}.member[${i}]`);
    });
  }
  if (n === 0 && (!Array.isArray(v.member) || v.member.length === 0))
    fail('anonymous-group-members', `${path}.member`, 'an anonymous Group (no identifier) must list its members');
}

/** An Agent or a Group ("actor", "instructor", "authority", agents as objects). */
export function validateActor(v: unknown, path: string): void {
  const actor = object(v, path, 'an Agent or Group');
  if (actor.objectType === 'Group') validateGroup(actor, path);
  else validateAgent(actor, path);
}

function validateVerb(v: unknown, path: string): void {
  const verb = object(v, path, 'the verb');
  onlyKnown(verb, path, KEYS.verb);
  if (verb.id === undefined) fail('verb-id-required', `${path}.id`, 'a verb needs an id');
  iri(verb.id, `${path}.id`);
  if (verb.display !== undefined) languageMap(verb.display, `${path}.display`);
}

function interactionComponents(v: unknown, path: string): void {
  if (!Array.isArray(v)) fail('interaction-components-array', path, 'interaction components must be an array');
  const ids = new Set<string>();
  (v as unknown[]).forEach((c, i) => {
    const comp = object(c, `${path}[${i}]`, 'an interaction component');
    onlyKnown(comp, `${path}[${i}]`, KEYS.interactionComponent);
    const id = string(comp.id, `${path}[${i}].id`);
    if (ids.has(id)) fail('interaction-component-id-unique', `${path}[${i}].id`, `component id "${id}" is used twice`);
    ids.add(id);
    if (comp.description !== undefined) languageMap(comp.description, `${path}[${i}].description`);
  });
}

function validateActivityDefinition(v: unknown, path: string): void {
  const def = object(v, path, 'an activity definition');
  onlyKnown(def, path, KEYS.activityDefinition);
  if (def.name !== undefined) languageMap(def.name, `${path}.name`);
  if (def.description !== undefined) languageMap(def.description, `${path}.description`);
  if (def.type !== undefined) iri(def.type, `${path}.type`);
  if (def.moreInfo !== undefined) iri(def.moreInfo, `${path}.moreInfo`);
  if (def.extensions !== undefined) extensions(def.extensions, `${path}.extensions`);
  const componentLists = ['choices', 'scale', 'source', 'target', 'steps'].filter((k) => def[k] !== undefined);
  if (def.interactionType === undefined) {
    if (def.correctResponsesPattern !== undefined || componentLists.length)
      fail('interaction-type-required', `${path}.interactionType`, 'correctResponsesPattern and interaction components need an interactionType');
    return;
  }
  if (!INTERACTION_TYPES.includes(def.interactionType as string))
    fail('interaction-type', `${path}.interactionType`, `interactionType must be one of ${INTERACTION_TYPES.join(', ')}`);
  if (def.correctResponsesPattern !== undefined) {
    if (!Array.isArray(def.correctResponsesPattern) || def.correctResponsesPattern.some((x) => typeof x !== 'string'))
      fail('correct-responses-pattern', `${path}.correctResponsesPattern`, 'correctResponsesPattern must be an array of strings');
  }
  const allowed: Record<string, string[]> = { choice: ['choices'], sequencing: ['choices'], likert: ['scale'], matching: ['source', 'target'], performance: ['steps'] };
  for (const k of componentLists) {
    if (!(allowed[def.interactionType as string] ?? []).includes(k))
      fail('interaction-components-for-type', `${path}.${k}`, `"${k}" is not used by interactionType "${def.interactionType}"`);
    interactionComponents(def[k], `${path}.${k}`);
  }
}

function validateActivity(v: Json, path: string): void {
  onlyKnown(v, path, KEYS.activity);
  if (v.id === undefined) fail('activity-id-required', `${path}.id`, 'an Activity needs an id');
  iri(v.id, `${path}.id`);
  if (v.definition !== undefined) validateActivityDefinition(v.definition, `${path}.definition`);
}

function validateStatementRef(v: Json, path: string): void {
  onlyKnown(v, path, KEYS.statementRef);
  uuid(v.id, `${path}.id`);
}

function validateObject(v: unknown, path: string, inSubStatement: boolean): void {
  const obj = object(v, path, 'the object');
  const type = obj.objectType ?? 'Activity';
  switch (type) {
    case 'Activity':
      return validateActivity(obj, path);
    case 'Agent':
      return validateAgent(obj, path);
    case 'Group':
      return validateGroup(obj, path);
    case 'StatementRef':
      return validateStatementRef(obj, path);
    case 'SubStatement':
      if (inSubStatement) fail('substatement-nesting', path, 'a SubStatement must not contain another SubStatement');
      return validateStatementBody(obj, path, true);
    default:
      return fail('object-type', `${path}.objectType`, 'objectType must be Activity, Agent, Group, StatementRef or SubStatement');
  }
}

function validateScore(v: unknown, path: string): void {
  const score = object(v, path, 'the score');
  onlyKnown(score, path, KEYS.score);
  for (const k of ['scaled', 'raw', 'min', 'max']) {
    if (score[k] !== undefined && (typeof score[k] !== 'number' || !Number.isFinite(score[k]))) fail('score-number', `${path}.${k}`, `${k} must be a number`);
  }
  const { scaled, raw, min, max } = score as Record<string, number | undefined>;
  if (scaled !== undefined && (scaled < -1 || scaled > 1)) fail('score-scaled-range', `${path}.scaled`, 'scaled must be between -1 and 1');
  if (min !== undefined && max !== undefined && min >= max) fail('score-min-below-max', `${path}.min`, 'min must be less than max');
  if (raw !== undefined && min !== undefined && raw < min) fail('score-raw-range', `${path}.raw`, 'raw must not be below min');
  if (raw !== undefined && max !== undefined && raw > max) fail('score-raw-range', `${path}.raw`, 'raw must not be above max');
}

function validateResult(v: unknown, path: string): void {
  const result = object(v, path, 'the result');
  onlyKnown(result, path, KEYS.result);
  if (result.score !== undefined) validateScore(result.score, `${path}.score`);
  for (const k of ['success', 'completion']) if (result[k] !== undefined && typeof result[k] !== 'boolean') fail('boolean-required', `${path}.${k}`, `${k} must be true or false`);
  if (result.response !== undefined) string(result.response, `${path}.response`);
  if (result.duration !== undefined && !isDuration(result.duration)) fail('duration-format', `${path}.duration`, 'duration must be an ISO 8601 duration such as PT1H30M');
  if (result.extensions !== undefined) extensions(result.extensions, `${path}.extensions`);
}

function validateContext(v: unknown, path: string, objectIsAgentOrGroup: boolean): void {
  const context = object(v, path, 'the context');
  onlyKnown(context, path, KEYS.context);
  if (context.registration !== undefined) uuid(context.registration, `${path}.registration`);
  if (context.instructor !== undefined) validateActor(context.instructor, `${path}.instructor`);
  if (context.team !== undefined) {
    const team = object(context.team, `${path}.team`, 'the team');
    if (team.objectType !== 'Group') fail('team-is-group', `${path}.team.objectType`, 'team must be a Group (objectType "Group")');
    validateGroup(team, `${path}.team`);
  }
  if (context.contextActivities !== undefined) {
    const ca = object(context.contextActivities, `${path}.contextActivities`, 'contextActivities');
    onlyKnown(ca, `${path}.contextActivities`, KEYS.contextActivities);
    for (const [k, value] of Object.entries(ca)) {
      const list = Array.isArray(value) ? value : [value];
      list.forEach((a, i) => {
        const p = `${path}.contextActivities.${k}${Array.isArray(value) ? `[${i}]` : ''}`;
        const act = object(a, p, 'a context activity');
        if (act.objectType !== undefined && act.objectType !== 'Activity') fail('context-activity-type', `${p}.objectType`, 'context activities must be Activities');
        validateActivity(act, p);
      });
    }
  }
  for (const k of ['revision', 'platform']) {
    if (context[k] === undefined) continue;
    string(context[k], `${path}.${k}`);
    if (objectIsAgentOrGroup) fail(`context-${k}-activity-only`, `${path}.${k}`, `${k} must only be used when the object is an Activity`);
  }
  if (context.language !== undefined && !(typeof context.language === 'string' && LANGUAGE_TAG.test(context.language)))
    fail('language-tag', `${path}.language`, 'language must be an RFC 5646 language tag');
  if (context.statement !== undefined) {
    const ref = object(context.statement, `${path}.statement`, 'a StatementRef');
    if (ref.objectType !== 'StatementRef') fail('statement-ref-object-type', `${path}.statement.objectType`, 'context.statement must be a StatementRef');
    validateStatementRef(ref, `${path}.statement`);
  }
  if (context.extensions !== undefined) extensions(context.extensions, `${path}.extensions`);
}

function validateAttachments(v: unknown, path: string): void {
  if (!Array.isArray(v)) fail('attachments-array', path, 'attachments must be an array');
  (v as unknown[]).forEach((a, i) => {
    const p = `${path}[${i}]`;
    const att = object(a, p, 'an attachment');
    onlyKnown(att, p, KEYS.attachment);
    for (const k of ['usageType', 'display', 'contentType', 'length', 'sha2'])
      if (att[k] === undefined) fail('attachment-property-required', `${p}.${k}`, `an attachment needs ${k}`);
    iri(att.usageType, `${p}.usageType`);
    languageMap(att.display, `${p}.display`);
    if (att.description !== undefined) languageMap(att.description, `${p}.description`);
    if (typeof att.contentType !== 'string' || !/^[\w.+-]+\/[\w.+-]+/.test(att.contentType)) fail('attachment-content-type', `${p}.contentType`, 'contentType must be a media type');
    if (!Number.isInteger(att.length) || (att.length as number) < 0) fail('attachment-length', `${p}.length`, 'length must be a whole number of bytes');
    if (typeof att.sha2 !== 'string' || !/^[0-9a-f]{56,128}$/i.test(att.sha2)) fail('attachment-sha2', `${p}.sha2`, 'sha2 must be the hexadecimal SHA-2 hash of the content');
    if (att.fileUrl !== undefined) iri(att.fileUrl, `${p}.fileUrl`);
  });
}

/** actor, verb, object, result, context, timestamp, attachments: what statements and SubStatements share. */
function validateStatementBody(s: Json, path: string, isSub: boolean): void {
  onlyKnown(s, path, isSub ? KEYS.subStatement : KEYS.statement);
  for (const k of ['actor', 'verb', 'object']) if (s[k] === undefined) fail(`${k}-required`, `${path}.${k}`, `a statement needs ${k}`);
  validateActor(s.actor, `${path}.actor`);
  validateVerb(s.verb, `${path}.verb`);
  validateObject(s.object, `${path}.object`, isSub);
  if (s.result !== undefined) validateResult(s.result, `${path}.result`);
  const objectType = isObject(s.object) ? s.object.objectType : undefined;
  if (s.context !== undefined) validateContext(s.context, `${path}.context`, objectType === 'Agent' || objectType === 'Group');
  if (s.timestamp !== undefined && !isTimestamp(s.timestamp)) fail('timestamp-format', `${path}.timestamp`, 'timestamp must be an ISO 8601 date-time with a time zone');
  if (s.attachments !== undefined) validateAttachments(s.attachments, `${path}.attachments`);
}

/** Validates one statement as received from a client; throws StatementInvalid naming the first rule broken. */
export function validateStatement(v: unknown, path = 'statement'): void {
  const s = object(v, path, 'a statement');
  if (s.id !== undefined) uuid(s.id, `${path}.id`);
  validateStatementBody(s, path, false);
  if (s.stored !== undefined && !isTimestamp(s.stored)) fail('stored-format', `${path}.stored`, 'stored must be an ISO 8601 date-time with a time zone');
  if (s.version !== undefined && !(typeof s.version === 'string' && /^1\.0(\.\d+)?$/.test(s.version)))
    fail('statement-version', `${path}.version`, 'version must be 1.0.x');
  if (s.authority !== undefined) {
    validateActor(s.authority, `${path}.authority`);
    const a = s.authority as Json;
    if (a.objectType === 'Group' && !(Array.isArray(a.member) && a.member.length === 2))
      fail('authority-group-two-members', `${path}.authority.member`, 'an authority Group must be an OAuth consumer and a user (two members)');
  }
  const verbId = (s.verb as Json).id;
  if (verbId === VOIDED_VERB && (s.object as Json).objectType !== 'StatementRef')
    fail('voiding-statement-ref', `${path}.object`, 'a voiding statement\'s object must be a StatementRef to the statement it voids');
}

/** The statements of a POST body: one statement or an array of them; ids must not repeat within the batch. */
export function validateStatementBatch(body: unknown): Json[] {
  const list = Array.isArray(body) ? body : [body];
  if (list.length === 0) fail('empty-batch', 'statements', 'no statements were sent');
  const ids = new Set<string>();
  list.forEach((s, i) => {
    validateStatement(s, Array.isArray(body) ? `statement[${i}]` : 'statement');
    const id = (s as Json).id;
    if (typeof id === 'string') {
      const key = id.toLowerCase();
      if (ids.has(key)) fail('duplicate-id-in-batch', `statement[${i}].id`, `statement id ${id} appears twice in the batch`);
      ids.add(key);
    }
  });
  return list as Json[];
}

/** A canonical string for an Agent's or identified Group's inverse functional identifier, for indexes and comparison. */
export function agentIfi(agent: unknown): string | null {
  if (!isObject(agent)) return null;
  if (typeof agent.mbox === 'string') return `mbox:${agent.mbox.toLowerCase()}`;
  if (typeof agent.mbox_sha1sum === 'string') return `sha1:${agent.mbox_sha1sum.toLowerCase()}`;
  if (typeof agent.openid === 'string') return `openid:${agent.openid}`;
  if (isObject(agent.account)) return `account:${String(agent.account.homePage)}|${String(agent.account.name)}`;
  return null;
}

/** Every Agent and Group identifier a statement mentions (for `related_agents`); members count too. */
export function relatedAgents(s: Json): { actor: string[]; all: string[] } {
  const found = new Set<string>();
  const add = (a: unknown) => {
    if (!isObject(a)) return;
    const ifi = agentIfi(a);
    if (ifi) found.add(ifi);
    if (Array.isArray(a.member)) a.member.forEach(add);
  };
  const visit = (st: Json) => {
    add(st.actor);
    const obj = st.object as Json;
    if (obj && (obj.objectType === 'Agent' || obj.objectType === 'Group')) add(obj);
    const ctx = st.context as Json | undefined;
    if (ctx) {
      add(ctx.instructor);
      add(ctx.team);
    }
    add(st.authority);
    if (obj?.objectType === 'SubStatement') visit(obj);
  };
  const actor = new Set<string>();
  const actorIfi = agentIfi(s.actor);
  if (actorIfi) actor.add(actorIfi);
  const obj = s.object as Json;
  if (obj?.objectType === 'Agent' || obj?.objectType === 'Group') {
    const objIfi = agentIfi(obj);
    if (objIfi) actor.add(objIfi);
  }
  visit(s);
  return { actor: [...actor], all: [...found] };
}

/** Every Activity id a statement mentions: its object, context activities, and those of a SubStatement. */
export function relatedActivities(s: Json): string[] {
  const found = new Set<string>();
  const visit = (st: Json) => {
    const obj = st.object as Json;
    if (obj && (obj.objectType ?? 'Activity') === 'Activity' && typeof obj.id === 'string') found.add(obj.id);
    const ca = (st.context as Json | undefined)?.contextActivities as Json | undefined;
    if (ca) for (const value of Object.values(ca)) for (const a of Array.isArray(value) ? value : [value]) if (isObject(a) && typeof a.id === 'string') found.add(a.id);
    if (obj?.objectType === 'SubStatement') visit(obj);
  };
  visit(s);
  return [...found];
}

/**
 * xAPI "Statement Comparison Requirements": two statements are the same when they match ignoring the properties the
 * LRS sets (stored, authority, version, a timestamp it filled in, id case) and the order of object keys.
 */
export function sameStatement(a: Json, b: Json): boolean {
  // A timestamp the LRS filled in (the statement came without one) is not part of what the client sent.
  const ignoreTimestamp = a.timestamp === undefined || b.timestamp === undefined;
  const strip = (s: Json) => {
    const { stored: _s, authority: _a, version: _v, id: _i, timestamp, ...rest } = s;
    return canonicalJson(ignoreTimestamp ? rest : { ...rest, timestamp });
  };
  return strip(a) === strip(b);
}

export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (isObject(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

/** `format=ids`: Agents and Groups as their identifier only, Activities and verbs as their id only. */
export function statementIdsFormat(s: Json): Json {
  const agent = (a: unknown): unknown => {
    if (!isObject(a)) return a;
    const out: Json = {};
    if (a.objectType) out.objectType = a.objectType;
    for (const k of IFIS) if (a[k] !== undefined) out[k] = a[k];
    if (a.objectType === 'Group' && Array.isArray(a.member) && ifiCount(a) === 0) out.member = a.member.map(agent);
    return out;
  };
  const activity = (a: unknown) => (isObject(a) ? { objectType: 'Activity', id: a.id } : a);
  const body = (st: Json): Json => {
    const out: Json = { ...st, actor: agent(st.actor), verb: { id: (st.verb as Json).id } };
    const obj = st.object as Json;
    const t = obj.objectType ?? 'Activity';
    out.object = t === 'Activity' ? activity(obj) : t === 'Agent' || t === 'Group' ? agent(obj) : t === 'SubStatement' ? body(obj) : obj;
    if (isObject(st.context)) {
      const ctx: Json = { ...st.context };
      if (ctx.instructor) ctx.instructor = agent(ctx.instructor);
      if (ctx.team) ctx.team = agent(ctx.team);
      if (isObject(ctx.contextActivities)) {
        ctx.contextActivities = Object.fromEntries(
          Object.entries(ctx.contextActivities).map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).map(activity)]),
        );
      }
      out.context = ctx;
    }
    if (st.authority) out.authority = agent(st.authority);
    return out;
  };
  return body(s);
}

/** Parses an `agent` query parameter (JSON of an Agent or identified Group); throws StatementInvalid. */
export function parseAgentParameter(raw: string, name = 'agent'): Json {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return fail('agent-parameter-json', name, `${name} must be a JSON Agent object`);
  }
  validateActor(parsed, name);
  if (!agentIfi(parsed)) fail('agent-parameter-ifi', name, `${name} must carry an inverse functional identifier`);
  return parsed as Json;
}
