import { HttpStatus, Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { agentIfi, type Cmi5LaunchDto, type Cmi5LaunchMode, type PackageLaunchItemDto } from '@cchc/shared';
import type { AuthUser } from '@api/common/auth';
import { AppException } from '@api/common/errors';
import { APP_CONFIG, type AppConfig } from '@api/config';
import { EnrolmentsService } from '@api/enrolments';
import { type DocumentTarget, type LrsClient, type SessionClient, XapiHooks, type XapiSessionProvider, XapiService } from '@api/xapi';
import { AuditAction, AuditService } from '@api/audit';
import { AccessService } from '@api/common/access';
import { Clock } from '@api/common/clock';
import { afterStatement, CMI5_CATEGORY, CMI5_MOVEON_CATEGORY, CMI5_SESSION_EXTENSION, CMI5_VERBS, type Cmi5SessionState, cmi5Verb, cmi5Violation, launchModeRefusal, moveOnSatisfied } from './cmi5-rules';
import type { PackageItem } from './manifest';
import type { Cmi5Session, Cmi5WaiveReason, LearningPackage, PackageRuntime } from './package.entity';
import { packageNotUploaded, packagesError, PackagesErrorCode, unknownItem } from './packages.exception';
import { PackagesRepository } from './packages.repository';
import { packageItemDone, PackagesService } from './packages.service';
import { attemptResult } from './sequencing';

type Json = Record<string, unknown>;

function auSatisfied(item: PackageItem, row: PackageRuntime | undefined): boolean {
  if (row?.waivedReason) return true;
  return moveOnSatisfied(item.moveOn ?? 'NotApplicable', { completed: row?.completion === 'completed', passed: row?.success === 'passed' });
}

function auItemDto(item: PackageItem, row: PackageRuntime | undefined): PackageLaunchItemDto {
  return {
    id: item.id,
    title: item.title,
    depth: item.depth,
    launchable: true,
    launch: item.launch,
    completion: row?.completion ?? 'not attempted',
    success: row?.success ?? 'unknown',
    scoreScaled: row?.scoreScaled ?? null,
    resume: {},
    seq: row?.seq ?? 0,
    disabled: false,
    choosable: true,
    flow: true,
    skipped: false,
    reason: null,
    ...(row?.waivedReason ? { waived: row.waivedReason } : {}),
  };
}

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
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly access: AccessService,
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
  async launch(user: AuthUser, lessonId: string, itemId: string, app: { origin: string; mode: Cmi5LaunchMode }): Promise<Cmi5LaunchDto> {
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
    const [runtime] = (await this.packages.runtimes(personId, pkg.id, attempt)).filter((r) => r.itemId === item.id);
    const satisfied = !!runtime && packageItemDone(pkg, item.id, runtime);
    const refusal = launchModeRefusal(app.mode, { satisfied, judged: runtime?.completion === 'completed' || runtime?.success === 'passed', browseAllowed: this.config.cmi5.browse });
    if (refusal) throw packagesError(PackagesErrorCode.NotReviewable, refusal);
    // A session left without "terminated" (a closed tab, a dropped link) is abandoned when the next one starts (cmi5 §9.3.7).
    const open = await this.packages.openSessions(personId, pkg.id, item.id);
    await this.packages.markAbandoned(open.map((s) => s.id));
    const token = randomBytes(24).toString('base64url');
    const session = await this.packages.insertSession({ personId, packageId: pkg.id, itemId: item.id, attempt, registration, fetchTokenHash: sha256(token), launchMode: app.mode, createdAt: this.clock.now() });
    const statements = [
      ...open.filter((s) => s.initialized).map((s) => this.lmsStatement('abandoned', actor, item.activityId ?? item.id, registration, s.id)),
      this.lmsStatement('launched', actor, item.activityId ?? item.id, registration, session.id, {
        context: {
          registration,
          extensions: { [CMI5_SESSION_EXTENSION]: session.id, 'https://w3id.org/xapi/cmi5/context/extensions/launchmode': app.mode, 'https://w3id.org/xapi/cmi5/context/extensions/moveon': item.moveOn ?? 'NotApplicable' },
          contextActivities: { category: [{ id: CMI5_CATEGORY }] },
        },
      }),
    ];
    await this.xapi.post(CMI5_CLIENT, 'application/json', statements, {});
    const launchData: Json = {
      contextTemplate: { extensions: { [CMI5_SESSION_EXTENSION]: session.id }, contextActivities: { grouping: [{ objectType: 'Activity', id: pkg.identifier }] } },
      launchMode: app.mode,
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
    const base = item.launch!.startsWith('http') ? item.launch! : this.packagesService.contentUrl(pkg.id, item.launch!);
    const url = new URL(base);
    url.searchParams.set('endpoint', `${app.origin}/api/xapi/`);
    url.searchParams.set('fetch', `${app.origin}/api/xapi/cmi5/fetch/${token}`);
    url.searchParams.set('actor', JSON.stringify(actor));
    url.searchParams.set('registration', registration);
    url.searchParams.set('activityId', item.activityId ?? item.id);
    return { itemId: item.id, sessionId: session.id, url: url.toString(), launchMethod: item.launchMethod ?? 'AnyWindow', launchMode: app.mode };
  }

  /** The fetch URL: the credentials of the session, once (cmi5 §8.2). */
  async fetch(token: string): Promise<{ status: number; body: Json }> {
    const secret = randomBytes(24).toString('base64url');
    const wellFormed = /^[\w-]{10,100}$/.test(token);
    // A token is spent once, and only within CMI5_FETCH_TOKEN_MINUTES of its launch (cmi5 §8.2.3: error 2, expired).
    const issuedAfter = new Date(this.clock.now().getTime() - this.config.cmi5.fetchTokenMinutes * 60_000);
    const session = wellFormed ? await this.packages.spendFetchToken(sha256(token), sha256(secret), issuedAfter) : null;
    if (!session && wellFormed && (await this.packages.fetchTokenExpired(sha256(token), issuedAfter))) {
      return {
        status: 401,
        body: {
          'error-code': '2',
          'error-text': 'Expired',
          statusCode: 401,
          code: 'CMI5_FETCH_EXPIRED',
          message: `Mã khởi chạy cmi5 đã hết hạn (chỉ dùng được trong ${this.config.cmi5.fetchTokenMinutes} phút); hãy mở lại bài giảng để có mã mới.`,
        },
      };
    }
    if (!session) {
      const used = wellFormed && (await this.packages.fetchTokenUsed(sha256(token)));
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
    statements.push(...this.blocksSatisfied(ctx.pkg, byItem, ctx.state.activityId, ctx.actor, ctx.session.registration, ctx.session.id));
    await this.xapi.post(CMI5_CLIENT, 'application/json', statements, {});
    await this.completeIfAllSatisfied(ctx.session.personId, ctx.pkg, rows);
  }

  /** Every AU satisfied (moveOn met, or waived): the lesson is completed, with the AUs' scores as its result. */
  private async completeIfAllSatisfied(personId: string, pkg: LearningPackage, rows: PackageRuntime[]): Promise<void> {
    const byItem = new Map(rows.map((r) => [r.itemId, r]));
    const all = pkg.structure.items.filter((i) => i.launch).every((i) => auSatisfied(i, byItem.get(i.id)));
    if (all) await this.enrolments.progressOf(personId, pkg.lessonId, { completed: true }, attemptResult(pkg.structure, rows));
  }

  /**
   * "satisfied" for each block (and the course) that the change to `changedAu` made satisfied: all AUs below it are
   * (cmi5 §9.3.9 / §10.2.4: a block is satisfied when all of its AUs and blocks are).
   */
  private blocksSatisfied(pkg: LearningPackage, byItem: Map<string, PackageRuntime>, changedAu: string, actor: Json, registration: string, sessionId: string): Json[] {
    const items = pkg.structure.items;
    const changed = items.find((i) => (i.activityId ?? i.id) === changedAu);
    const below = (blockId: string | undefined): PackageItem[] => {
      const start = blockId ? items.findIndex((i) => i.id === blockId) : -1;
      const depth = blockId ? items[start].depth : -1;
      const out: PackageItem[] = [];
      for (let i = start + 1; i < items.length && items[i].depth > depth; i++) out.push(items[i]);
      return out;
    };
    const out: Json[] = [];
    // The blocks above the changed AU (those before it, at a smaller depth, nearest first), then the course.
    const at = changed ? items.indexOf(changed) : -1;
    let depth = changed?.depth ?? 0;
    for (let i = at - 1; i >= 0; i--) {
      if (items[i].launch || items[i].depth >= depth) continue;
      depth = items[i].depth;
      const aus = below(items[i].id).filter((x) => x.launch);
      if (aus.length && aus.every((x) => auSatisfied(x, byItem.get(x.id)))) out.push(this.lmsStatement('satisfied', actor, items[i].id, registration, sessionId));
    }
    if (items.filter((i) => i.launch).every((i) => auSatisfied(i, byItem.get(i.id)))) out.push(this.lmsStatement('satisfied', actor, pkg.identifier, registration, sessionId));
    return out;
  }

  /**
   * An officer or coordinator waives an AU for a person in their scope (cmi5 §9.3.9 "waived": the LMS determined
   * that the AU is satisfied by other means — e.g. the person did the equivalent training elsewhere). The LMS writes
   * "waived" with the reason, then "satisfied" for the AU's blocks and the course that it completes, and the lesson
   * completes when every AU is satisfied. A waived AU is not waived again; a satisfied one cannot be waived.
   */
  async waive(user: AuthUser, personId: string, lessonId: string, req: { itemId: string; reason: Cmi5WaiveReason; note?: string }): Promise<PackageLaunchItemDto[]> {
    await this.access.requirePerson(user, personId);
    const pkg = await this.packages.findByLesson(lessonId);
    if (!pkg) throw packageNotUploaded();
    if (pkg.standard !== 'cmi5') throw packagesError(PackagesErrorCode.NotWaivable, 'Chỉ miễn được bài (AU) của khóa học cmi5.');
    const item = pkg.structure.items.find((i) => i.id === req.itemId && i.launch);
    if (!item) throw unknownItem();
    const username = await this.packages.usernameOfPerson(personId);
    if (!username) throw packagesError(PackagesErrorCode.NotWaivable, 'Cán bộ này chưa có tài khoản nên chưa ghi được kết quả cmi5.');
    const attempt = await this.packages.latestAttempt(personId, pkg.id);
    const registration = this.registrationOf(personId, pkg.id, attempt);
    const actor = this.actorOf(username);
    const rows = await this.db.transaction(async (tx) => {
      const row = await this.packages.lockRuntime({ personId, packageId: pkg.id, itemId: item.id, attempt }, tx);
      if (row.waivedReason || packageItemDone(pkg, item.id, row)) throw packagesError(PackagesErrorCode.NotWaivable, 'Bài này đã đạt yêu cầu (hoặc đã được miễn) với cán bộ này.');
      row.waivedReason = req.reason;
      row.seq += 1;
      row.updatedAt = this.clock.now();
      await this.packages.saveRuntime(row, tx);
      await this.audit.record(
        user,
        { action: AuditAction.Update, entityType: 'person', entityId: personId, summary: `Miễn bài "${item.title}" (cmi5, lý do: ${req.reason})${req.note ? `: ${req.note}` : ''}` },
        tx,
      );
      return this.packages.runtimes(personId, pkg.id, attempt, tx);
    });
    const byItem = new Map(rows.map((r) => [r.itemId, r]));
    const sessionId = randomUUID();
    const activityId = item.activityId ?? item.id;
    const waived = this.lmsStatement('waived', actor, activityId, registration, sessionId, {
      result: { success: true, completion: true, extensions: { 'https://w3id.org/xapi/cmi5/result/extensions/reason': req.reason } },
    });
    (waived.context as Json).contextActivities = { category: [{ id: CMI5_CATEGORY }, { id: CMI5_MOVEON_CATEGORY }] };
    await this.xapi.post(CMI5_CLIENT, 'application/json', [waived, this.lmsStatement('satisfied', actor, activityId, registration, sessionId), ...this.blocksSatisfied(pkg, byItem, activityId, actor, registration, sessionId)], {});
    await this.completeIfAllSatisfied(personId, pkg, rows);
    return pkg.structure.items.filter((i) => i.launch).map((i) => auItemDto(i, byItem.get(i.id)));
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
