import { HttpStatus, Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { agentIfi, type Cmi5LaunchDto } from '@cchc/shared';
import type { AuthUser } from '@api/common/auth';
import { AppException } from '@api/common/errors';
import { APP_CONFIG, type AppConfig } from '@api/config';
import { EnrolmentsService } from '@api/enrolments';
import { type DocumentTarget, type LrsClient, type SessionClient, XapiHooks, type XapiSessionProvider, XapiService } from '@api/xapi';
import { afterStatement, CMI5_CATEGORY, CMI5_MOVEON_CATEGORY, CMI5_SESSION_EXTENSION, CMI5_VERBS, type Cmi5SessionState, cmi5Verb, cmi5Violation, moveOnSatisfied } from './cmi5-rules';
import type { PackageItem } from './manifest';
import type { Cmi5Session, LearningPackage } from './package.entity';
import { packageNotUploaded, packagesError, PackagesErrorCode, unknownItem } from './packages.exception';
import { PackagesRepository } from './packages.repository';
import { PackagesService } from './packages.service';

type Json = Record<string, unknown>;

/** The LRS client (migration 1763800025100) the LMS's own cmi5 statements and every session's statements are stored under. */
const CMI5_CLIENT: LrsClient = { id: 'c0115e55-0000-4000-8000-00000000c315', name: 'cmi5 (gói bài giảng)', key: 'cmi5_lms', scopes: ['write'] };
const KEY_PREFIX = 'cmi5_';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const forbidden = (rule: string) => new AppException(HttpStatus.FORBIDDEN, 'XAPI_CMI5_RULE', `Câu lệnh vi phạm quy tắc cmi5: ${rule}`, { rule });

interface SessionContext {
  session: Cmi5Session;
  pkg: LearningPackage;
  item: PackageItem;
  lessonId: string;
  state: Cmi5SessionState;
  actor: Json;
}

/**
 * cmi5 (points 2 of issue #13): the LMS side. A launch creates an AU session with a one-time fetch token and writes
 * LMS.LaunchData; the AU trades the token for credentials (POST fetch URL) and talks xAPI to our LRS with them; every
 * statement it sends is checked against cmi5's rules before it is stored, and when the AU's moveOn criterion is met the
 * LMS records "satisfied" and, once every AU of the lesson's course structure is satisfied, completes the lesson.
 */
@Injectable()
export class Cmi5Service implements XapiSessionProvider, OnModuleInit {
  readonly keyPrefix = KEY_PREFIX;

  constructor(
    private readonly db: DataSource,
    private readonly packages: PackagesRepository,
    private readonly packagesService: PackagesService,
    private readonly enrolments: EnrolmentsService,
    private readonly xapi: XapiService,
    private readonly hooks: XapiHooks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.hooks.register(this);
  }

  private actorOf(username: string): Json {
    return { objectType: 'Agent', account: { homePage: this.config.publicUrl, name: username } };
  }

  /** One registration per learner, package and attempt (stable across sessions and devices). */
  private registrationOf(personId: string, packageId: string, attempt: number): string {
    const h = sha256(`cmi5:${personId}:${packageId}:${attempt}`);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  private lmsStatement(verb: keyof typeof CMI5_VERBS, actor: Json, objectId: string, registration: string, sessionId: string, extra: Json = {}): Json {
    return {
      id: randomUUID(),
      actor,
      verb: { id: CMI5_VERBS[verb], display: { 'en-US': verb } },
      object: { objectType: 'Activity', id: objectId },
      context: {
        registration,
        extensions: { [CMI5_SESSION_EXTENSION]: sessionId },
        contextActivities: { category: [{ id: CMI5_CATEGORY }, ...(verb === 'satisfied' ? [{ id: CMI5_MOVEON_CATEGORY }] : [])] },
      },
      timestamp: new Date().toISOString(),
      ...extra,
    };
  }

  /** Starts an AU session for the signed-in learner: the launch URL with endpoint, fetch, actor, registration, activityId. */
  async launch(user: AuthUser, lessonId: string, itemId: string, app: { origin: string; page: { protocol: string; hostname: string } }): Promise<Cmi5LaunchDto> {
    const personId = this.enrolments.requirePerson(user);
    await this.enrolments.lesson(user, lessonId);
    const pkg = await this.packages.findByLesson(lessonId);
    if (!pkg) throw packageNotUploaded();
    if (pkg.standard !== 'cmi5') throw packagesError(PackagesErrorCode.UnknownItem, 'Bài này không phải khóa học cmi5.');
    const item = pkg.structure.items.find((i) => i.id === itemId && i.launch);
    if (!item) throw unknownItem();
    const attempt = await this.packages.latestAttempt(personId, pkg.id);
    const registration = this.registrationOf(personId, pkg.id, attempt);
    const actor = this.actorOf(user.username);
    // A session left without "terminated" (a closed tab, a dropped link) is abandoned when the next one starts (cmi5 §9.3.7).
    const open = await this.packages.openSessions(personId, pkg.id, item.id);
    await this.packages.markAbandoned(open.map((s) => s.id));
    const token = randomBytes(24).toString('base64url');
    const session = await this.packages.insertSession({ personId, packageId: pkg.id, itemId: item.id, attempt, registration, fetchTokenHash: sha256(token), launchMode: 'Normal' });
    const statements = [
      ...open.filter((s) => s.initialized).map((s) => this.lmsStatement('abandoned', actor, item.activityId ?? item.id, registration, s.id)),
      this.lmsStatement('launched', actor, item.activityId ?? item.id, registration, session.id, {
        context: {
          registration,
          extensions: { [CMI5_SESSION_EXTENSION]: session.id, 'https://w3id.org/xapi/cmi5/context/extensions/launchmode': 'Normal', 'https://w3id.org/xapi/cmi5/context/extensions/moveon': item.moveOn ?? 'NotApplicable' },
          contextActivities: { category: [{ id: CMI5_CATEGORY }] },
        },
      }),
    ];
    await this.xapi.post(CMI5_CLIENT, 'application/json', statements, {});
    const launchData: Json = {
      contextTemplate: { extensions: { [CMI5_SESSION_EXTENSION]: session.id }, contextActivities: { grouping: [{ objectType: 'Activity', id: pkg.identifier }] } },
      launchMode: 'Normal',
      moveOn: item.moveOn ?? 'NotApplicable',
      returnURL: `${app.origin}/learning/lessons/${lessonId}`,
      ...(item.masteryScore !== undefined ? { masteryScore: item.masteryScore } : {}),
      ...(item.launchParameters ? { launchParameters: item.launchParameters } : {}),
    };
    await this.xapi.document(
      CMI5_CLIENT,
      'state',
      'PUT',
      { activityId: item.activityId ?? item.id, agent: JSON.stringify(actor), registration, stateId: 'LMS.LaunchData' },
      { 'content-type': 'application/json' },
      Buffer.from(JSON.stringify(launchData)),
    );
    const base = item.launch!.startsWith('http') ? item.launch! : this.packagesService.contentUrl(pkg.id, item.launch!, app.page);
    const url = new URL(base);
    url.searchParams.set('endpoint', `${app.origin}/api/xapi/`);
    url.searchParams.set('fetch', `${app.origin}/api/xapi/cmi5/fetch/${token}`);
    url.searchParams.set('actor', JSON.stringify(actor));
    url.searchParams.set('registration', registration);
    url.searchParams.set('activityId', item.activityId ?? item.id);
    return { itemId: item.id, sessionId: session.id, url: url.toString(), launchMethod: item.launchMethod ?? 'AnyWindow' };
  }

  /** The fetch URL: the credentials of the session, once (cmi5 §8.2). */
  async fetch(token: string): Promise<{ status: number; body: Json }> {
    const secret = randomBytes(24).toString('base64url');
    const session = /^[\w-]{10,100}$/.test(token) ? await this.packages.spendFetchToken(sha256(token), sha256(secret)) : null;
    if (!session) {
      const used = /^[\w-]{10,100}$/.test(token) && (await this.packages.fetchTokenUsed(sha256(token)));
      // cmi5's error body, plus the platform's own fields (status, code and a Vietnamese message) for people reading it.
      return {
        status: used ? 400 : 404,
        body: {
          'error-code': used ? '1' : '3',
          'error-text': used ? 'Already in use' : 'General Application Error',
          statusCode: used ? 400 : 404,
          code: used ? 'CMI5_FETCH_USED' : 'CMI5_FETCH_UNKNOWN',
          message: used ? 'Mã khởi chạy cmi5 này đã được dùng; hãy mở lại bài giảng để có mã mới.' : 'Không tìm thấy phiên học cmi5 ứng với mã khởi chạy này.',
        },
      };
    }
    return { status: 200, body: { 'auth-token': Buffer.from(`${KEY_PREFIX}${session.id}:${secret}`).toString('base64') } };
  }

  // ---- the LRS side (XapiSessionProvider) ----

  async authenticate(key: string, secret: string): Promise<SessionClient | null> {
    const id = key.slice(KEY_PREFIX.length);
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const session = await this.packages.findSession(id);
    if (!session?.secretHash || session.abandoned) return null;
    const a = Buffer.from(sha256(secret), 'hex');
    const b = Buffer.from(session.secretHash, 'hex');
    if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
    return { ...CMI5_CLIENT, key, name: `cmi5 ${session.id}`, session: session.id };
  }

  private async context(client: SessionClient): Promise<SessionContext> {
    const session = (await this.packages.findSession(String(client.session)))!;
    const pkg = (await this.packages.findById(session.packageId))!;
    const item = pkg.structure.items.find((i) => i.id === session.itemId)!;
    const [runtime] = (await this.packages.runtimes(session.personId, pkg.id, session.attempt)).filter((r) => r.itemId === item.id);
    const person = (await this.packages.usernameOfPerson(session.personId)) ?? session.personId;
    return {
      session,
      pkg,
      item,
      lessonId: pkg.lessonId,
      actor: this.actorOf(person),
      state: {
        sessionId: session.id,
        registration: session.registration,
        activityId: item.activityId ?? item.id,
        actorAccount: { homePage: this.config.publicUrl, name: person },
        masteryScore: item.masteryScore ?? null,
        moveOn: item.moveOn ?? 'NotApplicable',
        initialized: session.initialized,
        terminated: session.terminated,
        completed: runtime?.completion === 'completed',
        passed: runtime?.success === 'passed',
        failed: session.failed,
        launchMode: session.launchMode,
      },
    };
  }

  async beforeStatements(client: SessionClient, statements: Json[]): Promise<void> {
    let { state } = await this.context(client);
    for (const s of statements) {
      const rule = cmi5Violation(state, s);
      if (rule) throw forbidden(rule);
      state = afterStatement(state, s);
    }
  }

  async afterStatements(client: SessionClient, statements: Json[]): Promise<void> {
    const ctx = await this.context(client);
    let state = ctx.state;
    let score: number | null = null;
    for (const s of statements) {
      state = afterStatement(state, s);
      const scaled = (s.result as Json | undefined)?.score as Json | undefined;
      if (cmi5Verb(s) && typeof scaled?.scaled === 'number') score = scaled.scaled;
    }
    await this.packages.saveSessionState(ctx.session.id, { initialized: state.initialized, terminated: state.terminated, failed: state.failed });
    const before = ctx.state;
    if (state.completed === before.completed && state.passed === before.passed && !state.failed) return;
    await this.db.transaction(async (tx) => {
      const row = await this.packages.lockRuntime({ personId: ctx.session.personId, packageId: ctx.pkg.id, itemId: ctx.item.id, attempt: ctx.session.attempt }, tx);
      row.seq += 1;
      if (state.completed) row.completion = 'completed';
      if (state.passed) row.success = 'passed';
      else if (state.failed && row.success !== 'passed') row.success = 'failed';
      if (score !== null) row.scoreScaled = score;
      row.updatedAt = new Date();
      await this.packages.saveRuntime(row, tx);
    });
    const wasSatisfied = moveOnSatisfied(ctx.item.moveOn ?? 'NotApplicable', before);
    if (!wasSatisfied && moveOnSatisfied(ctx.item.moveOn ?? 'NotApplicable', state)) await this.satisfied(ctx);
  }

  /** The AU met its moveOn: the LMS says so ("satisfied"), and completes the lesson when every AU has. */
  private async satisfied(ctx: SessionContext): Promise<void> {
    const statements: Json[] = [this.lmsStatement('satisfied', ctx.actor, ctx.state.activityId, ctx.session.registration, ctx.session.id)];
    const rows = await this.packages.runtimes(ctx.session.personId, ctx.pkg.id, ctx.session.attempt);
    const byItem = new Map(rows.map((r) => [r.itemId, r]));
    const all = ctx.pkg.structure.items
      .filter((i) => i.launch)
      .every((i) => moveOnSatisfied(i.moveOn ?? 'NotApplicable', { completed: byItem.get(i.id)?.completion === 'completed', passed: byItem.get(i.id)?.success === 'passed' }));
    if (all) statements.push(this.lmsStatement('satisfied', ctx.actor, ctx.pkg.identifier, ctx.session.registration, ctx.session.id));
    await this.xapi.post(CMI5_CLIENT, 'application/json', statements, {});
    if (all) await this.enrolments.progressOf(ctx.session.personId, ctx.lessonId, { completed: true });
  }

  /** A session reads and writes only its own learner's documents for its AU; LMS.LaunchData is the LMS's alone. */
  async beforeDocument(client: SessionClient, target: DocumentTarget): Promise<void> {
    const ctx = await this.context(client);
    if (target.kind === 'activity_profile') return;
    if (target.agentIfi !== agentIfi({ account: ctx.state.actorAccount })) throw forbidden("a session may use its own learner's documents only");
    if (target.kind === 'state' && target.activityId !== ctx.state.activityId) throw forbidden('a session may use the state of its own AU only');
    if (target.kind === 'state' && target.documentId === 'LMS.LaunchData' && target.method !== 'GET') throw forbidden('LMS.LaunchData is written by the LMS only (cmi5 §10.2.1)');
  }
}
