import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  agentIfi,
  isIri,
  isTimestamp,
  isUuid,
  parseAgentParameter,

  StatementInvalid,
  statementIdsFormat,
  validateStatement,
  validateStatementBatch,
} from '@cchc/shared';
import { APP_CONFIG, type AppConfig } from '@api/config';
import { clientAuthority, LrsClient, LrsScope } from './lrs-client';
import { buildMultipartMixed, MimePart, multipartBoundary, MultipartInvalid, parseMultipartMixed } from './multipart-mixed';
import { acceptedLanguages, canonicalFormat, toStatementRow } from './statement-store';
import { buildLearningStatement, LearningEvent } from './learning-statements';
import { documentConflict, invalidRequest, invalidStatement, missingScope, preconditionFailed, statementConflict, xapiNotFound } from './xapi.exception';
import { DocumentKey, StatementFilter, StatementIdConflict, StatementRow, VoidingVoided, XapiRepository } from './xapi.repository';
import { type SessionClient, XapiHooks } from './xapi-hooks';

type Json = Record<string, unknown>;
type Query = Record<string, string | string[] | undefined>;

/** What a handler answers: status, headers and a body (JSON, bytes or nothing). */
export interface XapiReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export const XAPI_VERSION_HEADER = '1.0.3';
const MAX_LIMIT = 500;
const DEFAULT_LIMIT = 100;
const QUERY_PARAMS = ['agent', 'verb', 'activity', 'registration', 'related_activities', 'related_agents', 'since', 'until', 'limit', 'format', 'attachments', 'ascending'];

const sha2Algorithm = (hex: string) => ({ 56: 'sha224', 64: 'sha256', 96: 'sha384', 128: 'sha512' })[hex.length];

/** The built-in LRS: statements, documents, activities, agents (xAPI 1.0.3). No SQL here; XapiRepository queries. */
@Injectable()
export class XapiService {
  private readonly siteUrl: string;
  /** XAPI_ACTOR_NAME=true adds the person's full name to our statements' actor (off: the account name only). */
  private readonly actorName: boolean;

  constructor(
    private readonly repo: XapiRepository,
    private readonly ds: DataSource,
    private readonly hooks: XapiHooks,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.siteUrl = config.publicUrl;
    this.actorName = config.xapiActorName;
  }

  // ---- statements: write ----

  /** POST /statements: one statement or an array, as JSON or multipart/mixed with attachments. Answers the ids. */
  async post(client: LrsClient, contentType: string | undefined, body: unknown, query: Query): Promise<string[]> {
    need(client, 'write');
    noParams(query, []);
    const { statements, parts } = this.readBody(contentType, body);
    const list = this.validate(() => validateStatementBatch(statements));
    return this.store(client, list, parts);
  }

  /** PUT /statements?statementId=: exactly one statement under that id; 204 whether new or already the same. */
  async put(client: LrsClient, contentType: string | undefined, body: unknown, query: Query): Promise<void> {
    need(client, 'write');
    noParams(query, ['statementId']);
    const id = single(query, 'statementId');
    if (!id) throw invalidRequest('statement-id-parameter', 'PUT needs the statementId parameter');
    if (!isUuid(id)) throw invalidRequest('statement-id-parameter', 'statementId must be a UUID');
    const { statements, parts } = this.readBody(contentType, body);
    if (Array.isArray(statements)) throw invalidRequest('put-single-statement', 'PUT takes one statement, not an array');
    this.validate(() => validateStatement(statements));
    const s = statements as Json;
    if (s.id !== undefined && String(s.id).toLowerCase() !== id.toLowerCase())
      throw invalidRequest('statement-id-mismatch', 'the statement id differs from the statementId parameter');
    await this.store(client, [{ ...s, id: id.toLowerCase() }], parts);
  }

  /**
   * The platform's own learning events as statements, in the caller's transaction (so a statement exists exactly when
   * its event does). One INSERT, no extra round trip: the actor's account is resolved inside it.
   */
  async recordLearning(events: LearningEvent[], tx: EntityManager | DataSource = this.ds): Promise<void> {
    if (!events.length) return;
    await this.repo.insertOwnStatements(this.learningPayload(events), tx);
  }

