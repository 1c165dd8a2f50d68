import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { Role, UnitLevel } from '@cchc/shared';
import { asUser, VIETNAMESE_TEXT, type ApiAs } from '../support/fixtures/api-client';
import { snapshotTables, type TableSnapshot } from '../support/fixtures/db-snapshot';
import { createTestApp, insertUnit, insertUser, login, seedSmallProvince, SmallProvince, TestApp } from '../support/test-app';

/**
 * Whatever a client sends, the answer is a 4xx with a stable code and a Vietnamese message: never a 500, never a
 * stack trace, and nothing written. Swept across the write endpoints, as the coordinator (who may call all of them).
 */

type Method = 'get' | 'post' | 'patch';

interface Case {
  name: string;
  method: Method;
  url: (p: SmallProvince) => string;
  /** A JSON body, or raw bytes with their content type. */
  body?: (p: SmallProvince) => unknown;
  raw?: { type: string; payload: string | Buffer };
  status: number | number[];
  code?: string | string[];
  /** Text the message must contain (e.g. the field at fault). */
  says?: string;
}

interface WriteEndpoint {
  name: string;
  method: Method;
  url: (p: SmallProvince) => string;
  valid: (p: SmallProvince) => Record<string, unknown>;
  /** Whether an empty body is refused (a PATCH of a unit takes any subset). */
  hasRequiredFields: boolean;
  /** A free-text field, for the NUL-character case. */
  textField?: string;
}

const person = (p: SmallProvince) => p.people.communeAStaff.id;
const validPerson = (p: SmallProvince) => ({
  staffCode: 'BI001',
  fullName: 'Nguyễn Thị Kiểm',
  unitId: p.units.communeA.id,
  category: 'cong_chuc',
  doesCchcWork: false,
  isLeader: false,
});
const personFields = () => ({ fullName: 'Lê Đức Cường', category: 'can_bo', doesCchcWork: false, isLeader: false });

const WRITE_ENDPOINTS: WriteEndpoint[] = [
  {
    name: 'POST /api/units',
    method: 'post',
    url: () => '/api/units',
    valid: (p) => ({ code: 'T.X.MOI', name: 'Xã Mới Lập', level: 'commune', parentId: p.units.province.id }),
    hasRequiredFields: true,
    textField: 'name',
  },
  { name: 'PATCH /api/units/:id', method: 'patch', url: (p) => `/api/units/${p.units.communeB.id}`, valid: () => ({ name: 'Phường Đổi Tên' }), hasRequiredFields: false, textField: 'name' },
  { name: 'POST /api/units/:id/move', method: 'post', url: (p) => `/api/units/${p.units.communeB.id}/move`, valid: (p) => ({ newParentId: p.units.dept.id }), hasRequiredFields: true },
  { name: 'POST /api/units/:id/merge', method: 'post', url: (p) => `/api/units/${p.units.communeA.id}/merge`, valid: (p) => ({ sourceUnitIds: [p.units.communeB.id] }), hasRequiredFields: true },
  { name: 'POST /api/people', method: 'post', url: () => '/api/people', valid: validPerson, hasRequiredFields: true, textField: 'fullName' },
  { name: 'PATCH /api/people/:id', method: 'patch', url: (p) => `/api/people/${person(p)}`, valid: personFields, hasRequiredFields: true, textField: 'position' },
  { name: 'POST /api/people/:id/transfer', method: 'post', url: (p) => `/api/people/${person(p)}/transfer`, valid: (p) => ({ unitId: p.units.communeB.id }), hasRequiredFields: true, textField: 'note' },
  { name: 'POST /api/people/:id/status', method: 'post', url: (p) => `/api/people/${person(p)}/status`, valid: () => ({ status: 'on_leave' }), hasRequiredFields: true, textField: 'note' },
];

