import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import {
  LessonKind,
  PackageCommitRequestDto,
  PackageAttemptDto,
  PackageCommitResultDto,
  PackageLaunchDto,
  PackageLessonRecordDto,
  PackageStatusDto,
  PackageLaunchItemDto,
  PackageSummaryDto,
} from '@cchc/shared';
import { AuditAction, AuditService } from '@api/audit';
import { AccessService } from '@api/common/access';
import type { AuthUser } from '@api/common/auth';
import { Clock } from '@api/common/clock';
import { AppSecrets } from '@api/common/settings';
import { APP_CONFIG, type AppConfig, resolvedContentOrigin } from '@api/config';
import { CoursesRepository, lessonNotFound } from '@api/courses';
import { EnrolmentsService } from '@api/enrolments';
import { FileCleanup, FileStorage } from '@api/storage';
import { PackageProblem, parseCmi5Course, parseScormManifest, type PackageStructure } from './manifest';
import { LearningPackage, PackageRuntime } from './package.entity';
import { LEGACY_NAME_ENCODINGS, type LegacyNameEncoding, type PackageEntry, PackageZip } from './package-zip';
import { contentNotFound, noManifest, packageNotUploaded, packageRefused, packagesError, PackagesErrorCode, unknownItem, wrongLessonKind } from './packages.exception';
import { PackagesRepository } from './packages.repository';
import { moveOnSatisfied } from './cmi5-rules';
import { cmiObjectives, interactionViews, itemDone, keepProgress, resumeValues, type RuntimeSummary, summariseCmi } from './runtime-data';
import { type ActivityStatus, attemptFinished, attemptResult, attemptToOpen, availability, type ItemAvailability, packageDone, rollup } from './sequencing';

export interface UploadedPackage {
  fileName: string;
  buffer: Buffer;
}

const CONTENT_LINK_SECONDS = 12 * 3600;

const MIME: Record<string, string> = {
  html: 'text/html; charset=utf-8', htm: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8', json: 'application/json', xml: 'application/xml', txt: 'text/plain; charset=utf-8', svg: 'image/svg+xml',
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', ico: 'image/x-icon', bmp: 'image/bmp',
  mp4: 'video/mp4', webm: 'video/webm', m4v: 'video/mp4', mp3: 'audio/mpeg', m4a: 'audio/mp4', wav: 'audio/wav', ogg: 'audio/ogg', vtt: 'text/vtt',
  woff: 'font/woff', woff2: 'font/woff2', ttf: 'font/ttf', otf: 'font/otf', eot: 'application/vnd.ms-fontobject', pdf: 'application/pdf',
  swf: 'application/x-shockwave-flash', wasm: 'application/wasm', xsd: 'application/xml', dtd: 'application/xml-dtd',
};

export function mimeOf(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return MIME[ext] ?? 'application/octet-stream';
}

/**
 * E-lecture packages: the author uploads a .zip that is checked and extracted into FileStorage; a learner launches
 * it (the player gets a signed content link on the separate content origin) and the runtime's commits are stored
 * per learner, item and attempt. When every item is done the lesson is completed through the enrolments domain.
 */