  /**
   * The argument of `SELECT xapi_record_own($n::jsonb)` for these events, for a domain that writes its event in a
   * single SQL statement and records the statement inside it (the test submission).
   */
  learningPayload(events: LearningEvent[]): string {
    const authority = clientAuthority({ name: 'cchc-learn', key: 'cchc-learn' }, this.siteUrl);
    return JSON.stringify({
      rows: events.map((e) => buildLearningStatement(e, this.siteUrl)),
      site: this.siteUrl,
      authority,
      authorityIfi: agentIfi(authority),
      withName: this.actorName,
    });
  }

  private async store(client: LrsClient, list: Json[], parts: Map<string, MimePart>): Promise<string[]> {
    const provider = this.hooks.providerOf(client);
    if (provider) await provider.beforeStatements(client as SessionClient, list);
    const ids = await this.storeChecked(client, list, parts);
    if (provider) await provider.afterStatements(client as SessionClient, list);
    return ids;
  }

  private async storeChecked(client: LrsClient, list: Json[], parts: Map<string, MimePart>): Promise<string[]> {
    const authority = clientAuthority(client, this.siteUrl);
    const rows = list.map((s) => toStatementRow(s, authority));
    const attachments = this.checkAttachments(rows, parts);
    try {
      // One statement stores the batch atomically; attachments (rare) need a transaction around both.
      if (!attachments.length) await this.repo.storeStatements(rows, client.id, authority);
      else
        await this.ds.transaction(async (tx) => {
          await this.repo.storeStatements(rows, client.id, authority, tx);
          await this.repo.insertAttachments(attachments, tx);
        });
    } catch (e) {
      if (e instanceof StatementIdConflict) throw statementConflict(e.statementId);
      if (e instanceof VoidingVoided) throw invalidRequest('void-voiding-statement', `statement ${e.statementId} is a voiding statement and cannot be voided`);
      throw e;
    }
    return rows.map((r) => r.id);
  }

  private readBody(contentType: string | undefined, body: unknown): { statements: unknown; parts: Map<string, MimePart> } {
    const boundary = multipartBoundary(contentType);
    if (boundary) {
      if (!Buffer.isBuffer(body)) throw invalidRequest('multipart-body', 'a multipart/mixed body could not be read');
      let parts: MimePart[];
      try {
        parts = parseMultipartMixed(body, boundary);
      } catch (e) {
        throw invalidRequest('multipart-format', e instanceof MultipartInvalid ? e.message : 'malformed multipart/mixed body');
      }
      if (!parts.length) throw invalidRequest('multipart-statement-part', 'the first part must hold the statements');
      const [first, ...rest] = parts;
      if (!/^application\/json\b/i.test(first.headers['content-type'] ?? ''))
        throw invalidRequest('multipart-statement-part', 'the first part must be application/json with the statements');
      let statements: unknown;
      try {
        statements = JSON.parse(first.content.toString('utf8'));
      } catch {
        throw invalidRequest('statement-json', 'the statements part is not valid JSON');
      }
      const byHash = new Map<string, MimePart>();
      for (const part of rest) {
        const hash = part.headers['x-experience-api-hash'];
        if (!hash) throw invalidRequest('attachment-hash-header', 'every attachment part needs an X-Experience-API-Hash header');
        if ((part.headers['content-transfer-encoding'] ?? '').toLowerCase() !== 'binary')
          throw invalidRequest('attachment-transfer-encoding', 'every attachment part needs Content-Transfer-Encoding: binary');
        const algorithm = sha2Algorithm(hash);
        if (!algorithm || createHash(algorithm).update(part.content).digest('hex') !== hash.toLowerCase())
          throw invalidRequest('attachment-sha2-mismatch', `the content of the part with hash ${hash.slice(0, 12)}… does not have that SHA-2 hash`);
        byHash.set(hash.toLowerCase(), part);
      }
      return { statements, parts: byHash };
    }
    if (!/^application\/json\b/i.test(contentType ?? '')) throw invalidRequest('statement-content-type', 'statements are sent as application/json or multipart/mixed');
    return { statements: body, parts: new Map() };
  }

