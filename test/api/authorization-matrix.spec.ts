import { RequestMethod } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { Workbook } from 'exceljs';
import type { Response } from 'supertest';
import { Role, UnitLevel } from '@cchc/shared';
import { ACCESS_POLICY, AccessPolicy } from '@api/common/auth/access-policy.decorator';
import { FileStorage } from '@api/storage';
import { cmi5Zip, SAMPLE_CMI5_AU, scorm12Zip } from '../support/scorm-packages';
import { dataChecksum, operationsOf, resolve, type OpenApiDocument } from '../support/fixtures/openapi-fuzz';
import { createTestApp, insertPerson, insertUnit, insertUser, login, seedSmallProvince, SmallProvince, TEST_PASSWORD, TestApp } from '../support/test-app';

/**
 * Who may call what. Every route the application registers must have a row here (the first test finds them through
 * Nest's metadata), so a new endpoint cannot ship without someone deciding who may call it.
 *
 * The unit officer is the commune A officer, and every request aims inside commune A, so an allowed answer is never
 * an out-of-scope 403; scope itself is tested below the matrix.
 */

type Caller = 'anonymous' | 'learner' | 'author' | 'unitOfficer' | 'coordinator' | 'admin' | 'nationalOfficer';
const CALLERS: readonly Caller[] = ['anonymous', 'learner', 'author', 'unitOfficer', 'coordinator', 'admin', 'nationalOfficer'];

const EVERYONE = CALLERS;
const SIGNED_IN: readonly Caller[] = ['learner', 'author', 'unitOfficer', 'coordinator', 'admin'];
const UNIT_MANAGERS: readonly Caller[] = ['unitOfficer', 'coordinator', 'admin'];
const PROVINCE_MANAGERS: readonly Caller[] = ['coordinator', 'admin'];
const ADMIN_ONLY: readonly Caller[] = ['admin'];
const QUESTION_MANAGERS: readonly Caller[] = ['author', 'coordinator', 'admin'];
const AUTHORS: readonly Caller[] = ['author', 'coordinator', 'admin'];
/** Callers whose account is linked to a person (learner routes act on that person). */
const WITH_PERSON: readonly Caller[] = ['learner', 'coordinator'];
/** Library managers and those who answer questions: authors, coordinators, admins. */
const CONTENT_EDITORS: readonly Caller[] = ['author', 'coordinator', 'admin'];

interface PreparedRequest {
  params?: Record<string, string>;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  body?: object;
  /** A multipart upload in the `file` field, after these `fields`. */
  file?: { name: string; content: string | Buffer };
  fields?: Record<string, string>;
}

function check(title: string, fn: () => Promise<void>): void {
  it(title, fn);
}

interface RouteExpectation {
  /** The callers allowed, the national officer aside (see NATIONAL). */
  allowed: readonly Caller[];
  /** The :id names the caller's own record (a notification), not something in a unit: checked in its own test. */
  ownIdsOnly?: boolean;
  /** The :id names something that belongs to no unit (a course, a lesson): every signed-in caller sees the same. */
  unscoped?: boolean;
  /** The :id names something that belongs to no unit (a library document, a question): no subtree to check. */
  notUnitScoped?: boolean;
  /** A valid request, built afresh for every call so that mutating calls never depend on each other. */
  request?: (caller: Caller) => Promise<PreparedRequest>;
  /** Runs after an allowed call (e.g. a password change ends the caller's old token: keep the new one). */
  after?: (caller: Caller, body: { accessToken?: string }) => void;
  /**
   * An xAPI route: callers are LRS clients with HTTP Basic credentials, never user accounts. Every user token (and no
   * credential) gets 401; an LRS client with every scope gets a 2xx to the valid request.
   */
  lrsClient?: boolean;
}

/**
 * The national officer (Bộ Nội vụ) reads what a coordinator reads of the provinces' people, coverage, results and
 * reports, and changes nothing: no write route but their own account's (open to every signed-in caller without a
 * person). Authoring reads (the question bank with its keys, round set-up, targets and courses being edited) stay with
 * the provinces; they are listed here by name.
 */
const NATIONAL_CANNOT_READ = new Set<string>([
  // the question bank holds the keys; the answering inbox is the authors'
  'GET /api/questions', 'GET /api/questions/tags', 'GET /api/questions/export.xlsx', 'GET /api/questions/export.gift',
  'GET /api/questions/import/template.xlsx', 'GET /api/questions/:id', 'GET /api/questions/:id/versions', 'GET /api/qa/inbox',
  // set-up work of a province: round item analysis, in-person sessions, course authoring and assignments, imports
  'GET /api/test-rounds/:roundId/item-analysis', 'GET /api/training-sessions', 'GET /api/training-sessions/:id',
  'GET /api/training-sessions/:id/attendance', 'GET /api/authoring/courses', 'GET /api/authoring/courses/:id',
  'GET /api/authoring/lessons', 'GET /api/authoring/lessons/:id', 'GET /api/authoring/lessons/:id/package', 'GET /api/test-rounds/choices', 'GET /api/assignments', 'GET /api/assignments/:id', 'GET /api/assignments/:id/people',
  'GET /api/people/import/template.xlsx',
  // who signs a province's certificates is that province's own setting
  'GET /api/certificate-settings',
]);

function allowedCallers(route: string, e: RouteExpectation): readonly Caller[] {
  const openToEverySignedIn = e.allowed.includes('author') && e.allowed.includes('learner');
  // A learner's own routes (allowed to the learner but not to the author) need a person, which the national officer has not.
  const ownLearning = e.allowed.includes('learner') && !e.allowed.includes('author') && !e.allowed.includes('unitOfficer');
  const read = route.startsWith('GET ') && e.allowed.includes('coordinator') && !ownLearning && !NATIONAL_CANNOT_READ.has(route);
  return openToEverySignedIn || read ? [...e.allowed, 'nationalOfficer'] : e.allowed;
}