@Injectable()
export class PackagesService {
  constructor(
    private readonly db: DataSource,
    private readonly packages: PackagesRepository,
    private readonly courses: CoursesRepository,
    private readonly enrolments: EnrolmentsService,
    private readonly storage: FileStorage,
    private readonly cleanup: FileCleanup,
    private readonly audit: AuditService,
    private readonly secrets: AppSecrets,
    private readonly clock: Clock,
    private readonly access: AccessService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async summary(lessonId: string): Promise<PackageSummaryDto | null> {
    const lesson = await this.courses.findLesson(lessonId);
    if (!lesson) throw lessonNotFound();
    const pkg = await this.packages.findByLesson(lessonId);
    return pkg ? mapSummary(pkg) : null;
  }

  /**
   * Checks the archive and its manifest completely before storing anything; stores every file, then swaps the
   * lesson's package in one transaction. Whatever fails, the lesson keeps its previous package and no stored file
   * of the refused one stays behind.
   */
  async upload(user: AuthUser, lessonId: string, file: UploadedPackage): Promise<PackageSummaryDto> {
    const lesson = await this.courses.findLesson(lessonId);
    if (!lesson) throw lessonNotFound();
    if (lesson.kind !== LessonKind.Package) throw wrongLessonKind();
    const zip = await PackageZip.open(file.buffer, { ...this.config.packageLimits, maxRatio: 100 }).catch(refuse);
    const stored: { path: string; fileKey: string; size: number }[] = [];
    try {
      const { structure, files } = await this.readStructure(zip).catch(refuse);
      try {
        for (const [path, entry] of files) {
          const put = await this.storage.put(await zip.stream(entry), path);
          stored.push({ path, fileKey: put.key, size: put.size });
        }
      } catch (e) {
        throw e instanceof PackageProblem ? packageRefused(e) : packagesError(PackagesErrorCode.NotPackage, 'Không giải nén được gói (tệp .zip bị hỏng).');
      }
      const totalBytes = stored.reduce((n, f) => n + f.size, 0);
      await this.db.transaction(async (tx) => {
        const old = await this.packages.lockByLesson(lessonId, tx);
        // Its file rows go with it, and the trigger queues their stored files for removal (file_cleanup).
        if (old) await this.packages.deletePackage(old.id, tx);
        await this.packages.insertPackage(
          {
            lessonId,
            standard: structure.standard,
            title: structure.title.slice(0, 500),
            identifier: structure.identifier.slice(0, 500),
            structure,
            fileName: file.fileName.slice(0, 255),
            fileCount: stored.length,
            totalBytes,
            uploadedBy: user.id,
          },
          stored,
          tx,
        );
        await this.courses.touchCourse(lesson.courseId, tx);
        await this.audit.record(
          user,
          { action: AuditAction.Update, entityType: 'course', entityId: lesson.courseId, summary: `Tải gói bài giảng "${file.fileName}" (${structure.standard}) cho bài "${lesson.title}"` },
          tx,
        );
      });
      stored.length = 0; // committed: the files now belong to the package
      await this.cleanup.drain();
    } finally {
      zip.close();
      await this.removeFiles(stored.map((s) => s.fileKey));
    }
    return (await this.summary(lessonId))!;
  }

  /** Finds the manifest (at the root, or in the archive's single top folder) and reads it, guessing legacy name encodings. */
  private async readStructure(zip: PackageZip): Promise<{ structure: PackageStructure; files: Map<string, PackageEntry> }> {
    const encodings: LegacyNameEncoding[] = zip.hasLegacyNames ? [...LEGACY_NAME_ENCODINGS] : ['cp1258'];
    let firstProblem: PackageProblem | null = null;
    for (const encoding of encodings) {
      const entries = zip.entries(encoding);
      const root = manifestRoot(entries);
      if (root === null) throw noManifest();
      const files = new Map<string, PackageEntry>();
      for (const [path, entry] of entries) if (path.startsWith(root.prefix)) files.set(path.slice(root.prefix.length), entry);
      const xml = (await zip.read(entries.get(root.prefix + root.name)!)).toString('utf8').replace(/^\uFEFF/, '');
      try {
        const structure = root.name === 'cmi5.xml' ? parseCmi5Course(xml, (p) => files.has(p)) : parseScormManifest(xml, (p) => files.has(p));
        return { structure, files };
      } catch (e) {
        if (!(e instanceof PackageProblem) || e.code !== 'PACKAGE_LAUNCH_MISSING') throw e;
        firstProblem ??= e;
      }
    }
    throw firstProblem!;
  }

  private async removeFiles(keys: string[]): Promise<void> {
    for (const key of keys) await this.storage.remove(key).catch(() => undefined);
  }

  private async requirePackage(lessonId: string): Promise<LearningPackage> {
    const pkg = await this.packages.findByLesson(lessonId);
    if (!pkg) throw packageNotUploaded();
    return pkg;
  }

  /** The content origin (CONTENT_ORIGIN, else PUBLIC_URL's host on CONTENT_PORT): the one the app's CSP lets it frame. */
  contentOrigin(): string {
    return resolvedContentOrigin(this.config);
  }

  /**
   * The player's start: the attempt to open (see `attemptToOpen`: an unfinished attempt resumes; after a finished
   * one the next launch, or `startNew`, opens a new attempt and the earlier attempts' data stays), each item's
   * stored data and what sequencing allows now.
   */
  async launch(user: AuthUser, lessonId: string, opts: { startNew?: boolean } = {}): Promise<PackageLaunchDto> {
    // The enrolments domain decides who may open the lesson (published course, or an author's preview).
    const lesson = await this.enrolments.lesson(user, lessonId);
    const pkg = await this.requirePackage(lessonId);
    const personId = user.personId;
    let all: PackageRuntime[] = [];
    let latest = 1;
    if (personId) {
      await this.packages.foldUnfinishedSessions(personId, pkg.id);
      all = await this.packages.allRuntimes(personId, pkg.id);
      latest = all.reduce((n, r) => Math.max(n, r.attempt), 1);
    }
    const latestRows = all.filter((r) => r.attempt === latest);
    const latestFinished = pkg.standard !== 'cmi5' && latestRows.length > 0 && attemptFinished(pkg.structure, this.statuses(pkg, latestRows));
    const mostRecent = [...latestRows].sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())[0];
    const { attempt, isNew } = attemptToOpen({ latest, finished: latestFinished, suspended: mostRecent?.exit === 'suspend', startNew: !!opts.startNew });
    const rows = isNew ? [] : latestRows;
    const statuses = this.statuses(pkg, rows);
    const avail = pkg.standard === 'scorm2004' ? availability(pkg.structure, statuses) : new Map<string, ItemAvailability>();
    const byItem = new Map(rows.map((r) => [r.itemId, r]));
    const learner = { id: personId ?? user.id, name: user.displayName ?? user.username };
    const items: PackageLaunchItemDto[] = pkg.structure.items.map((item) => {
      const row = byItem.get(item.id);
      const stored = row ? { ...summaryOf(row), totalSeconds: row.totalSeconds } : null;
      const a = avail.get(item.id);
      return {
        id: item.id,
        title: item.title,
        depth: item.depth,
        launchable: !!item.launch,
        completion: row?.completion ?? 'not attempted',
        success: row?.success ?? 'unknown',
        scoreScaled: row?.scoreScaled ?? null,
        resume: item.launch ? resumeValues(pkg.standard, item, learner, stored) : {},
        seq: row?.seq ?? 0,
        launch: item.launch,
        disabled: a?.disabled ?? false,
        choosable: a?.choosable ?? true,
        flow: a?.flow ?? true,
        skipped: a?.skipped ?? false,
        reason: a?.reason ?? null,
        ...(pkg.standard === 'cmi5' && row?.waivedReason ? { waived: row.waivedReason } : {}),
      };
    });
    const launchable = items.filter((i) => i.launchable && !i.disabled);
    const done = (itemId: string, s: Pick<PackageRuntime, 'completion' | 'success' | 'waivedReason'>) => packageItemDone(pkg, itemId, s);
    const recent = [...rows].sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime()).find((r) => !done(r.itemId, r));
    const current =
      (recent && launchable.find((i) => i.id === recent.itemId)) ?? launchable.find((i) => !done(i.id, { ...i, waivedReason: null }) && !i.skipped) ?? launchable[0] ?? null;
    const origin = this.contentOrigin();
    const result = lesson.result;
    return {
      lessonId,
      packageId: pkg.id,
      standard: pkg.standard,
      title: pkg.title,
      contentOrigin: origin,
      runtimeUrl: `${origin}/scorm-runtime.html`,
      contentBase: `${origin}/p/${this.contentToken(pkg.id)}/`,
      attempt,
      items,
      currentItemId: current?.id ?? null,
      lessonCompleted: lesson.completed,
      attemptFinished: !isNew && latestFinished,
      attempts: this.attemptsOf(pkg, all),
      ...(pkg.standard === 'cmi5' ? { browseAllowed: this.config.cmi5.browse } : {}),
      lessonResult: lesson.completed ? { completion: 'completed', success: result?.success ?? 'unknown', scoreScaled: result?.scoreScaled ?? null, scoreRaw: result?.scoreRaw ?? null, scoreMin: result?.scoreMin ?? null, scoreMax: result?.scoreMax ?? null } : null,
    };
  }

  /**
   * A person's package lessons for the person themself or an officer/coordinator whose scope reaches them: the
   * lesson's recorded result, every attempt, and the interactions each SCO stored (newest attempt first).
   */
  async personPackages(user: AuthUser, personId: string): Promise<PackageLessonRecordDto[]> {
    const granted = await this.access.requirePerson(user, personId, { allowSelf: true });
    const scope = user.personId === personId ? this.access.ownScope(user) : granted;
    const lessons = await this.packages.personPackageRuntimes(scope, personId);
    return lessons.map(({ lesson, pkg, rows }) => {
      const titles = new Map(pkg.structure.items.map((i) => [i.id, i.title]));
      return {
        lessonId: lesson.lessonId,
        lessonTitle: lesson.lessonTitle,
        courseId: lesson.courseId,
        courseTitle: lesson.courseTitle,
        standard: pkg.standard,
        lessonCompleted: lesson.completed,
        lessonResult: lesson.completed && lesson.result ? { completion: 'completed', ...lesson.result } : null,
        attempts: this.attemptsOf(pkg, rows),
        items: pkg.structure.items
          .filter((i) => i.launch)
          .map((i) => {
            const latest = rows.reduce((n, r) => Math.max(n, r.attempt), 1);
            const r = rows.find((x) => x.itemId === i.id && x.attempt === latest);
            return { id: i.id, title: i.title, completion: r?.completion ?? 'not attempted', success: r?.success ?? 'unknown', scoreScaled: r?.scoreScaled ?? null, ...(r?.waivedReason ? { waived: r.waivedReason } : {}) };
          }),
        interactions: rows.flatMap((r) =>
          interactionViews(pkg.standard, r.interactions ?? []).map((i) => ({ itemId: r.itemId, itemTitle: titles.get(r.itemId) ?? r.itemId, attempt: r.attempt, ...i })),
        ),
      };
    });
  }

  /**
   * The learner's item statuses in the current attempt, cheap to re-read while a cmi5 AU is open: `version` changes
   * whenever a row does, and the controller answers 304 to a matching If-None-Match.
   */
  async status(user: AuthUser, lessonId: string, ifNoneMatch: string | undefined): Promise<{ etag: string; body: PackageStatusDto | null }> {
    const personId = this.enrolments.requirePerson(user);
    const pkg = await this.requirePackage(lessonId);
    const attempt = await this.packages.latestAttempt(personId, pkg.id);
    const etag = `W/"${createHmac('sha256', 'status').update(`${lessonId}.${attempt}.${await this.packages.runtimeVersion(personId, pkg.id, attempt)}`).digest('base64url').slice(0, 22)}"`;
    if (ifNoneMatch && ifNoneMatch.split(',').map((t) => t.trim()).includes(etag)) return { etag, body: null };
    const lesson = await this.enrolments.lesson(user, lessonId);
    const rows = new Map((await this.packages.runtimes(personId, pkg.id, attempt)).map((r) => [r.itemId, r]));
    return {
      etag,
      body: {
        lessonCompleted: lesson.completed,
        items: pkg.structure.items
          .filter((i) => i.launch)
          .map((i) => {
            const r = rows.get(i.id);
            return { id: i.id, completion: r?.completion ?? 'not attempted', success: r?.success ?? 'unknown', scoreScaled: r?.scoreScaled ?? null, ...(r?.waivedReason ? { waived: r.waivedReason } : {}) };
          }),
      },
    };
  }

  /** Each item's status in one attempt, with the objectives the SCO reported (for sequencing). */
  statuses(pkg: LearningPackage, rows: PackageRuntime[]): Map<string, ActivityStatus> {
    return new Map(
      rows.map((r) => [
        r.itemId,
        {
          completion: r.completion,
          success: r.success,
          scoreScaled: r.scoreScaled,
          ...(pkg.standard === 'scorm2004' ? { objectives: cmiObjectives(pkg.standard, r.cmi ?? {}) } : {}),
          waived: !!r.waivedReason,
        },
      ]),
    );
  }

  /** Every attempt's result, newest first. */
  attemptsOf(pkg: LearningPackage, all: PackageRuntime[]): PackageAttemptDto[] {
    const byAttempt = new Map<number, PackageRuntime[]>();
    for (const r of all) byAttempt.set(r.attempt, [...(byAttempt.get(r.attempt) ?? []), r]);
    return [...byAttempt.entries()]
      .sort((a, b) => b[0] - a[0])
      .map(([attempt, rows]) => {
        const statuses = this.statuses(pkg, rows);
        const result = attemptResult(pkg.structure, rows);
        const completion = pkg.standard === 'scorm2004' ? rollup(pkg.structure, statuses).root.completion : packageDone(pkg.structure, statuses) ? 'completed' : 'incomplete';
        const updated = rows.reduce<Date | null>((d, r) => (!d || r.updatedAt > d ? r.updatedAt : d), null);
        return { attempt, finished: pkg.standard !== 'cmi5' && attemptFinished(pkg.structure, statuses), completion, ...result, updatedAt: updated?.toISOString() ?? null };
      });
  }

  /** Stores one commit of an item's runtime data; completes the lesson once the attempt is done (SCORM 2004: by rollup). */
  async commit(user: AuthUser, lessonId: string, req: PackageCommitRequestDto): Promise<PackageCommitResultDto> {
    const personId = this.enrolments.requirePerson(user);
    const lesson = await this.enrolments.lesson(user, lessonId);
    const pkg = await this.requirePackage(lessonId);
    // cmi5 AUs report through the LRS (statements), not through runtime commits.
    if (pkg.standard === 'cmi5') throw unknownItem();
    const item = pkg.structure.items.find((i) => i.id === req.itemId && i.launch);
    if (!item) throw unknownItem();
    const latest = await this.packages.latestAttempt(personId, pkg.id);
    const latestRows = await this.packages.runtimes(personId, pkg.id, latest);
    let attempt = latest;
    // The first commit of a new attempt: allowed once the latest attempt is over (its data stays as it was).
    if (req.attempt === latest + 1 && latestRows.length && attemptFinished(pkg.structure, this.statuses(pkg, latestRows))) attempt = latest + 1;
    else if (req.attempt !== latest) throw packagesError(PackagesErrorCode.UnknownAttempt, 'Lượt học này đã kết thúc; hãy mở lại bài học.');
    const attemptRows = attempt === latest ? latestRows : [];
    if (pkg.standard === 'scorm2004' && !attemptRows.some((r) => r.itemId === item.id) && availability(pkg.structure, this.statuses(pkg, attemptRows)).get(item.id)?.disabled) {
      throw packagesError(PackagesErrorCode.ItemDisabled, 'Phần này chưa mở được: cần hoàn thành các phần trước theo yêu cầu của bài giảng.');
    }
    const now = this.clock.now();
    const { row, applied, before } = await this.db.transaction(async (tx) => {
      const row = await this.packages.lockRuntime({ personId, packageId: pkg.id, itemId: item.id, attempt }, tx);
      const before = { completion: row.completion, success: row.success, scoreScaled: row.scoreScaled };
      if (req.seq <= row.seq) return { row, applied: false, before };
      const previous = row.seq > 0 ? summaryOf(row) : null;
      const summary = keepProgress(previous, summariseCmi(pkg.standard, req.cmi));
      row.seq = req.seq;
      row.completion = summary.completion;
      row.success = summary.success;
      row.scoreScaled = summary.scoreScaled;
      row.scoreRaw = summary.scoreRaw;
      row.scoreMin = summary.scoreMin;
      row.scoreMax = summary.scoreMax;
      row.location = summary.location.slice(0, 1000);
      row.suspendData = summary.suspendData.slice(0, 64_000);
      row.exit = summary.exit.slice(0, 32);
      row.interactions = summary.interactions.slice(0, 500);
      row.cmi = req.cmi;
      row.sessionSeconds = Math.max(row.sessionSeconds, summary.sessionSeconds || (req.elapsedSeconds ?? 0));
      if (req.terminated) {
        row.totalSeconds += row.sessionSeconds;
        row.sessionSeconds = 0;
        row.terminatedAt = now;
      }
      row.updatedAt = now;
      await this.packages.saveRuntime(row, tx);
      return { row, applied: true, before };
    });
    let lessonCompleted = lesson.completed;
    let courseCompletedNow = false;
    if (applied) {
      const rows = [...attemptRows.filter((r) => r.itemId !== item.id), row];
      const nowDone = packageDone(pkg.structure, this.statuses(pkg, rows));
      const wasDone = packageDone(pkg.structure, this.statuses(pkg, [...attemptRows.filter((r) => r.itemId !== item.id), { ...row, ...before } as PackageRuntime]));
      // The attempt just became done: the lesson is completed (once) and keeps the best attempt's result.
      if (nowDone && (!wasDone || !lessonCompleted)) {
        const result = attemptResult(pkg.structure, rows);
        const progress = await this.enrolments.progress(user, lessonId, { completed: true }, result);
        lessonCompleted = progress.completed;
        courseCompletedNow = progress.courseCompletedNow;
      }
    }
    return { itemId: item.id, attempt, completion: row.completion, success: row.success, scoreScaled: row.scoreScaled, applied, lessonCompleted, courseCompletedNow };
  }

  /** A package file's URL on the content origin (a fresh signed path). */
  contentUrl(packageId: string, path: string): string {
    return `${this.contentOrigin()}/p/${this.contentToken(packageId)}/${path.split('?')[0].split('/').map(encodeURIComponent).join('/')}${path.includes('?') ? path.slice(path.indexOf('?')) : ''}`;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secrets.lessonFileSecret).update(`package-content.${payload}`).digest('base64url');
  }

  /** A path segment granting read access to one package's files until it expires (no account behind it). */
  contentToken(packageId: string): string {
    const payload = `${packageId}.${Math.floor(this.clock.now().getTime() / 1000) + CONTENT_LINK_SECONDS}`;
    return `${payload}.${this.sign(payload)}`;
  }

  /** A package file behind a content token; 404 for a bad or expired token or a path the package does not hold. */
  async openContent(token: string, path: string): Promise<{ stream: Readable; size: number; mime: string }> {
    const [packageId, expires, signature] = token.split('.');
    if (!packageId || !expires || !signature || !/^[0-9a-f-]{36}$/i.test(packageId) || !/^\d{1,12}$/.test(expires)) throw contentNotFound();
    const expected = Buffer.from(this.sign(`${packageId}.${expires}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw contentNotFound();
    if (Number(expires) * 1000 < this.clock.now().getTime()) throw contentNotFound();
    const file = await this.packages.findFile(packageId, path.normalize('NFC'));
    if (!file) throw contentNotFound();
    return { stream: await this.storage.open(file.fileKey), size: file.size, mime: mimeOf(path) };
  }
}

/** Done: SCORM passed, or completed without a fail; cmi5 the AU's moveOn criterion. */
export function packageItemDone(pkg: LearningPackage, itemId: string, s: Pick<PackageRuntime, 'completion' | 'success'> & { waivedReason?: string | null }): boolean {
  if (pkg.standard !== 'cmi5') return itemDone(s);
  if (s.waivedReason) return true;
  const item = pkg.structure.items.find((i) => i.id === itemId);
  return moveOnSatisfied(item?.moveOn ?? 'NotApplicable', { completed: s.completion === 'completed', passed: s.success === 'passed' });
}

function refuse(e: unknown): never {
  if (e instanceof PackageProblem) throw packageRefused(e);
  throw e;
}

function summaryOf(row: PackageRuntime): RuntimeSummary {
  return {
    completion: row.completion,
    success: row.success,
    scoreScaled: row.scoreScaled,
    scoreRaw: row.scoreRaw,
    scoreMin: row.scoreMin,
    scoreMax: row.scoreMax,
    location: row.location,
    suspendData: row.suspendData,
    exit: row.exit,
    sessionSeconds: row.sessionSeconds,
    interactions: row.interactions,
  };
}

/** imsmanifest.xml or cmi5.xml at the root, or inside the archive's one top-level folder (authors often zip the folder). */
export function manifestRoot(entries: Map<string, unknown>): { prefix: string; name: 'imsmanifest.xml' | 'cmi5.xml' } | null {
  for (const name of ['cmi5.xml', 'imsmanifest.xml'] as const) if (entries.has(name)) return { prefix: '', name };
  const tops = new Set([...entries.keys()].map((p) => (p.includes('/') ? p.slice(0, p.indexOf('/') + 1) : '')));
  if (tops.size !== 1) return null;
  const [prefix] = [...tops];
  if (!prefix) return null;
  for (const name of ['cmi5.xml', 'imsmanifest.xml'] as const) if (entries.has(prefix + name)) return { prefix, name };
  return null;
}

export function mapSummary(pkg: LearningPackage): PackageSummaryDto {
  return {
    id: pkg.id,
    standard: pkg.standard,
    title: pkg.title,
    fileName: pkg.fileName,
    fileCount: pkg.fileCount,
    totalBytes: pkg.totalBytes,
    items: pkg.structure.items.map((i) => ({ id: i.id, title: i.title, depth: i.depth, launchable: !!i.launch })),
    uploadedAt: pkg.createdAt.toISOString(),
  };
}