  /** Every attachment without a fileUrl has its part, and every part belongs to an attachment (xAPI §1.5.2). */
  private checkAttachments(rows: StatementRow[], parts: Map<string, MimePart>) {
    const used = new Set<string>();
    const out: { sha2: string; contentType: string; content: Buffer }[] = [];
    const visit = (attachments: unknown) => {
      for (const a of (attachments as Json[] | undefined) ?? []) {
        const sha2 = String(a.sha2).toLowerCase();
        const part = parts.get(sha2);
        if (!part) {
          if (a.fileUrl === undefined) throw invalidRequest('attachment-part-missing', `no part carries the attachment with sha2 ${sha2.slice(0, 12)}… (and it has no fileUrl)`);
          continue;
        }
        if (part.content.length !== a.length) throw invalidRequest('attachment-length-mismatch', `the attachment ${sha2.slice(0, 12)}… is ${part.content.length} bytes, not ${String(a.length)}`);
        if (!used.has(sha2)) out.push({ sha2, contentType: String(a.contentType), content: part.content });
        used.add(sha2);
      }
    };
    for (const r of rows) {
      visit(r.statement.attachments);
      const obj = r.statement.object as Json;
      if (obj.objectType === 'SubStatement') visit(obj.attachments);
    }
    for (const hash of parts.keys()) if (!used.has(hash)) throw invalidRequest('attachment-part-unused', `the part with hash ${hash.slice(0, 12)}… matches no attachment of the statements`);
    return out;
  }