describe('authorization matrix', () => {
  let t: TestApp;
  let p: SmallProvince;
  const tokens = {} as Record<Exclude<Caller, 'anonymous'>, string>;
  let serial = 0;
  const next = () => String(++serial).padStart(4, '0');

  // Fresh fixtures inside commune A: the unit officer's own subtree.
  const unitInA = () => insertUnit(t.db, { code: `MX.U${next()}`, name: `Tổ thử nghiệm ${next()}`, level: UnitLevel.SubUnit, parent: p.units.communeA });
  const personInA = () => insertPerson(t.db, { staffCode: `MXP${next()}`, fullName: 'Người Thử Nghiệm', unitId: p.units.communeA.id });
  const unitWithNewPerson = async () => {
    const unit = await unitInA();
    await insertPerson(t.db, { staffCode: `MXA${next()}`, fullName: 'Người Cần Tài Khoản', unitId: unit.id });
    return unit;
  };
  const sessionIn = async (unitId: string) =>
    (await t.db.query(
      `INSERT INTO training_session (title, topic_id, starts_on, ends_on, organising_unit_id, hours) SELECT 'Lớp tập huấn thử', id, '2026-03-01', '2026-03-01', $1, 4 FROM topic WHERE code = 'CCHC' RETURNING id`,
      [unitId],
    ))[0].id as string;
  const openSurvey = async () =>
    (await t.db.query(
      `INSERT INTO survey (kind, title, questions, opens_at, closes_at) VALUES ('needs', 'Khảo sát thử', '[{"id":"q1","type":"rating","text":"Mức độ cần thiết"}]', now() - interval '1 day', now() + interval '30 days') RETURNING id`,
    ))[0].id as string;
  const targetId = async (code = 'QD1439.ASEAN') => (await t.db.query(`SELECT id FROM target WHERE code = $1`, [code]))[0].id as string;
  const targetBody = async () => ({
    code: `MX.T${next()}`, name: 'Chỉ tiêu thử nghiệm', legalBasisNumber: '1/QĐ-UBND', topicId: (await t.db.query(`SELECT id FROM topic WHERE code = 'VHCV'`))[0].id,
    kind: 'people', audience: { categories: [], doesCchcWork: null, isLeader: null, unitLevels: [], unitIds: [] }, evidenceKinds: ['attendance'], validity: 'year',
    phases: [{ name: 'Giai đoạn 2026', startYear: 2026, endYear: 2026, review: 'final' }], startYear: 2026, endYear: 2026, deadline: '2026-12-31', thresholdPct: 90,
  });
  const importFile = () => ({
    name: 'danh-sach.csv',
    content: `Mã cán bộ,Họ và tên,Mã đơn vị,Phân loại\nMXI${next()},Đặng Thị Hoa,${p.units.communeA.code},Công chức\n`,
  });

  const questionBody = async () => ({
    topicId: (await t.db.query(`SELECT id FROM topic WHERE code = 'ASEAN'`))[0].id,
    type: 'single',
    difficulty: 'easy',
    stem: `Câu hỏi thử nghiệm ${next()}`,
    options: [
      { id: 'a', text: 'Có' },
      { id: 'b', text: 'Không' },
    ],
    correct: ['a'],
  });
  /**
   * Content belongs to its author's province (the nation's for the administrator), and only its owner changes it: a
   * caller allowed to write gets its own question, topic, target or round; the others get the administrator's.
   */
  const owner = (caller: Caller, writers: readonly Caller[]): Exclude<Caller, 'anonymous'> => (writers.includes(caller) && caller !== 'anonymous' ? caller : 'admin');
  const questionId = async (caller: Caller = 'admin') => {
    const res = await t.http.post('/api/questions').set(as(owner(caller, QUESTION_MANAGERS))).send(await questionBody());
    if (res.status !== 201) throw new Error(`question fixture: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  /** A topic the caller may change: their own province's (a new one), or the nation's for the administrator. */
  const topicOf = async (caller: Caller): Promise<string> => {
    const by = owner(caller, PROVINCE_MANAGERS);
    if (by === 'admin') return (await t.db.query(`SELECT id FROM topic WHERE code = 'ASEAN'`))[0].id;
    const res = await t.http.post('/api/topics').set(as(by)).send({ code: `MX.OWN${next()}`, name: 'Chủ đề của tỉnh', kind: 'skill' });
    if (res.status !== 201) throw new Error(`topic fixture: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  };
  /** A target the caller may change, likewise. */
  const targetOf = async (caller: Caller): Promise<{ id: string; code: string }> => {
    const by = owner(caller, PROVINCE_MANAGERS);
    if (by === 'admin') return { id: await targetId('QD1847.VHCV'), code: 'QD1847.VHCV' };
    const res = await t.http.post('/api/targets').set(as(by)).send(await targetBody());
    if (res.status !== 201) throw new Error(`target fixture: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.id, code: res.body.code };
  };
  const giftFile = () => ({ name: 'cau-hoi.gift.txt', content: `$CATEGORY: ASEAN\n\nCâu hỏi ${next()} {=Có ~Không}\n` });

  // ---- xAPI fixtures: LRS clients and a valid statement ----
  const XAPI_ACTIVITY = 'https://hoc.example.vn/xapi/activities/matrix';
  const XAPI_AGENT = { account: { homePage: 'https://hoc.example.vn', name: 'matrix' } };
  const xapiStatement = () => ({ actor: XAPI_AGENT, verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' }, object: { id: XAPI_ACTIVITY } });
  const lrsClient = async () => {
    const res = await t.http.post('/api/lrs/clients').set(as('admin')).send({ name: `Ứng dụng ma trận ${next()}`, scopes: ['write', 'read_all'] });
    if (res.status !== 201) throw new Error(`lrs client: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.id as string, basic: `Basic ${Buffer.from(`${res.body.key}:${res.body.secret}`).toString('base64')}` };
  };
  const forwardEndpointBody = () => ({ name: `LRS quốc gia ${next()}`, url: 'https://lrs.example.vn/xapi/', key: 'k', secret: 's' });
  const forwardEndpoint = async () => {
    const res = await t.http.post('/api/lrs/forwarding').set(as('admin')).send(forwardEndpointBody());
    if (res.status !== 201) throw new Error(`forward endpoint: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  /** GET/PUT/POST/DELETE of one xAPI document resource, each on a fresh document id. */
  const alternateGet = (fields: Record<string, string>) => ({
    query: { method: 'GET' },
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: { ...fields, 'X-Experience-API-Version': '1.0.3' },
  });

  function xapiDocumentRows(path: string, query: () => Record<string, string>): Record<string, RouteExpectation> {
    const row = (body?: object): RouteExpectation => ({ allowed: [], lrsClient: true, request: async () => ({ query: query(), body, headers: { 'If-None-Match': '*' } }) });
    // GET lists the document ids (a single fresh id would be a 404).
    const list = (): Record<string, string> => Object.fromEntries(Object.entries(query()).filter(([k]) => k !== 'stateId' && k !== 'profileId'));
    return {
      [`GET ${path}`]: { allowed: [], lrsClient: true, request: async () => ({ query: list() }) },
      [`PUT ${path}`]: row({ a: 1 }),
      [`POST ${path}`]: row({ a: 1 }),
      [`DELETE ${path}`]: row(),
    };
  }

  const ROUTES: Record<string, RouteExpectation> = {
    'GET /api/health': { allowed: EVERYONE },
    'GET /api/health/live': { allowed: EVERYONE },
    'GET /api/health/ready': { allowed: EVERYONE },

    'POST /api/auth/login': { allowed: EVERYONE, request: async () => ({ body: { username: 'matrix.login', password: TEST_PASSWORD } }) },
    'POST /api/auth/refresh': { allowed: EVERYONE, request: async () => ({ body: { refreshToken: await freshRefreshToken() } }) },
    'POST /api/auth/logout': { allowed: EVERYONE, request: async () => ({ body: { refreshToken: await freshRefreshToken() } }) },
    'GET /api/auth/me': { allowed: SIGNED_IN },
    'POST /api/auth/change-password': {
      allowed: SIGNED_IN,
      // Each caller changes its own password once; that ends its other tokens, so it carries on with the new one.
      request: async () => ({ body: { currentPassword: TEST_PASSWORD, newPassword: `MatKhauMoi${next()}` } }),
      after: (caller, body) => {
        if (caller !== 'anonymous' && body.accessToken) tokens[caller] = body.accessToken;
      },
    },

    'GET /api/users': { allowed: ADMIN_ONLY },
    'POST /api/users': {
      allowed: ADMIN_ONLY,
      request: async () => ({ body: { username: `mx.user${next()}`, displayName: 'Người dùng mới', role: Role.Learner, password: 'MatKhau@123' } }),
    },
    'POST /api/users/:id/reset-password': {
      allowed: ADMIN_ONLY,
      request: async () => ({ params: { id: (await insertUser(t.db, { username: `mx.reset${next()}`, role: Role.Learner })).id }, body: { newPassword: 'DatLai@2025' } }),
    },
    'POST /api/users/:id/disabled': {
      allowed: ADMIN_ONLY,
      request: async () => ({ params: { id: (await insertUser(t.db, { username: `mx.disable${next()}`, role: Role.Learner })).id }, body: { disabled: true } }),
    },

    'GET /api/audit': { allowed: PROVINCE_MANAGERS },

    'GET /api/lrs/clients': { allowed: ADMIN_ONLY },
    'POST /api/lrs/clients': { allowed: ADMIN_ONLY, request: async () => ({ body: { name: `Ứng dụng ${next()}`, scopes: ['write'] } }) },
    'GET /api/lrs/forwarding': { allowed: ADMIN_ONLY },
    'POST /api/lrs/forwarding': { allowed: ADMIN_ONLY, request: async () => ({ body: forwardEndpointBody() }) },
    'PATCH /api/lrs/forwarding/:id': { allowed: ADMIN_ONLY, notUnitScoped: true, request: async () => ({ params: { id: await forwardEndpoint() }, body: { active: false } }) },
    'GET /api/lrs/forwarding/:id/dead-letters': { allowed: ADMIN_ONLY, notUnitScoped: true, request: async () => ({ params: { id: await forwardEndpoint() } }) },
    'POST /api/lrs/forwarding/:id/retry': { allowed: ADMIN_ONLY, notUnitScoped: true, request: async () => ({ params: { id: await forwardEndpoint() }, body: {} }) },
    'POST /api/lrs/clients/:id/revoke': { allowed: ADMIN_ONLY, notUnitScoped: true, request: async () => ({ params: { id: (await lrsClient()).id } }) },
    'GET /api/xapi/about': { allowed: EVERYONE },
    'POST /api/xapi/statements': { allowed: [], lrsClient: true, request: async () => ({ body: xapiStatement() }) },
    'PUT /api/xapi/statements': { allowed: [], lrsClient: true, request: async () => ({ query: { statementId: randomUUID() }, body: xapiStatement() }) },
    'GET /api/xapi/statements': { allowed: [], lrsClient: true },
    'GET /api/xapi/activities': { allowed: [], lrsClient: true, request: async () => ({ query: { activityId: XAPI_ACTIVITY } }) },
    'GET /api/xapi/agents': { allowed: [], lrsClient: true, request: async () => ({ query: { agent: JSON.stringify(XAPI_AGENT) } }) },
    // Alternate request syntax (a form POST with ?method=GET), as cross-origin content players call.
    'POST /api/xapi/activities': { allowed: [], lrsClient: true, request: async () => alternateGet({ activityId: XAPI_ACTIVITY }) },
    'POST /api/xapi/agents': { allowed: [], lrsClient: true, request: async () => alternateGet({ agent: JSON.stringify(XAPI_AGENT) }) },
    ...xapiDocumentRows('/api/xapi/activities/state', () => ({ activityId: XAPI_ACTIVITY, agent: JSON.stringify(XAPI_AGENT), stateId: `s${next()}` })),
    ...xapiDocumentRows('/api/xapi/activities/profile', () => ({ activityId: XAPI_ACTIVITY, profileId: `p${next()}` })),
    ...xapiDocumentRows('/api/xapi/agents/profile', () => ({ agent: JSON.stringify(XAPI_AGENT), profileId: `p${next()}` })),

    'GET /api/topics': { allowed: SIGNED_IN },
    'POST /api/topics': {
      allowed: PROVINCE_MANAGERS,
      request: async () => ({ body: { code: `MX.TOPIC${next()}`, name: 'Chủ đề mới', kind: 'skill' } }),
    },
    'PATCH /api/topics/:id': {
      allowed: PROVINCE_MANAGERS,
      request: async (caller) => ({ params: { id: await topicOf(caller) }, body: { description: 'Mô tả' } }),
    },

    'GET /api/notifications': { allowed: SIGNED_IN },
    'POST /api/notifications/read-all': { allowed: SIGNED_IN },
    'POST /api/notifications/:id/read': { allowed: SIGNED_IN, ownIdsOnly: true, request: async () => ({ params: { id: '1' } }) },

    'GET /api/library/documents': { allowed: SIGNED_IN, request: async () => ({ query: { q: 'van hoa' } }) },
    'GET /api/library/documents/:id': { allowed: SIGNED_IN, notUnitScoped: true, request: async () => ({ params: { id: await libraryDocument() } }) },
    'GET /api/library/documents/:id/file': { allowed: SIGNED_IN, notUnitScoped: true, request: async () => ({ params: { id: await libraryDocument() } }) },
    'POST /api/library/documents': {
      allowed: CONTENT_EDITORS,
      request: async () => ({ fields: { title: `Tài liệu ${next()}`, type: 'guide' }, file: { name: 'tai-lieu.txt', content: 'Văn hóa công vụ' } }),
    },
    'PATCH /api/library/documents/:id': {
      allowed: CONTENT_EDITORS,
      request: async () => ({ params: { id: await libraryDocument() }, body: { issuer: 'UBND tỉnh Khánh Hòa' } }),
    },
    'DELETE /api/library/documents/:id': { allowed: CONTENT_EDITORS, request: async () => ({ params: { id: await libraryDocument() } }) },

    'GET /api/qa/faq': { allowed: SIGNED_IN, request: async () => ({ query: { q: 'mot cua' } }) },
    'POST /api/qa/questions': { allowed: SIGNED_IN, request: async () => ({ body: { title: 'Câu hỏi về một cửa', body: 'Nội dung câu hỏi' } }) },
    'GET /api/qa/questions/mine': { allowed: SIGNED_IN },
    'GET /api/qa/inbox': { allowed: CONTENT_EDITORS },
    // A published question: every signed-in user may read it (private ones are tested in qa.spec.ts).
    'GET /api/qa/questions/:id': { allowed: SIGNED_IN, notUnitScoped: true, request: async () => ({ params: { id: await question(true) } }) },
    'POST /api/qa/questions/:id/answer': {
      allowed: CONTENT_EDITORS,
      request: async () => ({ params: { id: await question(false) }, body: { answer: 'Câu trả lời đầy đủ.' } }),
    },
    'POST /api/qa/questions/:id/publish': { allowed: CONTENT_EDITORS, request: async () => ({ params: { id: await question(true) }, body: { published: true } }) },

    'GET /api/units': { allowed: UNIT_MANAGERS },
    'GET /api/units/:id': { allowed: UNIT_MANAGERS, request: async () => ({ params: { id: p.units.communeA.id } }) },
    'POST /api/units': {
      allowed: PROVINCE_MANAGERS,
      request: async () => ({ body: { code: `MX.N${next()}`, name: 'Tổ mới', level: UnitLevel.SubUnit, parentId: p.units.communeA.id } }),
    },
    'PATCH /api/units/:id': { allowed: PROVINCE_MANAGERS, request: async () => ({ params: { id: (await unitInA()).id }, body: { name: 'Tổ đổi tên' } }) },
    'POST /api/units/:id/move': {
      allowed: PROVINCE_MANAGERS,
      request: async () => ({ params: { id: (await unitInA()).id }, body: { newParentId: (await unitInA()).id } }),
    },
    'POST /api/units/:id/close': { allowed: PROVINCE_MANAGERS, request: async () => ({ params: { id: (await unitInA()).id } }) },
    'POST /api/units/:id/merge': {
      allowed: PROVINCE_MANAGERS,
      request: async () => ({ params: { id: (await unitInA()).id }, body: { sourceUnitIds: [(await unitInA()).id] } }),
    },

    'GET /api/people': { allowed: UNIT_MANAGERS },
    'GET /api/people/export.xlsx': { allowed: UNIT_MANAGERS },
    'GET /api/people/import/template.xlsx': { allowed: UNIT_MANAGERS },
    'POST /api/people/import/dry-run': { allowed: UNIT_MANAGERS, request: async () => ({ file: importFile() }) },
    'POST /api/people/import/commit': { allowed: UNIT_MANAGERS, request: async () => ({ file: importFile() }) },
    // The learner's own record: learners may read themselves; an author has no person and no scope.
    'GET /api/people/:id': { allowed: ['learner', ...UNIT_MANAGERS], request: async () => ({ params: { id: p.people.communeAStaff.id } }) },
    // The training record: the person themself (the learner is communeAStaff) and whoever manages their unit.
    'GET /api/people/:id/record': { allowed: ['learner', ...UNIT_MANAGERS], request: async () => ({ params: { id: p.people.communeAStaff.id } }) },
    'GET /api/people/:id/record.pdf': { allowed: ['learner', ...UNIT_MANAGERS], request: async () => ({ params: { id: p.people.communeAStaff.id } }) },
    'POST /api/people': {
      allowed: UNIT_MANAGERS,
      request: async () => ({
        body: { staffCode: `MXC${next()}`, fullName: 'Bùi Văn Giang', category: 'cong_chuc', unitId: p.units.communeA.id, doesCchcWork: false, isLeader: false },
      }),
    },
    'PATCH /api/people/:id': {
      allowed: UNIT_MANAGERS,
      request: async () => ({ params: { id: (await personInA()).id }, body: { fullName: 'Người Đã Sửa', category: 'vien_chuc', doesCchcWork: true, isLeader: false } }),
    },
    'POST /api/people/:id/transfer': {
      allowed: UNIT_MANAGERS,
      request: async () => ({ params: { id: (await personInA()).id }, body: { unitId: (await unitInA()).id } }),
    },
    'POST /api/people/:id/status': { allowed: UNIT_MANAGERS, request: async () => ({ params: { id: (await personInA()).id }, body: { status: 'on_leave' } }) },
    // Accounts for everyone: the unit in the body is the officer's own (scope is tested in accounts.spec.ts).
    'POST /api/accounts/bulk/dry-run': { allowed: UNIT_MANAGERS, request: async () => ({ body: { unitId: (await unitWithNewPerson()).id } }) },
    'POST /api/accounts/bulk': { allowed: UNIT_MANAGERS, request: async () => ({ body: { unitId: (await unitWithNewPerson()).id } }) },
    'POST /api/people/:id/account/reset-password': {
      allowed: UNIT_MANAGERS,
      request: async () => {
        const person = await personInA();
        await insertUser(t.db, { username: `mx.acc${next()}`, role: Role.Learner, unitId: p.units.communeA.id, personId: person.id });
        return { params: { id: person.id } };
      },
    },
    // A handout is downloaded by the officer who made it, with its key: made afresh by the caller (or, for callers who
    // may not make one, by the coordinator).
    'POST /api/account-handouts/:id/:format': {
      allowed: UNIT_MANAGERS,
      ownIdsOnly: true,
      request: async (caller) => {
        const maker = caller === 'anonymous' || !UNIT_MANAGERS.includes(caller) ? 'coordinator' : caller;
        const made = await t.http.post('/api/accounts/bulk').set(as(maker)).send({ unitId: (await unitWithNewPerson()).id }).expect(201);
        return { params: { id: made.body.handoutId, format: 'xlsx' }, body: { key: made.body.handoutKey } };
      },
    },
    // A question image: every signed-in account that sees the bank it belongs to (a learner sitting a test reads it).
    'POST /api/question-images': {
      allowed: QUESTION_MANAGERS,
      request: async () => ({ file: { name: 'hinh.png', content: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64') } }),
    },
    'GET /api/question-images/:id': { allowed: SIGNED_IN, notUnitScoped: true, request: async () => ({ params: { id: await questionImage() } }) },
    'GET /api/questions': { allowed: QUESTION_MANAGERS },
    'GET /api/questions/tags': { allowed: QUESTION_MANAGERS },
    'GET /api/questions/export.xlsx': { allowed: QUESTION_MANAGERS },
    'GET /api/questions/export.gift': { allowed: QUESTION_MANAGERS },
    'GET /api/questions/import/template.xlsx': { allowed: QUESTION_MANAGERS },
    'POST /api/questions/import/dry-run': { allowed: QUESTION_MANAGERS, request: async () => ({ query: { format: 'gift' }, file: giftFile() }) },
    'POST /api/questions/import/commit': { allowed: QUESTION_MANAGERS, request: async () => ({ query: { format: 'gift' }, file: giftFile() }) },
    'POST /api/questions/bulk/tag': { allowed: QUESTION_MANAGERS, request: async (caller) => ({ body: { ids: [await questionId(caller)], add: ['Thẻ'] } }) },
    'POST /api/questions/bulk/retire': { allowed: QUESTION_MANAGERS, request: async (caller) => ({ body: { ids: [await questionId(caller)] } }) },
    'GET /api/questions/:id': { allowed: QUESTION_MANAGERS, request: async () => ({ params: { id: await questionId() } }) },
    'GET /api/questions/:id/versions': { allowed: QUESTION_MANAGERS, request: async () => ({ params: { id: await questionId() } }) },
    'POST /api/questions': { allowed: QUESTION_MANAGERS, request: async () => ({ body: await questionBody() }) },
    'PUT /api/questions/:id': { allowed: QUESTION_MANAGERS, request: async (caller) => ({ params: { id: await questionId(caller) }, body: { ...(await questionBody()), stem: 'Đã sửa' } }) },
    'POST /api/questions/:id/status': { allowed: QUESTION_MANAGERS, request: async (caller) => ({ params: { id: await questionId(caller) }, body: { status: 'published' } }) },

    // Test rounds. Rounds are province-wide objects (:roundId, not a unit id); results are scoped by the caller's subtree.
    'GET /api/test-rounds': { allowed: UNIT_MANAGERS },
    'GET /api/test-rounds/mine': { allowed: SIGNED_IN },
    'GET /api/test-rounds/choices': { allowed: AUTHORS },
    'POST /api/test-rounds/blueprint-check': { allowed: PROVINCE_MANAGERS, request: async () => ({ body: { blueprint: await matrixBlueprint() } }) },
    'POST /api/test-rounds': { allowed: PROVINCE_MANAGERS, request: async () => ({ body: await matrixRoundBody() }) },
    'GET /api/test-rounds/:roundId': { allowed: UNIT_MANAGERS, request: async () => ({ params: { roundId: await matrixRound() } }) },
    'PATCH /api/test-rounds/:roundId': {
      allowed: PROVINCE_MANAGERS,
      request: async (caller) => ({ params: { roundId: await matrixRound({ publish: false, by: owner(caller, PROVINCE_MANAGERS) }) }, body: await matrixRoundBody() }),
    },
    'POST /api/test-rounds/:roundId/publish': {
      allowed: PROVINCE_MANAGERS,
      request: async (caller) => ({ params: { roundId: await matrixRound({ publish: false, by: owner(caller, PROVINCE_MANAGERS) }) } }),
    },
    // Anyone with a linked person in the audience (the whole province here): author and admin have no person.
    'POST /api/test-rounds/:roundId/attempts': { allowed: ['learner', 'coordinator'], request: async () => ({ params: { roundId: await matrixRound() } }) },
    'GET /api/test-rounds/:roundId/my-result': { allowed: ['learner', 'coordinator'], request: async (caller) => ({ params: { roundId: await matrixRoundTakenBy(caller) } }) },
    'GET /api/test-rounds/:roundId/results': { allowed: UNIT_MANAGERS, request: async () => ({ params: { roundId: await matrixRound() } }) },
    'GET /api/test-rounds/:roundId/commendations': { allowed: UNIT_MANAGERS, request: async () => ({ params: { roundId: await matrixRound() } }) },
    'GET /api/test-rounds/:roundId/commendations.xlsx': { allowed: UNIT_MANAGERS, request: async () => ({ params: { roundId: await matrixRound() } }) },
    'GET /api/test-rounds/:roundId/not-taken': { allowed: UNIT_MANAGERS, request: async () => ({ params: { roundId: await matrixRound() } }) },
    'GET /api/test-rounds/:roundId/not-taken.xlsx': { allowed: UNIT_MANAGERS, request: async () => ({ params: { roundId: await matrixRound() } }) },
    'POST /api/test-rounds/:roundId/not-taken/remind': { allowed: UNIT_MANAGERS, request: async () => ({ params: { roundId: await matrixRound() } }) },
    'GET /api/test-rounds/:roundId/low-scorers': { allowed: UNIT_MANAGERS, request: async () => ({ params: { roundId: await matrixRound() }, query: { sort: 'unit' } }) },
    'GET /api/test-rounds/:roundId/low-scorers.xlsx': { allowed: UNIT_MANAGERS, request: async () => ({ params: { roundId: await matrixRound() }, query: { sort: 'date' } }) },
    'GET /api/test-rounds/:roundId/item-analysis': { allowed: PROVINCE_MANAGERS, request: async () => ({ params: { roundId: await matrixRound() } }) },
    // An attempt is its taker's own (another person's id answers 404): each caller with a person uses their own.
    'GET /api/attempts/:attemptId': { allowed: ['learner', 'coordinator'], request: async (caller) => ({ params: { attemptId: await attemptOf(caller) } }) },
    'PUT /api/attempts/:attemptId/answers/:questionId': {
      allowed: ['learner', 'coordinator'],
      request: async (caller) => {
        const attemptId = await attemptOf(caller);
        const [{ q }] = await t.db.query(`SELECT question_ids[1] AS q FROM test_attempt WHERE id = $1`, [attemptId]);
        return { params: { attemptId, questionId: q }, body: { choice: ['a'], seq: Date.now() + serial } };
      },
    },
    'POST /api/attempts/:attemptId/submit': { allowed: ['learner', 'coordinator'], request: async (caller) => ({ params: { attemptId: await attemptOf(caller) } }) },
    'GET /api/remedial/mine': { allowed: SIGNED_IN },
    // A remedial assignment is its learner's own (another person's id answers 404): each caller with a person uses their own.
    'POST /api/remedial/:assignmentId/documents/:documentId/read': { allowed: WITH_PERSON, request: async (caller) => ({ params: await remedialOf(caller) }) },

    'GET /api/targets': { allowed: SIGNED_IN },
    'GET /api/targets/:targetId': { allowed: SIGNED_IN, request: async () => ({ params: { targetId: await targetId() } }) },
    'POST /api/targets': { allowed: PROVINCE_MANAGERS, request: async () => ({ body: await targetBody() }) },
    'PUT /api/targets/:targetId': {
      allowed: PROVINCE_MANAGERS,
      request: async (caller) => {
        const target = await targetOf(caller);
        return { params: { targetId: target.id }, body: { ...(await targetBody()), code: target.code } };
      },
    },

    'GET /api/coverage/matrix': { allowed: UNIT_MANAGERS },
    'GET /api/coverage/me': { allowed: SIGNED_IN },
    'GET /api/home': { allowed: SIGNED_IN },
    'GET /api/coverage/scores': { allowed: UNIT_MANAGERS },
    'GET /api/coverage/low-scorers': { allowed: UNIT_MANAGERS },
    'GET /api/coverage/low-scorers.xlsx': { allowed: UNIT_MANAGERS },
    'GET /api/coverage/commendations': { allowed: UNIT_MANAGERS },
    'GET /api/coverage/commendations.xlsx': { allowed: UNIT_MANAGERS },
    'POST /api/coverage/verify': { allowed: PROVINCE_MANAGERS },
    'GET /api/coverage/targets/:targetId': { allowed: UNIT_MANAGERS, request: async () => ({ params: { targetId: await targetId() }, query: { unitId: p.units.communeA.id } }) },
    'GET /api/coverage/targets/:targetId/missing': { allowed: UNIT_MANAGERS, request: async () => ({ params: { targetId: await targetId() }, query: { unitId: p.units.communeA.id } }) },
    'GET /api/coverage/targets/:targetId/missing.xlsx': { allowed: UNIT_MANAGERS, request: async () => ({ params: { targetId: await targetId() }, query: { unitId: p.units.communeA.id } }) },

    'GET /api/training-sessions': { allowed: UNIT_MANAGERS },
    'POST /api/training-sessions': {
      allowed: UNIT_MANAGERS,
      request: async () => ({
        body: { title: 'Hội nghị tập huấn CCHC', topicId: (await t.db.query(`SELECT id FROM topic WHERE code = 'CCHC'`))[0].id, startsOn: '2026-03-01', endsOn: '2026-03-02', organisingUnitId: p.units.communeA.id, hours: 8 },
      }),
    },
    // Self check-in needs a person behind the account: the learner and the coordinator (linked to a person) have one.
    'POST /api/training-sessions/check-in': {
      allowed: ['learner', 'coordinator'],
      request: async () => ({ body: { token: (await t.http.post(`/api/training-sessions/${await sessionIn(p.units.communeA.id)}/qr`).set(as('coordinator'))).body.token } }),
    },
    'GET /api/training-sessions/:id': { allowed: UNIT_MANAGERS, request: async () => ({ params: { id: await sessionIn(p.units.communeA.id) } }) },
    'PUT /api/training-sessions/:id': {
      allowed: UNIT_MANAGERS,
      request: async () => ({
        params: { id: await sessionIn(p.units.communeA.id) },
        body: { title: 'Hội nghị tập huấn CCHC (sửa)', topicId: (await t.db.query(`SELECT id FROM topic WHERE code = 'CCHC'`))[0].id, startsOn: '2026-03-01', endsOn: '2026-03-01', organisingUnitId: p.units.communeA.id, forUnitIds: [p.units.communeA.id], hours: 4 },
      }),
    },
    'GET /api/training-sessions/:id/attendance': { allowed: UNIT_MANAGERS, request: async () => ({ params: { id: await sessionIn(p.units.communeA.id) } }) },
    'POST /api/training-sessions/:id/attendance': {
      allowed: UNIT_MANAGERS,
      request: async () => ({ params: { id: await sessionIn(p.units.communeA.id) }, body: { personIds: [(await personInA()).id] } }),
    },
    'POST /api/training-sessions/:id/attendance/import/dry-run': {
      allowed: UNIT_MANAGERS,
      request: async () => ({ params: { id: await sessionIn(p.units.communeA.id) }, file: { name: 'diem-danh.csv', content: 'Mã cán bộ,Họ và tên\nT0003,Lê Đức Cường\n' } }),
    },
    'POST /api/training-sessions/:id/attendance/import/commit': {
      allowed: UNIT_MANAGERS,
      request: async () => ({ params: { id: await sessionIn(p.units.communeA.id) }, file: { name: 'diem-danh.csv', content: 'Mã cán bộ,Họ và tên\nT0003,Lê Đức Cường\n' } }),
    },
    'POST /api/training-sessions/:id/qr': { allowed: UNIT_MANAGERS, request: async () => ({ params: { id: await sessionIn(p.units.communeA.id) } }) },

    'POST /api/reminders/run': { allowed: PROVINCE_MANAGERS },
    'GET /api/surveys': { allowed: UNIT_MANAGERS },
    'POST /api/surveys': {
      allowed: PROVINCE_MANAGERS,
      request: async () => ({ body: { kind: 'needs', title: 'Khảo sát nhu cầu bồi dưỡng', questions: [{ id: 'q1', type: 'rating', text: 'Mức độ cần thiết' }], opensAt: '2026-01-01T00:00:00Z', closesAt: '2099-01-01T00:00:00Z' } }),
    },
    'GET /api/surveys/mine': { allowed: SIGNED_IN },
    // Answering needs a person behind the account (learner, coordinator); each call answers a fresh survey.
    'POST /api/surveys/:surveyId/responses': { allowed: ['learner', 'coordinator'], request: async () => ({ params: { surveyId: await openSurvey() }, body: { answers: { q1: 4 } } }) },
    'GET /api/surveys/:surveyId/results': { allowed: UNIT_MANAGERS, request: async () => ({ params: { surveyId: await openSurvey() }, query: { unitId: p.units.communeA.id } }) },

    'GET /api/reports/yearly': { allowed: UNIT_MANAGERS },
    'GET /api/reports/yearly.xlsx': { allowed: UNIT_MANAGERS },
    'GET /api/reports/yearly.pdf': { allowed: UNIT_MANAGERS },
    'GET /api/reports/yearly.docx': { allowed: UNIT_MANAGERS },

    'GET /api/authoring/courses': { allowed: AUTHORS },
    'POST /api/authoring/courses': { allowed: AUTHORS, request: async () => ({ body: { title: `Khóa mới ${next()}`, topicIds: [], estimatedHours: 1 } }) },
    'GET /api/authoring/courses/:id': { allowed: AUTHORS, request: async () => ({ params: { id: (await course()).courseId } }) },
    'PATCH /api/authoring/courses/:id': { allowed: AUTHORS, request: async () => ({ params: { id: (await course()).courseId }, body: { description: 'Mô tả mới' } }) },
    'POST /api/authoring/courses/:id/modules': { allowed: AUTHORS, request: async () => ({ params: { id: (await course()).courseId }, body: { title: 'Phần mới' } }) },
    'PATCH /api/authoring/modules/:id': { allowed: AUTHORS, request: async () => ({ params: { id: (await course()).moduleId }, body: { title: 'Phần đổi tên' } }) },
    'DELETE /api/authoring/modules/:id': { allowed: AUTHORS, request: async () => ({ params: { id: (await course()).moduleId } }) },
    'POST /api/authoring/modules/:id/lessons': {
      allowed: AUTHORS,
      request: async () => ({ params: { id: (await course()).moduleId }, body: { title: 'Bài mới', kind: 'text', bodyHtml: '<p>Nội dung</p>' } }),
    },
    'GET /api/authoring/lessons': { allowed: AUTHORS, request: async () => ({ query: { q: 'bai' } }) },
    'GET /api/authoring/lessons/:id': { allowed: AUTHORS, request: async () => ({ params: { id: (await course()).lessonId } }) },
    'PATCH /api/authoring/lessons/:id': { allowed: AUTHORS, request: async () => ({ params: { id: (await course()).lessonId }, body: { title: 'Bài đổi tên' } }) },
    'DELETE /api/authoring/lessons/:id': { allowed: AUTHORS, request: async () => ({ params: { id: (await course()).lessonId } }) },
    'POST /api/authoring/lessons/:id/file': {
      allowed: AUTHORS,
      request: async () => ({ params: { id: (await course()).documentLessonId }, file: { name: 'tai-lieu.pdf', content: '%PDF-1.4\n%%EOF\n' } }),
    },
    'GET /api/lesson-files/:token': { allowed: EVERYONE, request: async () => ({ params: { token: await lessonFileToken() } }) },
    'GET /api/courses': { allowed: SIGNED_IN },
    'GET /api/courses/:id': { allowed: SIGNED_IN, unscoped: true, request: async () => ({ params: { id: (await publishedCourse()).courseId } }) },
    'POST /api/courses/:id/enrol': { allowed: WITH_PERSON, request: async () => ({ params: { id: (await publishedCourse()).courseId } }) },
    'GET /api/courses/:id/certificate': { allowed: WITH_PERSON, request: async () => ({ params: { id: (await publishedCourse()).courseId } }) },
    'GET /api/lessons/:id': { allowed: SIGNED_IN, unscoped: true, request: async () => ({ params: { id: (await publishedCourse()).lessonId } }) },
    'POST /api/lessons/:id/progress': { allowed: WITH_PERSON, request: async () => ({ params: { id: (await publishedCourse()).lessonId }, body: { completed: true } }) },
    'GET /api/my-learning': { allowed: WITH_PERSON },
    'GET /api/authoring/lessons/:id/package': { allowed: AUTHORS, request: async () => ({ params: { id: (await packageLesson()).lessonId } }) },
    'POST /api/authoring/lessons/:id/package': {
      allowed: AUTHORS,
      request: async () => ({ params: { id: await draftPackageLesson() }, file: { name: 'bai-giang.zip', content: scorm12Zip() } }),
    },
    'GET /api/lessons/:id/package/launch': { allowed: SIGNED_IN, unscoped: true, request: async () => ({ params: { id: (await packageLesson()).lessonId } }) },
    'POST /api/lessons/:id/package/cmi5-launch': {
      allowed: WITH_PERSON,
      request: async () => ({ params: { id: (await cmi5Lesson()).lessonId }, body: { itemId: SAMPLE_CMI5_AU } }),
    },
    // The AU trades its one-time token without an account; an unknown token is a 404 for everyone.
    'POST /api/xapi/cmi5/fetch/:token': { allowed: EVERYONE, request: async () => ({ params: { token: await cmi5FetchToken() } }) },
    'GET /api/lessons/:id/package/status': { allowed: WITH_PERSON, unscoped: true, request: async () => ({ params: { id: (await packageLesson()).lessonId } }) },
    // A person's e-lecture attempts and answers (interactions): the person themself and whoever manages their unit.
    'GET /api/people/:id/package-lessons': { allowed: ['learner', ...UNIT_MANAGERS], request: async () => ({ params: { id: p.people.communeAStaff.id } }) },
    // Waiving a cmi5 AU for a person (each call a new person with an account in commune A).
    'POST /api/people/:id/package-lessons/:lessonId/waivers': {
      allowed: UNIT_MANAGERS,
      request: async () => {
        const person = await insertPerson(t.db, { staffCode: `MXW${next()}`, fullName: 'Đặng Văn Miễn', unitId: p.units.communeA.id });
        await insertUser(t.db, { username: `mien${next()}`, role: Role.Learner, unitId: p.units.communeA.id, personId: person.id });
        return { params: { id: person.id, lessonId: (await cmi5Lesson()).lessonId }, body: { itemId: SAMPLE_CMI5_AU, reason: 'Administrative' } };
      },
    },
    'POST /api/lessons/:id/package/commits': {
      allowed: WITH_PERSON,
      request: async () => ({ params: { id: (await packageLesson()).lessonId }, body: { itemId: 'item1', attempt: 1, seq: Number(next()), cmi: { core: { lesson_status: 'incomplete' } }, terminated: false } }),
    },
    'GET /api/certificates/:code': { allowed: EVERYONE, request: async () => ({ params: { code: (await publishedCourse()).certificateCode } }) },
    'GET /api/certificate-settings': { allowed: PROVINCE_MANAGERS },
    'PUT /api/certificate-settings': { allowed: PROVINCE_MANAGERS, request: async () => ({ body: { issuerParent: 'UBND tỉnh Thử Nghiệm', issuerName: 'Sở Nội vụ', place: 'Thử Nghiệm', signerTitle: 'Giám đốc', signerName: 'Nguyễn Văn Ký' } }) },
    'GET /api/assignments': { allowed: UNIT_MANAGERS },
    'POST /api/assignments': {
      allowed: UNIT_MANAGERS,
      request: async () => ({ body: { courseId: (await publishedCourse()).courseId, unitId: p.units.communeA.id, dueDate: '2099-12-31' } }),
    },
    'GET /api/assignments/:id': { allowed: UNIT_MANAGERS, request: async () => ({ params: { id: await assignmentIn(p.units.communeA.id) } }) },
    'GET /api/assignments/:id/people': { allowed: UNIT_MANAGERS, request: async () => ({ params: { id: await assignmentIn(p.units.communeA.id) } }) },
    'POST /api/assignments/:id/cancel': { allowed: UNIT_MANAGERS, request: async () => ({ params: { id: await assignmentIn(p.units.communeA.id) } }) },
  };

  // ---- test-round fixtures: a small published bank and rounds open to the whole province ----
  let bankReady: Promise<void> | undefined;
  const matrixBank = () =>
    (bankReady ??= (async () => {
      const [{ id: topicId }] = await t.db.query(`SELECT id FROM topic WHERE code = 'ASEAN'`);
      for (let i = 0; i < 3; i++) {
        const [{ id }] = await t.db.query(`INSERT INTO question (topic_id, type, difficulty, status) VALUES ($1, 'single', 'easy', 'published') RETURNING id`, [topicId]);
        await t.db.query(
          `INSERT INTO question_version (question_id, version, topic_id, type, difficulty, stem, options, correct) VALUES ($1, 1, $2, 'single', 'easy', 'Câu hỏi?', $3, '["a"]')`,
          [id, topicId, JSON.stringify([{ id: 'a', text: 'A' }, { id: 'b', text: 'B' }])],
        );
      }
    })());
  const matrixBlueprint = async () => {
    await matrixBank();
    const [{ id }] = await t.db.query(`SELECT id FROM topic WHERE code = 'ASEAN'`);
    return [{ topicId: id, difficulty: 'easy', count: 2 }];
  };
  const matrixRoundBody = async () => ({
    name: `Kỳ kiểm tra ma trận ${next()}`,
    opensAt: new Date(Date.now() - 60_000).toISOString(),
    closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    blueprint: await matrixBlueprint(),
    attemptsAllowed: 20,
  });
  /** A round of province T (its coordinator's), or the nation's (`by: 'admin'`). */
  const matrixRound = async ({ publish = true, by = 'coordinator' as Exclude<Caller, 'anonymous'> } = {}): Promise<string> => {
    const created = await t.http.post('/api/test-rounds').set(as(by)).send(await matrixRoundBody());
    if (created.status !== 201) throw new Error(`matrix round: ${created.status} ${JSON.stringify(created.body)}`);
    if (publish) await t.http.post(`/api/test-rounds/${created.body.id}/publish`).set(as(by)).expect(200);
    return created.body.id;
  };
  // Callers without a linked person (author, unit officer, admin) are refused before the id is looked at.
  const taker = (caller: Caller) => (caller === 'coordinator' ? 'coordinator' : 'learner');
  const attemptOf = async (caller: Caller): Promise<string> => {
    const res = await t.http.post(`/api/test-rounds/${await matrixRound()}/attempts`).set(as(taker(caller))).expect(200);
    return res.body.id;
  };
  const remedialOf = async (caller: Caller): Promise<{ assignmentId: string; documentId: string }> => {
    const personId = taker(caller) === 'coordinator' ? p.people.deptHead.id : p.people.communeAStaff.id;
    const [{ id: assignmentId }] = await t.db.query(
      `INSERT INTO remedial_assignment (round_id, person_id, due_date, created_at, updated_at) VALUES ($1, $2, current_date + 14, now(), now()) RETURNING id`,
      [await matrixRound(), personId],
    );
    const documentId = '5a1e0000-0000-4000-8000-00000000d0c5';
    await t.db.query(`INSERT INTO remedial_item (assignment_id, kind, ref_id, topic_id, sort_order) SELECT $1, 'document', $2, id, 0 FROM topic WHERE code = 'ASEAN'`, [assignmentId, documentId]);
    return { assignmentId, documentId };
  };
  const matrixRoundTakenBy = async (caller: Caller): Promise<string> => {
    const roundId = await matrixRound();
    const res = await t.http.post(`/api/test-rounds/${roundId}/attempts`).set(as(taker(caller))).expect(200);
    await t.http.post(`/api/attempts/${res.body.id}/submit`).set(as(taker(caller))).expect(200);
    return roundId;
  };

  /** A fresh draft course with one module, one text lesson and one document lesson (authoring routes change it). */
  async function course() {
    const [{ id: courseId }] = await t.db.query(`INSERT INTO course (title, estimated_hours) VALUES ($1, 1) RETURNING id`, [`Khóa ma trận ${next()}`]);
    const [{ id: moduleId }] = await t.db.query(`INSERT INTO course_module (course_id, title) VALUES ($1, 'Phần 1') RETURNING id`, [courseId]);
    const [{ id: lessonId }] = await t.db.query(`INSERT INTO lesson (course_id, module_id, title, kind, body_html) VALUES ($1, $2, 'Bài 1', 'text', '<p>x</p>') RETURNING id`, [courseId, moduleId]);
    const [{ id: documentLessonId }] = await t.db.query(`INSERT INTO lesson (course_id, module_id, title, kind) VALUES ($1, $2, 'Tài liệu', 'document') RETURNING id`, [courseId, moduleId]);
    return { courseId, moduleId, lessonId, documentLessonId };
  }

  /** A draft course's lesson of kind "package" without a package yet (each upload gets its own). */
  async function draftPackageLesson(): Promise<string> {
    const c = await course();
    const [{ id }] = await t.db.query(`INSERT INTO lesson (course_id, module_id, title, kind) VALUES ($1, $2, 'Bài giảng điện tử', 'package') RETURNING id`, [c.courseId, c.moduleId]);
    return id;
  }

  /** One published course whose package lesson has a SCORM 1.2 package (uploaded once, by the admin). */
  let sharedPackage: Promise<{ lessonId: string }> | undefined;
  function packageLesson() {
    sharedPackage ??= (async () => {
      const lessonId = await draftPackageLesson();
      await t.http.post(`/api/authoring/lessons/${lessonId}/package`).set(as('admin')).attach('file', scorm12Zip(), 'bai-giang.zip').expect(201);
      await t.db.query(`UPDATE course SET status = 'published' WHERE id = (SELECT course_id FROM lesson WHERE id = $1)`, [lessonId]);
      return { lessonId };
    })();
    return sharedPackage;
  }

  /** One published course whose package lesson is a cmi5 course (uploaded once, by the admin). */
  let sharedCmi5: Promise<{ lessonId: string }> | undefined;
  function cmi5Lesson() {
    sharedCmi5 ??= (async () => {
      const lessonId = await draftPackageLesson();
      await t.http.post(`/api/authoring/lessons/${lessonId}/package`).set(as('admin')).attach('file', cmi5Zip(), 'cmi5.zip').expect(201);
      await t.db.query(`UPDATE course SET status = 'published' WHERE id = (SELECT course_id FROM lesson WHERE id = $1)`, [lessonId]);
      return { lessonId };
    })();
    return sharedCmi5;
  }
  /** A fresh fetch token of a launched AU session (the learner launches; each call gets its own). */
  async function cmi5FetchToken(): Promise<string> {
    const res = await t.http.post(`/api/lessons/${(await cmi5Lesson()).lessonId}/package/cmi5-launch`).set(as('learner')).send({ itemId: SAMPLE_CMI5_AU }).expect(200);
    return new URL(res.body.url).searchParams.get('fetch')!.split('/').pop()!;
  }

  /** One published course, completed by both callers who have a person (for certificates). */
  let shared: Promise<{ courseId: string; lessonId: string; certificateCode: string }> | undefined;
  function publishedCourse() {
    shared ??= (async () => {
      const c = await course();
      await t.db.query(`UPDATE course SET status = 'published' WHERE id = $1`, [c.courseId]);
      for (const [personId, code] of [[p.people.communeAStaff.id, 'MTRX-HHHH-2222'], [p.people.deptHead.id, 'MTRX-HHHH-3333']]) {
        await t.db.query(
          `INSERT INTO course_completion (course_id, person_id, completed_at, certificate_code, person_name, course_title, estimated_hours)
           VALUES ($1, $2, now(), $3, 'Người Học', 'Khóa ma trận', 1)`,
          [c.courseId, personId, code],
        );
      }
      return { courseId: c.courseId, lessonId: c.lessonId, certificateCode: 'MTRX-HHHH-2222' };
    })();
    return shared;
  }

  async function lessonFileToken(): Promise<string> {
    const c = await course();
    await t.db.query(`UPDATE course SET status = 'published' WHERE id = $1`, [c.courseId]);
    const upload = await t.http
      .post(`/api/authoring/lessons/${c.documentLessonId}/file`)
      .set('Authorization', `Bearer ${tokens.admin}`)
      .attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), 'tai-lieu.pdf');
    if (upload.status !== 201) throw new Error(`upload failed: ${upload.status}`);
    const lesson = await t.http.get(`/api/lessons/${c.documentLessonId}`).set('Authorization', `Bearer ${tokens.learner}`);
    return (lesson.body.file.url as string).split('/').pop()!;
  }

  async function assignmentIn(unitId: string): Promise<string> {
    const { courseId } = await publishedCourse();
    const [{ id }] = await t.db.query(`INSERT INTO course_assignment (course_id, unit_id, due_date, created_at) VALUES ($1, $2, '2099-12-31', now()) RETURNING id`, [courseId, unitId]);
    return id;
  }

  /** A fresh library document with a real stored file, uploaded by the admin. */
  async function libraryDocument(): Promise<string> {
    const res = await t.http
      .post('/api/library/documents')
      .set(as('admin'))
      .field('title', `Tài liệu ma trận ${next()}`)
      .field('type', 'guide')
      .attach('file', Buffer.from('Nội dung tài liệu'), 'ma-tran.txt');
    if (res.status !== 201) throw new Error(`library upload failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  /** A question image of a province's bank (province T unless said), its bytes in the app's file store. */
  async function questionImage(provinceId: string = p.units.province.id): Promise<string> {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    const file = await t.app.get(FileStorage).put(png, 'hinh.png');
    const [{ id }] = await t.db.query(`INSERT INTO question_image (province_id, file_key, mime, size, sha256) VALUES ($1, $2, 'image/png', $3, $4) RETURNING id`, [provinceId, file.key, file.size, file.sha256]);
    return id;
  }

  /** A learner's question, answered (and so publishable) when asked for. */
  async function question(answered: boolean): Promise<string> {
    const [{ id }] = await t.db.query(
      `INSERT INTO qa_question (asker_id, title, body, status, answer, published, published_at)
       VALUES ($1, 'Câu hỏi ma trận', 'Nội dung', $2, $3, $4, CASE WHEN $4 THEN now() END) RETURNING id`,
      [p.users.learner.id, answered ? 'answered' : 'open', answered ? 'Trả lời' : null, answered],
    );
    return id;
  }

  async function freshRefreshToken(): Promise<string> {
    const res = await t.http.post('/api/auth/login').send({ username: 'matrix.login', password: TEST_PASSWORD });
    if (res.status !== 200) throw new Error(`matrix.login failed: ${res.status}`);
    return res.body.refreshToken;
  }

  /** Sends `METHOD /api/path/:param` as the caller, with `:param`s filled in. */
  function call(route: string, caller: Caller, req: PreparedRequest = {}): Promise<Response> {
    const [method, pattern] = route.split(' ');
    const url = pattern.replace(/:(\w+)/g, (_, name: string) => {
      if (!req.params?.[name]) throw new Error(`${route}: no value for :${name}`);
      return req.params[name];
    });
    let r = t.http[method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'](url);
    if (caller !== 'anonymous') r = r.set('Authorization', `Bearer ${tokens[caller]}`);
    if (req.query) r = r.query(req.query);
    if (pattern.startsWith('/api/xapi/')) r = r.set('X-Experience-API-Version', '1.0.3');
    for (const [name, value] of Object.entries(req.headers ?? {})) r = r.set(name, value);
    for (const [name, value] of Object.entries(req.fields ?? {})) r = r.field(name, value);
    if (req.file) return r.attach('file', Buffer.from(req.file.content), req.file.name);
    return req.body ? r.send(req.body) : r;
  }

  const as = (caller: Exclude<Caller, 'anonymous'>) => ({ Authorization: `Bearer ${tokens[caller]}` });

  beforeAll(async () => {
    t = await createTestApp();
    p = await seedSmallProvince(t.db);
    await insertUser(t.db, { username: 'matrix.login', role: Role.Learner });
    tokens.learner = await login(t.http, 'learner');
    tokens.author = await login(t.http, 'author');
    tokens.unitOfficer = await login(t.http, 'commune.officer');
    tokens.coordinator = await login(t.http, 'coord');
    tokens.admin = await login(t.http, 'admin');
    await insertUser(t.db, { username: 'national', role: Role.NationalOfficer });
    tokens.nationalOfficer = await login(t.http, 'national');
  });
  afterAll(() => t.close());

  describe('route inventory', () => {
    interface DiscoveredRoute {
      route: string;
      controller: string;
      handler: string;
      policy: AccessPolicy | undefined;
    }

    /** Every controller handler Nest knows of, as "METHOD /api/path", read from the decorators' metadata. */
    function discoverRoutes(): DiscoveredRoute[] {
      const scanner = new MetadataScanner();
      const found: DiscoveredRoute[] = [];
      for (const module of t.app.get(ModulesContainer).values()) {
        for (const wrapper of module.controllers.values()) {
          const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
          if (!controller) continue;
          const controllerPaths = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, controller) ?? '/');
          for (const handlerName of scanner.getAllMethodNames(controller.prototype)) {
            const handler = (controller.prototype as Record<string, unknown>)[handlerName] as object;
            const handlerPaths: string | string[] | undefined = Reflect.getMetadata(PATH_METADATA, handler);
            if (handlerPaths === undefined) continue;
            const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
            const policy: AccessPolicy | undefined = Reflect.getMetadata(ACCESS_POLICY, handler) ?? Reflect.getMetadata(ACCESS_POLICY, controller);
            for (const base of controllerPaths) {
              for (const sub of ([] as string[]).concat(handlerPaths)) {
                const path = `/api/${base}/${sub}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
                found.push({ route: `${method} ${path}`, controller: controller.name, handler: handlerName, policy });
              }
            }
          }
        }
      }
      return found;
    }

    it('finds every registered route in the expectations table, and no row for a route that is gone', () => {
      const discovered = discoverRoutes().map((r) => r.route);
      const table = Object.keys(ROUTES);
      const missingRows = discovered.filter((r) => !table.includes(r));
      const staleRows = table.filter((r) => !discovered.includes(r));
      const problems = [
        ...missingRows.map((r) => `route "${r}" has no row: add it to ROUTES with the callers allowed to use it`),
        ...staleRows.map((r) => `row "${r}" matches no registered route: remove or rename it`),
      ];
      expect(problems).toEqual([]);
      expect(discovered).toHaveLength(new Set(discovered).size);
    });

    it('reads the routes the server actually serves (the inventory is not built from a wrong prefix)', () => {
      const fastify = t.app.getHttpAdapter().getInstance();
      const notServed = discoverRoutes().filter(({ route }) => {
        const [method, url] = route.split(' ');
        return !fastify.hasRoute({ method: method as 'GET', url });
      });
      expect(notServed.map((r) => r.route)).toEqual([]);
    });

    it('every route declares an access policy (the guard refuses a route without one)', () => {
      const undeclared = discoverRoutes().filter((r) => !r.policy);
      expect(undeclared.map((r) => `${r.route} (${r.controller}.${r.handler})`)).toEqual([]);
    });
  });

  describe('every route × every caller: allowed callers get a 2xx to a valid request, the others 401/403', () => {
    for (const [route, expectation] of Object.entries(ROUTES)) {
      describe(route, () => {
        for (const caller of CALLERS) {
          const allowed = allowedCallers(route, expectation).includes(caller);
          check(`${route} as ${caller}`, async () => {
            const res = await call(route, caller, await expectation.request?.(caller));
            if (expectation.lrsClient) {
              // A user token is not an LRS credential: 401 with the Basic challenge, whoever the user is.
              expect(`${res.status} ${res.body?.code}`).toBe('401 XAPI_UNAUTHENTICATED');
              return;
            }
            // Status and the start of the body in one string, so a failure shows what the API said.
            const answer = `${res.status} ${JSON.stringify(res.body ?? '').slice(0, 200)}`;
            if (allowed) {
              expect(answer).toMatch(/^2\d\d /);
              expectation.after?.(caller, res.body);
            } else if (caller === 'anonymous') expect(answer).toMatch(/^401 .*"code":"UNAUTHENTICATED"/);
            else expect(answer).toMatch(/^403 .*"code":"(FORBIDDEN|OUT_OF_SCOPE)"/);
          });
        }
      });
    }
  });

  describe('xAPI routes answer an LRS client with every scope', () => {
    for (const [route, expectation] of Object.entries(ROUTES).filter(([, e]) => e.lrsClient)) {
      check(`${route} with Basic credentials`, async () => {
        const req = (await expectation.request?.('anonymous')) ?? {};
        const res = await call(route, 'anonymous', { ...req, headers: { ...req.headers, Authorization: (await lrsClient()).basic } });
        expect(`${res.status} ${JSON.stringify(res.body ?? '').slice(0, 200)}`).toMatch(/^2\d\d /);
      });
    }
  });

  describe('authorization is decided before the request is validated', () => {
    // Denied callers send nonsense: an id that is no uuid and a body of unknown fields. The answer must still be
    // 401 or 403; a 400 or 404 would tell an outsider what the route expects or which ids exist.
    for (const [route, expectation] of Object.entries(ROUTES)) {
      for (const caller of CALLERS.filter((c) => !allowedCallers(route, expectation).includes(c))) {
        check(`${route} as ${caller} with an invalid request`, async () => {
          const params = Object.fromEntries([...route.matchAll(/:(\w+)/g)].map(([, name]) => [name, 'khong-phai-uuid']));
          const res = await call(route, caller, { params, body: route.startsWith('GET') ? undefined : { khongHopLe: true } });
          expect(res.status).toBe(caller === 'anonymous' || expectation.lrsClient ? 401 : 403);
        });
      }
    }
  });

  describe('every id a unit officer may send is refused when it names something outside their subtree', () => {
    // Built from the table and the OpenAPI document, so a new route is checked here too: every path id, every
    // `unitId` in the query and every top-level `unitId` in a JSON body. The request is the row's valid one with that
    // one id swapped for a fresh object in commune B (or commune B itself).
    const outsideIds: Record<string, () => Promise<string>> = {
      '/api/units/:id': async () => (await insertUnit(t.db, { code: `MX.B${next()}`, name: 'Tổ ngoài phạm vi', level: UnitLevel.SubUnit, parent: p.units.communeB })).id,
      '/api/people/:id': async () => (await insertPerson(t.db, { staffCode: `MXB${next()}`, fullName: 'Người Ngoài Phạm Vi', unitId: p.units.communeB.id })).id,
      '/api/training-sessions/:id': () => sessionIn(p.units.communeB.id),
      '/api/assignments/:id': () => assignmentIn(p.units.communeB.id),
      '/api/surveys/:surveyId': async () =>
        (await t.db.query(
          `INSERT INTO survey (kind, title, questions, audience_unit_id, opens_at, closes_at)
           VALUES ('needs', 'Khảo sát phường bên', '[{"id":"q1","type":"rating","text":"Mức độ cần thiết"}]', $1, now() - interval '1 day', now() + interval '30 days') RETURNING id`,
          [p.units.communeB.id],
        ))[0].id as string,
    };
    /**
     * Path ids that name a province's content, not something placed in a unit: a test round or a target is the same
     * object for every unit officer of the province (another province's is probed in provinces.spec). What such a
     * route reads of people and results is scoped by the caller's subtree, and probed through its `?unitId=`. A lesson
     * (of a course) is content too: a waiver's person is the :id probed.
     */
    const CONTENT_PARAMS = new Set(['roundId', 'targetId', 'lessonId']);
    /** Path values that are no object's id: a signed file token and a printed certificate code, open to anyone holding one. */
    const NOT_IDS = new Set(['token', 'code']);

    /** Body fields naming units or people, and what to send instead: commune B, or a person working there. */
    const OUTSIDE_BODY_FIELDS: [RegExp, () => unknown][] = [
      [/^(u|.*U)nitId$/, () => p.units.communeB.id],
      [/^(u|.*U)nitIds$/, () => [p.units.communeB.id]],
      [/^personId$/, () => p.people.communeBStaff.id],
      [/^personIds$/, () => [p.people.communeBStaff.id]],
    ];
    /**
     * Refused with a domain error instead: an assignment's people must work in its unit (already checked to lie in the
     * officer's subtree), so people from elsewhere are "outside the assignment" whoever asks. Nothing is written.
     */
    const OTHER_REFUSAL: Record<string, string> = { 'POST /api/assignments body personIds': '400 ASSIGNMENT_PEOPLE_OUTSIDE' };
    /**
     * What the probed routes could write (people, units, accounts, attendance, assignments, answers, reminders, the
     * audit log). Tables that background work fills after earlier tests (item statistics, xAPI statements and their
     * forwarding, read-your-writes positions) are left out, so a refusal is judged by its own writes only.
     */
    const WATCHED = [
      'org_unit', 'person', 'person_unit_history', 'person_status_history', 'user_account', 'account_handout', 'course_assignment', 'enrolment',
      'training_session', 'training_attendance', 'training_evidence', 'survey', 'survey_response', 'notification', 'audit_log', 'remedial_assignment',
    ];
    const watchedChecksum = async () => {
      const all: { name: string }[] = await t.db.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
      return dataChecksum(t.db, all.map((x) => x.name).filter((n) => !WATCHED.includes(n)));
    };
    type Probe = { name: string; aim: (valid: PreparedRequest) => Promise<PreparedRequest> };
    let probes: [string, RouteExpectation, Probe[]][] = [];
    let unexplained: string[] = [];

    beforeAll(async () => {
      const doc = (await t.http.get('/api/docs-json').expect(200)).body as OpenApiDocument;
      const ops = new Map(operationsOf(doc).map((op) => [`${op.method.toUpperCase()} ${op.path.replace(/\{(\w+)\}/g, ':$1')}`, op]));
      probes = [];
      unexplained = [];
      const unitOfficerRoutes = Object.entries(ROUTES).filter(
        ([route, e]) => allowedCallers(route, e).includes('unitOfficer') && !e.ownIdsOnly && !e.unscoped && !e.notUnitScoped && !e.lrsClient,
      );
      for (const [route, expectation] of unitOfficerRoutes) {
        const op = ops.get(route);
        const list: Probe[] = [];
        for (const param of [...route.matchAll(/:(\w+)/g)].map((m) => m[1])) {
          if (CONTENT_PARAMS.has(param) || NOT_IDS.has(param)) continue;
          const key = Object.keys(outsideIds).find((k) => route.split(' ')[1].startsWith(k.slice(0, k.indexOf(':'))) && k.endsWith(`:${param}`));
          if (!key) {
            unexplained.push(`${route} :${param}`);
            continue;
          }
          list.push({ name: `:${param}`, aim: async (valid) => ({ ...valid, params: { ...valid.params, [param]: await outsideIds[key]() } }) });
        }
        if (op?.query.some((q) => q.name === 'unitId'))
          list.push({ name: '?unitId', aim: async (valid) => ({ ...valid, query: { ...valid.query, unitId: p.units.communeB.id } }) });
        const body = op?.body?.kind === 'json' ? resolve(doc, op.body.schema) : undefined;
        for (const field of Object.keys(body?.properties ?? {})) {
          const outside = OUTSIDE_BODY_FIELDS.find(([pattern]) => pattern.test(field))?.[1];
          if (outside) list.push({ name: `body ${field}`, aim: async (valid) => ({ ...valid, body: { ...(valid.body ?? {}), [field]: outside() } }) });
        }
        if (list.length) probes.push([route, expectation, list]);
      }
    });

    it('knows how to aim every path id outside the subtree (or why the id is not a unit\'s)', () => {
      expect(unexplained).toEqual([]);
      const probed = probes.flatMap(([route, , list]) => list.map((x) => `${route} ${x.name}`));
      expect(probed).toEqual(
        expect.arrayContaining([
          'GET /api/units/:id :id', 'GET /api/people/:id :id', 'PATCH /api/people/:id :id', 'GET /api/surveys/:surveyId/results :surveyId',
          'GET /api/coverage/matrix ?unitId', 'GET /api/test-rounds/:roundId/results ?unitId', 'GET /api/reports/yearly.pdf ?unitId', 'POST /api/assignments body unitId',
          'POST /api/training-sessions/:id/attendance body personIds',
        ]),
      );
    });

    it('answers 403 OUT_OF_SCOPE to each, and writes nothing', async () => {
      const problems: string[] = [];
      for (const [route, expectation, list] of probes) {
        for (const probe of list) {
          const valid = (await expectation.request?.('unitOfficer')) ?? {};
          const aimed = await probe.aim(valid);
          // After the fixtures of the request exist: only what the refused call itself would write shows.
          const before = await watchedChecksum();
          const res = await call(route, 'unitOfficer', aimed);
          const answer = `${res.status} ${res.body?.code}`;
          if (answer !== (OTHER_REFUSAL[`${route} ${probe.name}`] ?? '403 OUT_OF_SCOPE')) problems.push(`${route} with ${probe.name} outside → ${answer}`);
          else {
            const after = await watchedChecksum();
            const changed = after.split(';').filter((x) => !before.split(';').includes(x)).map((x) => x.split('=')[0]);
            if (changed.length) problems.push(`${route} with ${probe.name} outside changed ${changed.join(', ')}`);
          }
        }
      }
      expect(problems).toEqual([]);
    });
  });

  describe('every :id route a coordinator may call refuses ids in another province', () => {
    // The same routes as above (units, people and what sits in a unit), aimed at province B beside province T.
    let otherProvince: { id: string; path: string };
    const inB = async () => {
      otherProvince ??= await insertUnit(t.db, { code: 'MB', name: 'UBND tỉnh Bên Cạnh', level: UnitLevel.Province });
      return insertUnit(t.db, { code: `MB.X${next()}`, name: 'Xã tỉnh bên', level: UnitLevel.Commune, parent: otherProvince });
    };
    const outsideIds: Record<string, () => Promise<string>> = {
      '/api/units/': async () => (await inB()).id,
      '/api/people/': async () => (await insertPerson(t.db, { staffCode: `MBP${next()}`, fullName: 'Người Tỉnh Bên', unitId: (await inB()).id })).id,
      '/api/training-sessions/': async () => sessionIn((await inB()).id),
      '/api/assignments/': async () => assignmentIn((await inB()).id),
    };
    const idRoutes = Object.entries(ROUTES).filter(
      ([route, e]) => route.includes(':id') && e.allowed.includes('unitOfficer') && e.allowed.includes('coordinator') && !e.ownIdsOnly && !e.unscoped && !e.notUnitScoped,
    );

    for (const [route, expectation] of idRoutes) {
      it(`${route} as province T's coordinator with an id in province B → 403 OUT_OF_SCOPE`, async () => {
        const prefix = Object.keys(outsideIds).find((x) => route.split(' ')[1].startsWith(x));
        if (!prefix) throw new Error(`${route}: say in outsideIds how to make an id in another province`);
        const valid = (await expectation.request?.('coordinator')) ?? {};
        const res = await call(route, 'coordinator', { ...valid, params: { ...valid.params, id: await outsideIds[prefix]() } });
        expect(`${res.status} ${res.body.code}`).toBe('403 OUT_OF_SCOPE');
      });
    }
  });

  describe("every route on a province's content answers province B's content as not found", () => {
    // Targets, topics, questions and rounds belong to a province or to the nation. Every caller of province T that a
    // content route lets in sends the row's valid request with the id swapped for province B's content: 404, as if
    // the id did not exist (the national level, allowed everywhere, is covered in province-content.spec).
    let provinceB: Promise<string> | undefined;
    const inB = () =>
      (provinceB ??= insertUnit(t.db, { code: 'MC', name: 'UBND tỉnh Thứ Ba', level: UnitLevel.Province }).then((u) => u.id));
    const contentOfB: [RegExp, string, () => Promise<string>][] = [
      [/:targetId/, 'targetId', async () =>
        (await t.db.query(
          `INSERT INTO target (code, name, short_name, legal_basis_number, topic_id, topic_ids, kind, audience, evidence_kinds, validity, validity_years, phases,
                               start_year, end_year, deadline, threshold_pct, unit_share, active, province_id)
           SELECT $2, name, short_name, legal_basis_number, topic_id, topic_ids, kind, audience, evidence_kinds, validity, validity_years, phases,
                  start_year, end_year, deadline, threshold_pct, unit_share, active, $1 FROM target WHERE code = 'QD1439.ASEAN' RETURNING id`,
          [await inB(), `MC.T${next()}`],
        ))[0].id],
      [/:roundId/, 'roundId', async () =>
        (await t.db.query(
          `INSERT INTO test_round (name, status, opens_at, closes_at, pass_mark, province_id) VALUES ('Kỳ kiểm tra tỉnh Thứ Ba', 'open', now() - interval '1 day', now() + interval '1 day', 5, $1) RETURNING id`,
          [await inB()],
        ))[0].id],
      [/^[A-Z]+ \/api\/questions\/:id/, 'id', async () => {
        const [{ id }] = await t.db.query(`INSERT INTO question (topic_id, type, difficulty, status, province_id) SELECT id, 'single', 'easy', 'draft', $1 FROM topic WHERE code = 'ASEAN' RETURNING id`, [await inB()]);
        await t.db.query(
          `INSERT INTO question_version (question_id, version, topic_id, type, difficulty, stem, options, correct) SELECT $1, 1, topic_id, 'single', 'easy', 'Câu hỏi tỉnh Thứ Ba?', '[{"id":"a","text":"A"},{"id":"b","text":"B"}]', '["a"]' FROM question WHERE id = $1`,
          [id],
        );
        return id;
      }],
      [/^GET \/api\/question-images\/:id/, 'id', async () => questionImage(await inB())],
      [/^[A-Z]+ \/api\/topics\/:id/, 'id', async () =>
        (await t.db.query(`INSERT INTO topic (code, name, kind, sort_order, province_id) VALUES ($2, 'Chủ đề tỉnh Thứ Ba', 'skill', 99, $1) RETURNING id`, [await inB(), `MC.C${next()}`]))[0].id],
    ];
    const contentRoutes = Object.entries(ROUTES).filter(([route]) => contentOfB.some(([pattern]) => pattern.test(route)));

    it('finds the content routes', () => {
      expect(contentRoutes.map(([route]) => route)).toEqual(
        expect.arrayContaining(['GET /api/targets/:targetId', 'PUT /api/targets/:targetId', 'PATCH /api/topics/:id', 'GET /api/questions/:id', 'PUT /api/questions/:id',
          'GET /api/test-rounds/:roundId', 'PATCH /api/test-rounds/:roundId', 'GET /api/test-rounds/:roundId/not-taken.xlsx', 'GET /api/coverage/targets/:targetId/missing.xlsx',
          'POST /api/test-rounds/:roundId/attempts']),
      );
    });

    for (const [route, expectation] of contentRoutes) {
      const callers = allowedCallers(route, expectation).filter((c): c is Exclude<Caller, 'anonymous'> => ['learner', 'author', 'unitOfficer', 'coordinator'].includes(c));
      for (const caller of callers) {
        it(`${route} as province T's ${caller} with province B's content → 404`, async () => {
          const [, param, make] = contentOfB.find(([pattern]) => pattern.test(route))!;
          const valid = (await expectation.request?.(caller)) ?? {};
          const res = await call(route, caller, { ...valid, params: { ...valid.params, [param]: await make() } });
          expect(`${res.status} ${JSON.stringify(res.body).slice(0, 200)}`).toMatch(/^404 /);
        });
      }
    }
  });

  describe('a unit officer sees and changes only their own subtree', () => {
    const outOfScope = (res: Response) => {
      expect(`${res.status} ${res.body.code}`).toBe('403 OUT_OF_SCOPE');
      expect(res.body.message).toMatch(/ngoài phạm vi quản lý/);
    };

    it.each([
      ['their own commune', () => p.units.communeA.id, 200],
      ['the other commune', () => p.units.communeB.id, 403],
      ['a department', () => p.units.dept.id, 403],
      ['the province above them', () => p.units.province.id, 403],
    ])('GET /api/units/:id for %s → %s', async (_case, unitId, status) => {
      const res = await t.http.get(`/api/units/${unitId()}`).set(as('unitOfficer'));
      if (status === 403) outOfScope(res);
      else expect(res.status).toBe(200);
    });

    it('GET /api/units/:id reaches sub-units below the officer (department officer → its office)', async () => {
      const deptOfficer = await login(t.http, 'dept.officer');
      await t.http.get(`/api/units/${p.units.office.id}`).set('Authorization', `Bearer ${deptOfficer}`).expect(200);
      outOfScope(await t.http.get(`/api/units/${p.units.communeA.id}`).set('Authorization', `Bearer ${deptOfficer}`));
    });

    it("GET /api/units lists commune A's subtree only", async () => {
      const res = await t.http.get('/api/units').set(as('unitOfficer')).expect(200);
      const ids = res.body.map((u: { id: string }) => u.id);
      expect(ids).toContain(p.units.communeA.id);
      for (const other of [p.units.province, p.units.dept, p.units.office, p.units.communeB]) expect(ids).not.toContain(other.id);
      for (const unit of res.body) expect(unit.path.startsWith(p.units.communeA.path)).toBe(true);
    });

    it.each([
      ['someone in their commune', () => p.people.communeAStaff.id, 200],
      ['someone in the other commune', () => p.people.communeBStaff.id, 403],
      ['someone in a department', () => p.people.deptHead.id, 403],
    ])('GET /api/people/:id for %s → %s', async (_case, personId, status) => {
      const res = await t.http.get(`/api/people/${personId()}`).set(as('unitOfficer'));
      if (status === 403) outOfScope(res);
      else expect(res.status).toBe(200);
    });

    it.each([
      'GET /api/test-rounds/:roundId/not-taken',
      'GET /api/test-rounds/:roundId/not-taken.xlsx',
      'POST /api/test-rounds/:roundId/not-taken/remind',
      'GET /api/test-rounds/:roundId/low-scorers',
      'GET /api/test-rounds/:roundId/low-scorers.xlsx',
      'GET /api/coverage/low-scorers',
      'GET /api/coverage/low-scorers.xlsx',
      'GET /api/coverage/commendations',
      'GET /api/coverage/commendations.xlsx',
    ])('%s?unitId= outside the subtree (the other commune, the province) → 403 OUT_OF_SCOPE, not an empty list', async (route) => {
      const params = route.includes(':roundId') ? { roundId: await matrixRound() } : undefined;
      for (const unitId of [p.units.communeB.id, p.units.province.id]) outOfScope(await call(route, 'unitOfficer', { params, query: { unitId } }));
    });

    it("GET /api/people lists commune A's people only", async () => {
      const res = await t.http.get('/api/people').query({ pageSize: 500 }).set(as('unitOfficer')).expect(200);
      const codes: string[] = res.body.items.map((x: { staffCode: string }) => x.staffCode);
      expect(codes).toEqual(expect.arrayContaining(['T0003', 'T0004']));
      for (const code of ['T0001', 'T0002', 'T0005', 'T0006']) expect(codes).not.toContain(code);
      expect(res.body.total).toBe(res.body.items.length);
    });

    it('GET /api/people?unitId= outside the subtree is refused, not answered with an empty list', async () => {
      outOfScope(await t.http.get('/api/people').query({ unitId: p.units.communeB.id }).set(as('unitOfficer')));
    });

    it("GET /api/people/export.xlsx contains commune A's people only", async () => {
      const res = await t.http
        .get('/api/people/export.xlsx')
        .set(as('unitOfficer'))
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const workbook = new Workbook();
      await workbook.xlsx.load(res.body as never);
      const sheet = workbook.worksheets[0];
      const header = (sheet.getRow(1).values as unknown[]).map(String);
      const staffCodeColumn = header.indexOf('Mã cán bộ');
      expect(staffCodeColumn).toBeGreaterThan(0);
      const codes: string[] = [];
      sheet.eachRow((row, n) => n > 1 && codes.push(String(row.getCell(staffCodeColumn).value)));
      expect(codes).toEqual(expect.arrayContaining(['T0003', 'T0004']));
      for (const code of ['T0001', 'T0002', 'T0005', 'T0006']) expect(codes).not.toContain(code);

      outOfScope(await t.http.get('/api/people/export.xlsx').query({ unitId: p.units.communeB.id }).set(as('unitOfficer')));
    });

    const personFields = { fullName: 'Hoàng Văn Em', category: 'cong_chuc', doesCchcWork: false, isLeader: false };
    const personTable = () => t.db.query(`SELECT staff_code, full_name, unit_id, status FROM person ORDER BY staff_code`);

    it.each([
      ['add a person to the other commune', 'POST /api/people', () => ({ body: { ...personFields, staffCode: 'MXOUT1', unitId: p.units.communeB.id } })],
      ['edit a person of the other commune', 'PATCH /api/people/:id', () => ({ params: { id: p.people.communeBStaff.id }, body: { ...personFields, fullName: 'Tên Bị Sửa' } })],
      ['transfer a person of the other commune in', 'POST /api/people/:id/transfer', () => ({ params: { id: p.people.communeBStaff.id }, body: { unitId: p.units.communeA.id } })],
      ['transfer their own person out', 'POST /api/people/:id/transfer', () => ({ params: { id: p.people.communeAStaff2.id }, body: { unitId: p.units.communeB.id } })],
      ['change the status of a person of the other commune', 'POST /api/people/:id/status', () => ({ params: { id: p.people.communeBStaff.id }, body: { status: 'left' } })],
    ])('cannot %s (%s → 403 OUT_OF_SCOPE, nothing written)', async (_case, route, request) => {
      const before = await personTable();
      outOfScope(await call(route, 'unitOfficer', request()));
      expect(await personTable()).toEqual(before);
    });

    it('cannot import into the other commune or over its people: every such row is a problem and nothing is written', async () => {
      const csv = `Mã cán bộ,Họ và tên,Mã đơn vị,Phân loại\nMXOUT2,Đỗ Văn Hùng,${p.units.communeB.code},Công chức\nT0005,Hoàng Văn Em,${p.units.communeA.code},Công chức\n`;
      const upload = (path: string) => t.http.post(path).set(as('unitOfficer')).attach('file', Buffer.from(csv), 'ngoai-pham-vi.csv');

      const dryRun = await upload('/api/people/import/dry-run').expect(200);
      expect([...new Set(dryRun.body.problems.map((x: { row: number }) => x.row))].sort()).toEqual([2, 3]);

      const before = await personTable();
      const commit = await upload('/api/people/import/commit');
      expect(commit.status).toBe(422);
      expect(await personTable()).toEqual(before);
    });
  });

  describe('a learner reads their own record only', () => {
    it('GET /api/people/<own id> → 200', async () => {
      const res = await t.http.get(`/api/people/${p.people.communeAStaff.id}`).set(as('learner')).expect(200);
      expect(res.body.staffCode).toBe('T0003');
    });

    it.each([
      ['a colleague in the same commune', () => p.people.communeAStaff2.id],
      ['someone in another unit', () => p.people.communeBStaff.id],
    ])('GET /api/people/<%s> → 403 OUT_OF_SCOPE', async (_case, personId) => {
      const res = await t.http.get(`/api/people/${personId()}`).set(as('learner')).expect(403);
      expect(res.body.code).toBe('OUT_OF_SCOPE');
    });
  });
});