/** The same mistakes, made against every write endpoint. */
function sweep(e: WriteEndpoint): Case[] {
  const json = (payload: string) => ({ type: 'application/json', payload });
  const cases: Case[] = [
    { name: `${e.name}: an unknown field`, method: e.method, url: e.url, body: (p) => ({ ...e.valid(p), isAdmin: true }), status: 400, code: 'VALIDATION_FAILED', says: 'isAdmin: không được phép gửi' },
    { name: `${e.name}: malformed JSON`, method: e.method, url: e.url, raw: json('{"name": "Xã'), status: 400, code: ['MALFORMED_JSON', 'BAD_REQUEST'] },
    { name: `${e.name}: JSON with single quotes`, method: e.method, url: e.url, raw: json("{'name': 'Xã'}"), status: 400, code: ['MALFORMED_JSON', 'BAD_REQUEST'] },
    { name: `${e.name}: a JSON array instead of an object`, method: e.method, url: e.url, raw: json('["Xã Mới"]'), status: 400, code: 'VALIDATION_FAILED' },
    { name: `${e.name}: a JSON number instead of an object`, method: e.method, url: e.url, raw: json('42'), status: 400, code: 'VALIDATION_FAILED' },
    { name: `${e.name}: a JSON string instead of an object`, method: e.method, url: e.url, raw: json('"Xã Mới"'), status: 400, code: 'VALIDATION_FAILED' },
    { name: `${e.name}: a __proto__ key`, method: e.method, url: e.url, raw: json('{"__proto__": {"isAdmin": true}}'), status: 400 },
    {
      name: `${e.name}: a JSON body over 1 MB`,
      method: e.method,
      url: e.url,
      body: (p) => ({ ...e.valid(p), padding: 'x'.repeat(1024 * 1024 + 1) }),
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    },
    { name: `${e.name}: an XML body`, method: e.method, url: e.url, raw: { type: 'application/xml', payload: '<unit><name>Xã</name></unit>' }, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  ];
  if (e.hasRequiredFields) {
    cases.push(
      { name: `${e.name}: an empty object`, method: e.method, url: e.url, body: () => ({}), status: 400, code: ['VALIDATION_FAILED', 'NOTHING_TO_UPDATE'] },
      { name: `${e.name}: JSON null`, method: e.method, url: e.url, raw: json('null'), status: 400, code: ['VALIDATION_FAILED', 'NOTHING_TO_UPDATE'] },
    );
  }
  if (e.textField) {
    const field = e.textField;
    cases.push(
      { name: `${e.name}: a NUL character in ${field}`, method: e.method, url: e.url, body: (p) => ({ ...e.valid(p), [field]: 'Xã\u0000Mới' }), status: 400 },
      { name: `${e.name}: a 100 000-character ${field}`, method: e.method, url: e.url, body: (p) => ({ ...e.valid(p), [field]: 'Ư'.repeat(100_000) }), status: 400, code: 'VALIDATION_FAILED', says: `${field}: quá dài` },
      { name: `${e.name}: ${field} as an object`, method: e.method, url: e.url, body: (p) => ({ ...e.valid(p), [field]: { vi: 'Xã' } }), status: 400, code: 'VALIDATION_FAILED', says: field },
    );
  }
  return cases;
}

const NOT_UUIDS = ['khong-phai-uuid', '12345', "1' OR '1'='1", '00000000-0000-0000-0000-00000000000Z'];

/** Ids in the path that are not ids: refused at the edge with 400 INVALID_ID naming the parameter, never a database error. */
const PATH_ID_CASES: Case[] = NOT_UUIDS.flatMap((id): Case[] => {
  const enc = encodeURIComponent(id);
  return [
    { name: `GET /api/units/${id}`, method: 'get', url: () => `/api/units/${enc}`, status: 400, code: 'INVALID_ID', says: '"id"' },
    { name: `PATCH /api/units/${id}`, method: 'patch', url: () => `/api/units/${enc}`, body: () => ({ name: 'Xã Mới' }), status: 400, code: 'INVALID_ID', says: '"id"' },
    { name: `POST /api/units/${id}/move`, method: 'post', url: () => `/api/units/${enc}/move`, body: (p) => ({ newParentId: p.units.dept.id }), status: 400, code: 'INVALID_ID', says: '"id"' },
    { name: `POST /api/units/${id}/close`, method: 'post', url: () => `/api/units/${enc}/close`, status: 400, code: 'INVALID_ID', says: '"id"' },
    { name: `POST /api/units/${id}/merge`, method: 'post', url: () => `/api/units/${enc}/merge`, body: (p) => ({ sourceUnitIds: [p.units.communeB.id] }), status: 400, code: 'INVALID_ID', says: '"id"' },
    { name: `GET /api/people/${id}`, method: 'get', url: () => `/api/people/${enc}`, status: 400, code: 'INVALID_ID', says: '"id"' },
    { name: `PATCH /api/people/${id}`, method: 'patch', url: () => `/api/people/${enc}`, body: personFields, status: 400, code: 'INVALID_ID', says: '"id"' },
    { name: `POST /api/people/${id}/transfer`, method: 'post', url: () => `/api/people/${enc}/transfer`, body: (p) => ({ unitId: p.units.communeB.id }), status: 400, code: 'INVALID_ID', says: '"id"' },
    { name: `POST /api/people/${id}/status`, method: 'post', url: () => `/api/people/${enc}/status`, body: () => ({ status: 'left' }), status: 400, code: 'INVALID_ID', says: '"id"' },
  ];
});

const UNKNOWN = randomUUID();

/** Well-formed ids of nothing: 404 with the domain's code. */
const UNKNOWN_ID_CASES: Case[] = [
  { name: 'GET /api/units/:unknown', method: 'get', url: () => `/api/units/${UNKNOWN}`, status: 404, code: 'UNIT_NOT_FOUND' },
  { name: 'PATCH /api/units/:unknown', method: 'patch', url: () => `/api/units/${UNKNOWN}`, body: () => ({ name: 'Xã Mới' }), status: 404, code: 'UNIT_NOT_FOUND' },
  { name: 'POST /api/units/:unknown/move', method: 'post', url: () => `/api/units/${UNKNOWN}/move`, body: (p) => ({ newParentId: p.units.dept.id }), status: 404, code: 'UNIT_NOT_FOUND' },
  { name: 'POST /api/units/:unknown/close', method: 'post', url: () => `/api/units/${UNKNOWN}/close`, status: 404, code: 'UNIT_NOT_FOUND' },
  { name: 'POST /api/units/:unknown/merge', method: 'post', url: () => `/api/units/${UNKNOWN}/merge`, body: (p) => ({ sourceUnitIds: [p.units.communeB.id] }), status: 404, code: 'UNIT_NOT_FOUND' },
  { name: 'POST /api/units with an unknown parentId', method: 'post', url: () => '/api/units', body: () => ({ code: 'T.X.MOI', name: 'Xã Mới', level: 'commune', parentId: UNKNOWN }), status: 404, code: 'UNIT_NOT_FOUND' },
  { name: 'POST /api/units/:id/move to an unknown parent', method: 'post', url: (p) => `/api/units/${p.units.communeB.id}/move`, body: () => ({ newParentId: UNKNOWN }), status: 404, code: 'UNIT_NOT_FOUND' },
  { name: 'POST /api/units/:id/merge of an unknown source', method: 'post', url: (p) => `/api/units/${p.units.communeA.id}/merge`, body: () => ({ sourceUnitIds: [UNKNOWN] }), status: 404, code: 'UNIT_NOT_FOUND' },
  { name: 'GET /api/people/:unknown', method: 'get', url: () => `/api/people/${UNKNOWN}`, status: 404, code: 'PERSON_NOT_FOUND' },
  { name: 'PATCH /api/people/:unknown', method: 'patch', url: () => `/api/people/${UNKNOWN}`, body: personFields, status: 404, code: 'PERSON_NOT_FOUND' },
  { name: 'POST /api/people/:unknown/transfer', method: 'post', url: () => `/api/people/${UNKNOWN}/transfer`, body: (p) => ({ unitId: p.units.communeB.id }), status: 404, code: 'PERSON_NOT_FOUND' },
  { name: 'POST /api/people/:unknown/status', method: 'post', url: () => `/api/people/${UNKNOWN}/status`, body: () => ({ status: 'left' }), status: 404, code: 'PERSON_NOT_FOUND' },
  { name: 'POST /api/people into an unknown unit', method: 'post', url: () => '/api/people', body: (p) => ({ ...validPerson(p), unitId: UNKNOWN }), status: 404, code: 'UNIT_NOT_FOUND' },
  { name: 'POST /api/people/:id/transfer to an unknown unit', method: 'post', url: (p) => `/api/people/${person(p)}/transfer`, body: () => ({ unitId: UNKNOWN }), status: 404, code: 'UNIT_NOT_FOUND' },
  { name: 'GET /api/people?unitId=<unknown>', method: 'get', url: () => `/api/people?unitId=${UNKNOWN}`, status: 404, code: 'UNIT_NOT_FOUND' },
];

const V = 'VALIDATION_FAILED';

/** Wrong types, invalid ids and values in bodies, each naming the field at fault. */
const FIELD_CASES: Case[] = [
  { name: 'unit code as a number', method: 'post', url: () => '/api/units', body: (p) => ({ code: 123, name: 'Xã Mới', level: 'commune', parentId: p.units.province.id }), status: 400, code: V, says: 'code' },
  { name: 'unit name as a boolean', method: 'post', url: () => '/api/units', body: (p) => ({ code: 'T.X.MOI', name: true, level: 'commune', parentId: p.units.province.id }), status: 400, code: V, says: 'name: ' },
  { name: 'unit level not a level', method: 'post', url: () => '/api/units', body: (p) => ({ code: 'T.X.MOI', name: 'Xã Mới', level: 'planet', parentId: p.units.province.id }), status: 400, code: V, says: 'level: không thuộc các giá trị cho phép' },
  { name: 'unit parentId not a uuid', method: 'post', url: () => '/api/units', body: () => ({ code: 'T.X.MOI', name: 'Xã Mới', level: 'commune', parentId: 'tinh' }), status: 400, code: V, says: 'parentId: không phải mã định danh hợp lệ' },
  { name: 'unit parentId as a number', method: 'post', url: () => '/api/units', body: () => ({ code: 'T.X.MOI', name: 'Xã Mới', level: 'commune', parentId: 42 }), status: 400, code: V, says: 'parentId' },
  { name: 'unit code with spaces and diacritics', method: 'post', url: () => '/api/units', body: (p) => ({ code: 'Xã Mới', name: 'Xã Mới', level: 'commune', parentId: p.units.province.id }), status: 400, code: V, says: 'code: sai định dạng' },
  { name: 'unit code of 5 000 characters', method: 'post', url: () => '/api/units', body: (p) => ({ code: 'A'.repeat(5000), name: 'Xã Mới', level: 'commune', parentId: p.units.province.id }), status: 400, code: V, says: 'code' },
  { name: 'unit name of blanks only', method: 'patch', url: (p) => `/api/units/${p.units.communeB.id}`, body: () => ({ name: '     ' }), status: 400, code: V, says: 'name: quá ngắn' },
  { name: 'unit name of 256 characters', method: 'patch', url: (p) => `/api/units/${p.units.communeB.id}`, body: () => ({ name: 'Đ'.repeat(256) }), status: 400, code: V, says: 'name: quá dài' },
  { name: 'move newParentId not a uuid', method: 'post', url: (p) => `/api/units/${p.units.communeB.id}/move`, body: () => ({ newParentId: 'abc' }), status: 400, code: V, says: 'newParentId' },
  { name: 'merge sourceUnitIds as a string', method: 'post', url: (p) => `/api/units/${p.units.communeA.id}/merge`, body: (p) => ({ sourceUnitIds: p.units.communeB.id }), status: 400, code: V, says: 'sourceUnitIds: ' },
  { name: 'merge sourceUnitIds empty', method: 'post', url: (p) => `/api/units/${p.units.communeA.id}/merge`, body: () => ({ sourceUnitIds: [] }), status: 400, code: V, says: 'phải có ít nhất một phần tử' },
  { name: 'merge sourceUnitIds of numbers and null', method: 'post', url: (p) => `/api/units/${p.units.communeA.id}/merge`, body: () => ({ sourceUnitIds: [1, null] }), status: 400, code: V, says: 'sourceUnitIds' },
  { name: 'merge sourceUnitIds with one bad id', method: 'post', url: (p) => `/api/units/${p.units.communeA.id}/merge`, body: (p) => ({ sourceUnitIds: [p.units.communeB.id, 'abc'] }), status: 400, code: V, says: 'không phải mã định danh hợp lệ' },
  { name: 'merge of 101 sources', method: 'post', url: (p) => `/api/units/${p.units.communeA.id}/merge`, body: () => ({ sourceUnitIds: Array.from({ length: 101 }, () => randomUUID()) }), status: 400, code: V, says: 'có quá nhiều phần tử' },
  { name: 'person flags as strings', method: 'post', url: () => '/api/people', body: (p) => ({ ...validPerson(p), doesCchcWork: 'có', isLeader: 'true' }), status: 400, code: V, says: 'doesCchcWork: phải là đúng/sai' },
  { name: 'person flag as a number', method: 'patch', url: (p) => `/api/people/${person(p)}`, body: () => ({ ...personFields(), isLeader: 1 }), status: 400, code: V, says: 'isLeader' },
  { name: 'person category not a category', method: 'post', url: () => '/api/people', body: (p) => ({ ...validPerson(p), category: 'giam_doc' }), status: 400, code: V, says: 'category' },
  { name: 'person name with digits', method: 'post', url: () => '/api/people', body: (p) => ({ ...validPerson(p), fullName: 'Nguyễn Văn 3' }), status: 400, code: V, says: 'fullName: sai định dạng' },
  { name: 'person name as a list', method: 'post', url: () => '/api/people', body: (p) => ({ ...validPerson(p), fullName: ['Nguyễn', 'Văn', 'An'] }), status: 400, code: V, says: 'fullName' },
  { name: 'person unitId not a uuid', method: 'post', url: () => '/api/people', body: (p) => ({ ...validPerson(p), unitId: 'T.X.A' }), status: 400, code: V, says: 'unitId: không phải mã định danh hợp lệ' },
  { name: 'person staff code with diacritics', method: 'post', url: () => '/api/people', body: (p) => ({ ...validPerson(p), staffCode: 'ĐĐ01' }), status: 400, code: V, says: 'staffCode: sai định dạng' },
  { name: 'person staff code of 31 characters', method: 'post', url: () => '/api/people', body: (p) => ({ ...validPerson(p), staffCode: 'A'.repeat(31) }), status: 400, code: V, says: 'staffCode' },
  { name: 'person email not an email', method: 'post', url: () => '/api/people', body: (p) => ({ ...validPerson(p), email: 'nguyen van a@' }), status: 400, code: V, says: 'email: không phải địa chỉ email hợp lệ' },
  { name: 'person phone with letters', method: 'post', url: () => '/api/people', body: (p) => ({ ...validPerson(p), phone: '09xx 123 456' }), status: 400, code: V, says: 'phone: sai định dạng' },
  { name: 'person gender not a gender', method: 'post', url: () => '/api/people', body: (p) => ({ ...validPerson(p), gender: 'khác' }), status: 400, code: V, says: 'gender' },
  { name: 'person position of 151 characters', method: 'patch', url: (p) => `/api/people/${person(p)}`, body: () => ({ ...personFields(), position: 'C'.repeat(151) }), status: 400, code: V, says: 'position: quá dài' },
  { name: 'person status set at creation', method: 'post', url: () => '/api/people', body: (p) => ({ ...validPerson(p), status: 'retired' }), status: 400, code: V, says: 'status: không được phép gửi' },
  ...['31/02/1980', '1980-02-30', '1980-13-01', '0000-01-01', '1980', '1980-W10', 'hôm qua', '19800101'].map(
    (dateOfBirth): Case => ({ name: `person date of birth "${dateOfBirth}"`, method: 'post', url: () => '/api/people', body: (p) => ({ ...validPerson(p), dateOfBirth }), status: 400, code: V, says: 'dateOfBirth' }),
  ),
  { name: 'transfer unitId as a number', method: 'post', url: (p) => `/api/people/${person(p)}/transfer`, body: () => ({ unitId: 7 }), status: 400, code: V, says: 'unitId' },
  ...['2026', '2026-W01', '2026-100', '22/11/2026', '2026-02-30', '+275760-09-13', 'ngày mai'].map(
    (effectiveDate): Case => ({ name: `transfer effective date "${effectiveDate}"`, method: 'post', url: (p) => `/api/people/${person(p)}/transfer`, body: (p) => ({ unitId: p.units.communeB.id, effectiveDate }), status: 400, code: V, says: 'effectiveDate' }),
  ),
  { name: 'transfer effective date far in the future', method: 'post', url: (p) => `/api/people/${person(p)}/transfer`, body: (p) => ({ unitId: p.units.communeB.id, effectiveDate: '9999-12-31' }), status: 400, code: 'EFFECTIVE_DATE_IN_FUTURE' },
  { name: 'transfer effective date in 1900', method: 'post', url: (p) => `/api/people/${person(p)}/transfer`, body: (p) => ({ unitId: p.units.communeB.id, effectiveDate: '1900-01-01' }), status: 400, code: 'EFFECTIVE_DATE_TOO_EARLY' },
  { name: 'transfer note of 501 characters', method: 'post', url: (p) => `/api/people/${person(p)}/transfer`, body: (p) => ({ unitId: p.units.communeB.id, note: 'n'.repeat(501) }), status: 400, code: V, says: 'note: quá dài' },
  { name: 'status not a status', method: 'post', url: (p) => `/api/people/${person(p)}/status`, body: () => ({ status: 'dead' }), status: 400, code: V, says: 'status: không thuộc các giá trị cho phép' },
  { name: 'status effective date as a number', method: 'post', url: (p) => `/api/people/${person(p)}/status`, body: () => ({ status: 'left', effectiveDate: 20260101 }), status: 400, code: V, says: 'effectiveDate' },
];

/** Query strings of the lists: paging, filters and search. */
const QUERY_CASES: Case[] = [
  ...['0', '-1', '501', '1000000', 'abc', '1.5', '1e400', ''].map(
    (size): Case => ({ name: `people pageSize=${size}`, method: 'get', url: () => `/api/people?pageSize=${size}`, status: 400, code: V, says: 'pageSize' }),
  ),
  ...['0', '-5', '100001', '1e12', 'abc'].map((page): Case => ({ name: `people page=${page}`, method: 'get', url: () => `/api/people?page=${page}`, status: 400, code: V, says: 'page' })),
  ...['0', '-1', '100000', 'NaN'].map((size): Case => ({ name: `audit pageSize=${size}`, method: 'get', url: () => `/api/audit?pageSize=${size}`, status: 400, code: V, says: 'pageSize' })),
  { name: 'export pageSize=-1', method: 'get', url: () => '/api/people/export.xlsx?pageSize=-1', status: 400, code: V },
  { name: 'people page given twice', method: 'get', url: () => '/api/people?page=1&page=2', status: 400, code: V, says: 'page' },
  { name: 'people q of 1 000 characters', method: 'get', url: () => `/api/people?q=${'a'.repeat(1000)}`, status: 400, code: V, says: 'q: quá dài' },
  { name: 'people q given twice', method: 'get', url: () => '/api/people?q=an&q=binh', status: 400, code: V, says: 'q' },
  { name: 'people q with a NUL character', method: 'get', url: () => '/api/people?q=an%00binh', status: 400 },
  { name: 'audit q with a NUL character', method: 'get', url: () => '/api/audit?q=%00', status: 400 },
  { name: 'people unitId not a uuid', method: 'get', url: () => '/api/people?unitId=T.X.A', status: 400, code: V, says: 'unitId' },
  { name: 'people includeSubunits=maybe', method: 'get', url: (p) => `/api/people?unitId=${p.units.dept.id}&includeSubunits=maybe`, status: 400, code: V, says: 'includeSubunits' },
  { name: 'people category unknown', method: 'get', url: () => '/api/people?category=giam_doc', status: 400, code: V, says: 'category' },
  { name: 'people status unknown', method: 'get', url: () => '/api/people?status=dead', status: 400, code: V, says: 'status' },
  { name: 'people doesCchcWork=co', method: 'get', url: () => '/api/people?doesCchcWork=co', status: 400, code: V, says: 'doesCchcWork' },
  { name: 'people sort by SQL', method: 'get', url: () => `/api/people?sort=${encodeURIComponent('p.id; DROP TABLE person')}`, status: 400, code: V, says: 'sort' },
  { name: 'people unknown query parameter', method: 'get', url: () => '/api/people?hack=1', status: 400, code: V, says: 'hack: không được phép gửi' },
  { name: 'audit from not a date', method: 'get', url: () => '/api/audit?from=hom-qua', status: 400, code: V, says: 'from: không phải ngày hợp lệ' },
  { name: 'audit to an impossible date', method: 'get', url: () => '/api/audit?to=2026-02-30', status: 400 },
  { name: 'audit from a week date', method: 'get', url: () => '/api/audit?from=2026-W01', status: 400 },
  { name: 'a path with a broken %-escape', method: 'get', url: () => '/api/units/%E0%A4%A', status: 400 },
  { name: 'a path segment of 5 000 characters', method: 'get', url: () => `/api/units/${'a'.repeat(5000)}`, status: [400, 404, 414] },
];

/** Made in beforeAll (before the snapshot): a course with one module, for the authoring cases. */
const fx = { courseId: '', moduleId: '', topicId: '' };
const topicId = () => fx.topicId;
const target = (over: Record<string, unknown> = {}) => ({
  code: 'BI.T1', name: 'Chỉ tiêu thử nghiệm', legalBasisNumber: '1/QĐ-UBND', topicId: topicId(), kind: 'people',
  audience: { categories: [], doesCchcWork: null, isLeader: null, unitLevels: [], unitIds: [] }, evidenceKinds: ['attendance'], validity: 'year',
  phases: [{ name: 'Giai đoạn 2026', startYear: 2026, endYear: 2026, review: 'final' }], startYear: 2026, endYear: 2026, deadline: '2026-12-31', thresholdPct: 90,
  ...over,
});
const multipart = (boundary: string, payload: string) => ({ type: `multipart/form-data; boundary=${boundary}`, payload });

/** The requests a black-box fuzz run answered with 500 (issue #10), each now a 400/404/413 naming what is wrong. */
const FOUND_BY_FUZZING: Case[] = [
  { name: 'PATCH /api/authoring/modules/:id with an empty body', method: 'patch', url: () => `/api/authoring/modules/${fx.moduleId}`, body: () => ({}), status: 400, code: 'NOTHING_TO_UPDATE' },
  { name: 'PATCH /api/authoring/modules/:id with title null', method: 'patch', url: () => `/api/authoring/modules/${fx.moduleId}`, body: () => ({ title: null }), status: 400, code: V, says: 'title: không được để trống' },
  { name: 'PATCH /api/authoring/courses/:id with estimatedHours null', method: 'patch', url: () => `/api/authoring/courses/${fx.courseId}`, body: () => ({ estimatedHours: null }), status: 400, code: V, says: 'estimatedHours' },
  { name: 'PATCH /api/topics/:id with name null', method: 'patch', url: () => `/api/topics/${topicId()}`, body: () => ({ name: null }), status: 400, code: V, says: 'name: không được để trống' },
  { name: 'PATCH /api/units/:id with name null', method: 'patch', url: (p) => `/api/units/${p.units.communeB.id}`, body: () => ({ name: null }), status: 400, code: V, says: 'name' },
  { name: 'PATCH /api/units/:id with an empty body', method: 'patch', url: (p) => `/api/units/${p.units.communeB.id}`, body: () => ({}), status: 400, code: 'NOTHING_TO_UPDATE' },
  { name: 'PATCH /api/people/:id with fullName null', method: 'patch', url: (p) => `/api/people/${person(p)}`, body: () => ({ fullName: null }), status: 400, code: V, says: 'fullName' },
  { name: 'PATCH /api/topics/:id with sortOrder above 2³¹', method: 'patch', url: () => `/api/topics/${topicId()}`, body: () => ({ sortOrder: 2 ** 31 }), status: 400, code: V, says: 'sortOrder' },
  { name: 'PATCH /api/topics/:id with sortOrder 1e300', method: 'patch', url: () => `/api/topics/${topicId()}`, raw: { type: 'application/json', payload: '{"sortOrder": 1e300}' }, status: 400, code: V, says: 'sortOrder' },
  { name: 'POST /api/targets without audience', method: 'post', url: () => '/api/targets', body: () => { const b = target(); delete (b as { audience?: unknown }).audience; return b; }, status: 400, code: V, says: 'audience: là bắt buộc' },
  { name: 'POST /api/targets with audience null', method: 'post', url: () => '/api/targets', body: () => target({ audience: null }), status: 400, code: V, says: 'audience' },
  { name: 'POST /api/targets with a NUL character deep in the audience', method: 'post', url: () => '/api/targets', body: () => target({ audience: { categories: ['cong_chuc\u0000'], unitLevels: [], unitIds: [] } }), status: 400, code: V, says: 'audience.categories.0' },
  { name: 'POST /api/targets with a NUL character in a phase name', method: 'post', url: () => '/api/targets', body: () => target({ phases: [{ name: 'Giai\u0000 đoạn', startYear: 2026, endYear: 2026, review: 'final' }] }), status: 400, code: V, says: 'phases.0.name' },
  { name: 'POST /api/people with a lone UTF-16 surrogate in the e-mail', method: 'post', url: () => '/api/people', body: (p) => ({ ...validPerson(p), email: 'an\ud800@xa.gov.vn' }), status: 400, code: V, says: 'email' },
  { name: 'POST /api/people with a lone low surrogate in the name', method: 'post', url: () => '/api/people', raw: { type: 'application/json', payload: '{"fullName": "An \\udc00 Bình"}' }, status: 400, code: V, says: 'fullName' },
  { name: 'GET /api/courses?topicId=<unknown uuid>', method: 'get', url: () => `/api/courses?topicId=${UNKNOWN}`, status: 404, code: 'TOPIC_NOT_FOUND' },
  { name: 'POST /api/people/import/dry-run with a broken multipart boundary', method: 'post', url: () => '/api/people/import/dry-run', raw: multipart('abc', '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nMã\r\n--xy'), status: 400 },
  { name: 'POST /api/people/import/dry-run with a multipart body cut off', method: 'post', url: () => '/api/people/import/dry-run', raw: multipart('abc', '--abc\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nMã cán bộ'), status: 400 },
  { name: 'POST /api/people/import/dry-run with no file part', method: 'post', url: () => '/api/people/import/dry-run', raw: multipart('abc', '--abc\r\nContent-Disposition: form-data; name="note"\r\n\r\nx\r\n--abc--\r\n'), status: 400, code: 'FILE_REQUIRED' },
  { name: 'POST /api/library/documents with a broken multipart boundary', method: 'post', url: () => '/api/library/documents', raw: multipart('abc', '--abc\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF'), status: 400 },
];

describe('Bad input', () => {
  let t: TestApp;
  let p: SmallProvince;
  let coord: ApiAs;
  let before: TableSnapshot;

  beforeAll(async () => {
    t = await createTestApp();
    p = await seedSmallProvince(t.db);
    coord = asUser(t.http, await login(t.http, 'coord'));
    fx.topicId = (await t.db.query(`SELECT id FROM topic WHERE code = 'ASEAN'`))[0].id;
    const course = await coord.post('/api/authoring/courses', { title: 'Khóa thử dữ liệu xấu', topicIds: [], estimatedHours: 1 }).expect(201);
    fx.courseId = course.body.id;
    fx.moduleId = (await coord.post(`/api/authoring/courses/${fx.courseId}/modules`, { title: 'Phần một' }).expect(201)).body.modules[0].id;
    before = await snapshotTables(t.db);
  });
  afterAll(() => t.close());

  function send(c: Case) {
    const url = c.url(p);
    const req = t.http[c.method](url).set('authorization', `Bearer ${coord.token}`);
    if (c.raw) return req.set('content-type', c.raw.type).send(c.raw.payload);
    if (c.body) return req.send(c.body(p) as object);
    return req;
  }

  function expectRefused(res: Response, c: Case): void {
    const statuses = Array.isArray(c.status) ? c.status : [c.status];
    const seen = `${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
    expect({ ok: statuses.includes(res.status), seen }).toEqual({ ok: true, seen });
    expect(res.body.statusCode).toBe(res.status);
    expect(typeof res.body.code).toBe('string');
    if (c.code) expect(Array.isArray(c.code) ? c.code : [c.code]).toContain(res.body.code);
    expect(res.body.message).toMatch(VIETNAMESE_TEXT);
    if (c.says) expect(res.body.message).toContain(c.says);
    // Field problems are in Vietnamese too, not class-validator's English defaults.
    for (const detail of (res.body.code === V ? res.body.details : []) as { problems: string[] }[]) {
      for (const problem of detail.problems) expect(problem).not.toMatch(/ must | should /);
    }
    expect(JSON.stringify(res.body)).not.toMatch(/QueryFailedError|\.ts:\d+|node_modules/);
  }

  describe.each([
    ['every write endpoint, the same mistakes', WRITE_ENDPOINTS.flatMap(sweep)],
    ['ids in the path that are not ids', PATH_ID_CASES],
    ['unknown but valid ids', UNKNOWN_ID_CASES],
    ['wrong types and values in fields', FIELD_CASES],
    ['list queries', QUERY_CASES],
    ['requests a fuzz run once answered with 500', FOUND_BY_FUZZING],
  ] as const)('%s', (_group, cases) => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      expectRefused(await send(c), c);
    });
  });

  it('refused every one of them without writing anything', async () => {
    expect(await snapshotTables(t.db)).toEqual(before);
  });

  it('refuses JSON nested thousands of levels deep with a 400, not a stack overflow', async () => {
    const deep = `{"name":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const res = await t.http
      .patch(`/api/units/${p.units.communeA.id}`)
      .set('authorization', `Bearer ${coord.token}`)
      .set('content-type', 'application/json')
      .send(deep);
    expectRefused(res, { name: 'deep', method: 'patch', url: () => '', status: 400, code: 'JSON_TOO_DEEP' } as Case);
  });

  describe('an account with a long display name', () => {
    it('can still make changes that are audited', async () => {
      const username = `can.bo.phu.trach.${'dai'.repeat(12)}`;
      const displayName = 'Nguyễn Thị Phương Thảo – Phó Trưởng phòng Cải cách hành chính, Sở Nội vụ tỉnh Thử Nghiệm';
      const account = await insertUser(t.db, { username, role: Role.Coordinator, unitId: p.units.dept.id });
      await t.db.query(`UPDATE user_account SET display_name = $1 WHERE id = $2`, [displayName, account.id]);
      const longNamed = asUser(t.http, await login(t.http, username));

      const res = await longNamed.post('/api/units', { code: 'T.X.DAI', name: 'Xã Tên Người Dài', level: 'commune', parentId: p.units.province.id });
      expect(res.status).toBe(201);
      const audit = (await coord.get('/api/audit?entityType=unit&action=create').expect(200)).body.items;
      const entry = audit.find((e: { entityId: string }) => e.entityId === res.body.id);
      expect(entry.actorId).toBe(account.id);
      expect(entry.actorName.startsWith(displayName)).toBe(true);
      expect(entry.actorName.length).toBeLessThanOrEqual(120);
    });
  });

  describe('upper-case ids (a UUID is case-insensitive)', () => {
    const upper = (id: string) => id.toUpperCase();

    it('GET /api/units/<UPPER-CASE id> finds the unit', async () => {
      const res = await coord.get(`/api/units/${upper(p.units.communeA.id)}`).expect(200);
      expect(res.body.id).toBe(p.units.communeA.id);
    });

    it('GET /api/people?unitId=<UPPER-CASE id> lists the unit\'s people', async () => {
      const res = await coord.get(`/api/people?unitId=${upper(p.units.communeA.id)}`).expect(200);
      expect(res.body.items.map((x: { id: string }) => x.id)).toContain(p.people.communeAStaff.id);
    });

    it('POST /api/units/<UPPER-CASE id>/merge merges and answers with the surviving unit', async () => {
      const survivor = await insertUnit(t.db, { code: 'T.X.HOA', name: 'Xã Hòa Thuận', level: UnitLevel.Commune, parent: p.units.province });
      const merged = await insertUnit(t.db, { code: 'T.X.NHAP', name: 'Xã Sáp Nhập', level: UnitLevel.Commune, parent: p.units.province });
      const res = await coord.post(`/api/units/${upper(survivor.id)}/merge`, { sourceUnitIds: [upper(merged.id)] });
      expect(`${res.status} ${res.body.id}`).toBe(`200 ${survivor.id}`);
      const [row] = await t.db.query(`SELECT status, merged_into_id FROM org_unit WHERE id = $1`, [merged.id]);
      expect(row).toEqual({ status: 'merged', merged_into_id: survivor.id });
    });
  });
});