  private validate<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof StatementInvalid) throw invalidStatement(e.problem);
      throw e;
    }
  }

  // ---- statements: read ----

  async get(client: LrsClient, query: Query, acceptLanguage: unknown): Promise<XapiReply> {
    const ownOnly = readScope(client);
    const consistentThrough = await this.repo.consistentThrough();
    const headers: Record<string, string> = { 'X-Experience-API-Consistent-Through': consistentThrough };
    const more = single(query, 'more');
    if (more !== undefined) noParams(query, ['more']);
    if (more !== undefined) return this.page(client, ownOnly, decodeMore(more), headers, acceptLanguage);

    const statementId = single(query, 'statementId');
    const voidedId = single(query, 'voidedStatementId');
    if (statementId !== undefined || voidedId !== undefined) {
      noParams(query, ['statementId', 'voidedStatementId', 'format', 'attachments']);
      if (statementId !== undefined && voidedId !== undefined) throw invalidRequest('statement-id-parameters', 'send statementId or voidedStatementId, not both');
      const id = (statementId ?? voidedId)!;
      if (!isUuid(id)) throw invalidRequest('statement-id-parameter', 'the statement id must be a UUID');
      const options = readFormat(query);
      const row = await this.repo.statementById(id.toLowerCase(), voidedId !== undefined, ownOnly ? client.id : undefined);
      if (!row) throw xapiNotFound('câu lệnh');
      const statement = this.format(row.statement, options.format, acceptLanguage);
      return this.answer([statement], options.attachments, { ...headers, 'Last-Modified': new Date(String(row.statement.stored)).toUTCString() }, undefined);
    }
    noParams(query, QUERY_PARAMS);
    return this.page(client, ownOnly, query, headers, acceptLanguage);
  }

  private async page(client: LrsClient, ownOnly: boolean, query: Query, headers: Record<string, string>, acceptLanguage: unknown): Promise<XapiReply> {
    const filter = readFilter(query);
    const options = readFormat(query);
    const rows = await this.repo.query({ ...filter, limit: filter.limit + 1, clientId: ownOnly ? client.id : undefined });
    const page = rows.slice(0, filter.limit);
    const last = page.at(-1);
    const more = rows.length > filter.limit && last ? `/api/xapi/statements?more=${encodeMore(query, last)}` : '';
    // The usual page (format=exact, no attachments) is the stored JSON text as it is: nothing to parse or re-serialise.
    if (options.format === 'exact' && !options.attachments)
      return {
        status: 200,
        headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' },
        body: `{"statements":[${page.map((r) => r.statement).join(',')}],"more":${JSON.stringify(more)}}`,
      };
    const statements = page.map((r) => this.format(JSON.parse(r.statement) as Json, options.format, acceptLanguage));
    return this.answer(statements, options.attachments, headers, more);
  }

  private format(statement: Json, format: string, acceptLanguage: unknown): Json {
    if (format === 'ids') return statementIdsFormat(statement);
    if (format === 'canonical') return canonicalFormat(statement, acceptedLanguages(acceptLanguage));
    return statement;
  }

  /** JSON, or multipart/mixed with the attachments' content when `attachments=true`. */
  private async answer(statements: Json[], withAttachments: boolean, headers: Record<string, string>, more: string | undefined): Promise<XapiReply> {
    const json = more === undefined ? statements[0] : { statements, more };
    if (!withAttachments) return { status: 200, headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' }, body: json };
    const hashes = new Set<string>();
    for (const s of statements) for (const a of (s.attachments as Json[] | undefined) ?? []) hashes.add(String(a.sha2).toLowerCase());
    const files = await this.repo.attachments([...hashes]);
    const { body, contentType } = buildMultipartMixed([
      { headers: { 'Content-Type': 'application/json' }, content: Buffer.from(JSON.stringify(json)) },
      ...files.map((f) => ({ headers: { 'Content-Type': f.contentType, 'Content-Transfer-Encoding': 'binary', 'X-Experience-API-Hash': f.sha2 }, content: f.content })),
    ]);
    return { status: 200, headers: { ...headers, 'Content-Type': contentType }, body };
  }

  // ---- documents: state, activity profile, agent profile ----

  async document(client: LrsClient, kind: DocumentKey['kind'], method: string, query: Query, headers: Record<string, unknown>, body: unknown): Promise<XapiReply> {
    const idParam = kind === 'state' ? 'stateId' : 'profileId';
    const allowed = kind === 'state' ? ['activityId', 'agent', 'registration', 'stateId', 'since'] : kind === 'activity_profile' ? ['activityId', 'profileId', 'since'] : ['agent', 'profileId', 'since'];
    noParams(query, allowed);
    const key: DocumentKey = { kind, activityId: '', agentIfi: '', registration: '' };
    if (kind !== 'agent_profile') {
      const activityId = single(query, 'activityId');
      if (!isIri(activityId)) throw invalidRequest('activity-id-parameter', 'activityId is required and must be an IRI');
      key.activityId = activityId;
    }
    if (kind !== 'activity_profile') {
      const agent = single(query, 'agent');
      if (agent === undefined) throw invalidRequest('agent-parameter', 'agent is required');
      key.agentIfi = agentIfi(this.validate(() => parseAgentParameter(agent)))!;
    }
    const registration = single(query, 'registration');
    if (registration !== undefined) {
      if (!isUuid(registration)) throw invalidRequest('registration-parameter', 'registration must be a UUID');
      key.registration = registration.toLowerCase();
    }
    const docId = single(query, idParam);
    const since = single(query, 'since');
    const provider = this.hooks.providerOf(client);
    if (provider) await provider.beforeDocument(client as SessionClient, { ...key, method, documentId: docId });
    if (since !== undefined && !isTimestamp(since)) throw invalidRequest('since-parameter', 'since must be an ISO 8601 timestamp with a time zone');

    if (method === 'GET') {
      need(client, 'write', 'read_own', 'read_all');
      if (docId === undefined) return { status: 200, body: await this.repo.documentIds(key, since) };
      if (since !== undefined) throw invalidRequest('since-parameter', `since is only for listing ${idParam}s`);
      const doc = await this.repo.document(key, docId);
      if (!doc) throw xapiNotFound('tài liệu');
      return { status: 200, headers: { 'Content-Type': doc.contentType, ETag: doc.etag, 'Last-Modified': doc.updated.toUTCString() }, body: doc.content };
    }
    need(client, 'write');
    if (since !== undefined) throw invalidRequest('since-parameter', 'since is only for GET');
    const ifMatch = header(headers, 'if-match');
    const ifNoneMatch = header(headers, 'if-none-match');
    if (method === 'DELETE') {
      if (docId === undefined && kind !== 'state') throw invalidRequest('document-id-parameter', `${idParam} is required`);
      if (ifMatch !== undefined && docId !== undefined) {
        const current = await this.repo.document(key, docId);
        if (current && !etagMatches(ifMatch, current.etag)) throw preconditionFailed();
      }
      await this.repo.deleteDocuments(key, docId ?? null);
      return { status: 204 };
    }
    if (docId === undefined) throw invalidRequest('document-id-parameter', `${idParam} is required`);
    const contentType = (header(headers, 'content-type') ?? 'application/octet-stream').split(';')[0].trim();
    const content = toBytes(body);
    const current = await this.repo.document(key, docId);
    if (ifNoneMatch === '*' && current) throw preconditionFailed();
    if (ifMatch !== undefined && (!current || !etagMatches(ifMatch, current.etag))) throw preconditionFailed();

    let next = { contentType, content };
    if (method === 'POST' && current) {
      // POST merges JSON objects (top-level keys); anything else cannot be merged (xAPI §2.3 "JSON Procedure with Requirements").
      const old = jsonObject(current.contentType, current.content);
      const add = jsonObject(contentType, content);
      if (!old || !add) throw invalidRequest('document-merge-json', 'POST can only merge a JSON object into a JSON object; use PUT to replace');
      next = { contentType: 'application/json', content: Buffer.from(JSON.stringify({ ...old, ...add })) };
    } else if (method === 'POST' && !jsonObject(contentType, content) && contentType === 'application/json') {
      throw invalidRequest('document-merge-json', 'a JSON document sent with POST must be an object');
    } else if (method === 'PUT' && current && kind !== 'state' && ifMatch === undefined && ifNoneMatch === undefined) {
      throw documentConflict();
    }
    const etag = `"${createHash('sha1').update(next.content).digest('hex')}"`;
    const ok = await this.repo.putDocument(key, docId, { ...next, etag }, current ? current.etag : null);
    // Someone else wrote between our read and our write: their change wins and the client is told to re-read.
    if (!ok) throw preconditionFailed();
    return { status: 204, headers: { ETag: etag } };
  }

  // ---- activities, agents, about ----

  async activity(client: LrsClient, query: Query): Promise<Json> {
    need(client, 'write', 'read_own', 'read_all');
    noParams(query, ['activityId']);
    const activityId = single(query, 'activityId');
    if (!isIri(activityId)) throw invalidRequest('activity-id-parameter', 'activityId is required and must be an IRI');
    const definition = await this.repo.activityDefinition(activityId);
    return definition ? { objectType: 'Activity', id: activityId, definition } : { objectType: 'Activity', id: activityId };
  }

  async person(client: LrsClient, query: Query): Promise<Json> {
    need(client, 'write', 'read_own', 'read_all');
    noParams(query, ['agent']);
    const raw = single(query, 'agent');
    if (raw === undefined) throw invalidRequest('agent-parameter', 'agent is required');
    const agent = this.validate(() => parseAgentParameter(raw));
    const names = new Set(await this.repo.agentNames(agentIfi(agent)!));
    if (typeof agent.name === 'string') names.add(agent.name);
    const person: Json = { objectType: 'Person' };
    if (names.size) person.name = [...names];
    for (const k of ['mbox', 'mbox_sha1sum', 'openid', 'account']) if (agent[k] !== undefined) person[k] = [agent[k]];
    return person;
  }

  about(): Json {
    return { version: ['1.0.3', '1.0.2', '1.0.1', '1.0.0'], extensions: {} };
  }
}

// ---- request reading helpers (pure) ----

function need(client: LrsClient, ...any: LrsScope[]): void {
  if (!any.some((s) => client.scopes.includes(s)))
    throw missingScope(any.join(' / '));
}

/** true when the client may read only its own statements. */
function readScope(client: LrsClient): boolean {
  if (client.scopes.includes('read_all')) return false;
  if (client.scopes.includes('read_own')) return true;
  throw missingScope('read_own / read_all');
}

function single(query: Query, name: string): string | undefined {
  const v = query[name];
  if (Array.isArray(v)) throw invalidRequest('repeated-parameter', `${name} is given more than once`);
  return v;
}

function header(headers: Record<string, unknown>, name: string): string | undefined {
  const v = headers[name];
  return typeof v === 'string' ? v : undefined;
}

/** xAPI: an LRS rejects parameters it does not know (and, for a single statement, any but format/attachments). */
function noParams(query: Query, allowed: string[]): void {
  for (const k of Object.keys(query)) if (!allowed.includes(k)) throw invalidRequest('unknown-parameter', `"${k}" is not a parameter of this resource`);
}

function bool(query: Query, name: string): boolean {
  const v = single(query, name);
  if (v === undefined) return false;
  if (v !== 'true' && v !== 'false') throw invalidRequest('boolean-parameter', `${name} must be true or false`);
  return v === 'true';
}

function readFormat(query: Query): { format: string; attachments: boolean } {
  const format = single(query, 'format') ?? 'exact';
  if (!['exact', 'ids', 'canonical'].includes(format)) throw invalidRequest('format-parameter', 'format must be exact, ids or canonical');
  return { format, attachments: bool(query, 'attachments') };
}

function readFilter(query: Query): Omit<StatementFilter, 'clientId'> & { limit: number } {
  const f: Omit<StatementFilter, 'clientId'> = { ascending: bool(query, 'ascending'), limit: DEFAULT_LIMIT };
  const agent = single(query, 'agent');
  if (agent !== undefined) {
    try {
      f.agent = agentIfi(parseAgentParameter(agent))!;
    } catch (e) {
      if (e instanceof StatementInvalid) throw invalidStatement(e.problem);
      throw e;
    }
  }
  f.relatedAgents = bool(query, 'related_agents');
  f.relatedActivities = bool(query, 'related_activities');
  const verb = single(query, 'verb');
  if (verb !== undefined) {
    if (!isIri(verb)) throw invalidRequest('verb-parameter', 'verb must be an IRI');
    f.verb = verb;
  }
  const activity = single(query, 'activity');
  if (activity !== undefined) {
    if (!isIri(activity)) throw invalidRequest('activity-parameter', 'activity must be an IRI');
    f.activity = activity;
  }
  const registration = single(query, 'registration');
  if (registration !== undefined) {
    if (!isUuid(registration)) throw invalidRequest('registration-parameter', 'registration must be a UUID');
    f.registration = registration.toLowerCase();
  }
  for (const k of ['since', 'until'] as const) {
    const v = single(query, k);
    if (v === undefined) continue;
    if (!isTimestamp(v)) throw invalidRequest(`${k}-parameter`, `${k} must be an ISO 8601 timestamp with a time zone`);
    f[k] = v;
  }
  const limit = single(query, 'limit');
  if (limit !== undefined) {
    if (!/^\d+$/.test(limit)) throw invalidRequest('limit-parameter', 'limit must be a whole number ≥ 0');
    const n = Number(limit);
    f.limit = n === 0 ? MAX_LIMIT : Math.min(n, MAX_LIMIT);
  }
  const after = single(query, '__after');
  if (after !== undefined) {
    const [stored, seq] = after.split('|');
    if (!isTimestamp(stored) || !/^\d+$/.test(seq ?? '')) throw invalidRequest('more-parameter', 'the more link is not valid');
    f.after = { stored, seq };
  }
  return f as Omit<StatementFilter, 'clientId'> & { limit: number };
}

/** The `more` link carries the original query and where the page ended (opaque to clients; re-validated on use). */
function encodeMore(query: Query, last: { stored: string; seq: string }): string {
  const q = { ...query, __after: `${last.stored}|${last.seq}` };
  return Buffer.from(JSON.stringify(q)).toString('base64url');
}

function decodeMore(token: string): Query {
  try {
    const q = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (!q || typeof q !== 'object' || Array.isArray(q)) throw new Error('not an object');
    for (const [k, v] of Object.entries(q)) if (typeof v !== 'string' || (!QUERY_PARAMS.includes(k) && k !== '__after')) throw new Error('bad');
    return q;
  } catch {
    throw invalidRequest('more-parameter', 'the more link is not valid');
  }
}

function etagMatches(headerValue: string, etag: string): boolean {
  if (headerValue.trim() === '*') return true;
  return headerValue.split(',').map((x) => x.trim().replace(/^W\//, '')).includes(etag);
}

function toBytes(body: unknown): Buffer {
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body === undefined || body === null) return Buffer.alloc(0);
  return Buffer.from(JSON.stringify(body));
}

function jsonObject(contentType: string, content: Buffer): Json | null {
  if (!/^application\/json\b/i.test(contentType)) return null;
  try {
    const v = JSON.parse(content.toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}
