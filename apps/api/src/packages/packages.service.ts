import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import {
  LessonKind,
  PackageCommitRequestDto,
  PackageCommitResultDto,
  PackageLaunchDto,
  PackageLaunchItemDto,
  PackageSummaryDto,
} from '@cchc/shared';
import { AuditAction, AuditService } from '@api/audit';
import type { AuthUser } from '@api/common/auth';
import { Clock } from '@api/common/clock';
import { AppSecrets } from '@api/common/settings';
import { APP_CONFIG, type AppConfig } from '@api/config';
import { CoursesRepository, lessonNotFound } from '@api/courses';
import { EnrolmentsService } from '@api/enrolments';
import { FileStorage } from '@api/storage';
import { PackageProblem, parseCmi5Course, parseScormManifest, type PackageStructure } from './manifest';
import { LearningPackage, PackageRuntime } from './package.entity';
import { LEGACY_NAME_ENCODINGS, type LegacyNameEncoding, type PackageEntry, PackageZip } from './package-zip';
import { contentNotFound, noManifest, packageNotUploaded, packageRefused, packagesError, PackagesErrorCode, unknownItem, wrongLessonKind } from './packages.exception';
import { PackagesRepository } from './packages.repository';
import { moveOnSatisfied } from './cmi5-rules';
import { itemDone, keepProgress, resumeValues, type RuntimeSummary, summariseCmi } from './runtime-data';

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
    private readonly audit: AuditService,
    private readonly secrets: AppSecrets,
    private readonly clock: Clock,
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
      const oldKeys = await this.db.transaction(async (tx) => {
        const old = await this.packages.lockByLesson(lessonId, tx);
        const keys = old ? await this.packages.fileKeys(old.id, tx) : [];
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
        return keys;
      });
      stored.length = 0; // committed: the files now belong to the package
      await this.removeFiles(oldKeys);
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

  /** The content origin for a page served at `pageOrigin` (CONTENT_ORIGIN, else the same host on CONTENT_PORT). */
  contentOrigin(page: { protocol: string; hostname: string }): string {
    if (this.config.content.origin) return this.config.content.origin;
    const host = page.hostname.includes(':') && !page.hostname.startsWith('[') ? `[${page.hostname}]` : page.hostname;
    return `${page.protocol}://${host}:${this.config.content.port}`;
  }

  async launch(user: AuthUser, lessonId: string, page: { protocol: string; hostname: string }): Promise<PackageLaunchDto> {
    // The enrolments domain decides who may open the lesson (published course, or an author's preview).
    const lesson = await this.enrolments.lesson(user, lessonId);
    const pkg = await this.requirePackage(lessonId);
    const personId = user.personId;
    let attempt = 1;
    let rows: PackageRuntime[] = [];
    if (personId) {
      attempt = await this.packages.latestAttempt(personId, pkg.id);
      await this.packages.foldUnfinishedSessions(personId, pkg.id);
      rows = await this.packages.runtimes(personId, pkg.id, attempt);
    }
    const byItem = new Map(rows.map((r) => [r.itemId, r]));
    const learner = { id: personId ?? user.id, name: user.displayName ?? user.username };
    const items: PackageLaunchItemDto[] = pkg.structure.items.map((item) => {
      const row = byItem.get(item.id);
      const stored = row ? { ...summaryOf(row), totalSeconds: row.totalSeconds } : null;
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
      };
    });
    const launchable = items.filter((i) => i.launchable);
    const done = (itemId: string, s: Pick<PackageRuntime, 'completion' | 'success'>) => packageItemDone(pkg, itemId, s);
    const recent = [...rows].sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime()).find((r) => !done(r.itemId, r));
    const current = (recent && launchable.find((i) => i.id === recent.itemId)) ?? launchable.find((i) => !done(i.id, i)) ?? launchable[0] ?? null;
    const origin = this.contentOrigin(page);
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
    };
  }

  /** Stores one commit of an item's runtime data; completes the lesson once every item is done. */
  async commit(user: AuthUser, lessonId: string, req: PackageCommitRequestDto): Promise<PackageCommitResultDto> {
    const personId = this.enrolments.requirePerson(user);
    const lesson = await this.enrolments.lesson(user, lessonId);
    const pkg = await this.requirePackage(lessonId);
    // cmi5 AUs report through the LRS (statements), not through runtime commits.
    if (pkg.standard === 'cmi5') throw unknownItem();
    const item = pkg.structure.items.find((i) => i.id === req.itemId && i.launch);
    if (!item) throw unknownItem();
    const attempt = await this.packages.latestAttempt(personId, pkg.id);
    if (req.attempt !== attempt) throw packagesError(PackagesErrorCode.UnknownAttempt, 'Lượt học này đã kết thúc; hãy mở lại bài học.');
    const now = this.clock.now();
    const { row, applied } = await this.db.transaction(async (tx) => {
      const row = await this.packages.lockRuntime({ personId, packageId: pkg.id, itemId: item.id, attempt }, tx);
      if (req.seq <= row.seq) return { row, applied: false };
      const before = row.seq > 0 ? summaryOf(row) : null;
      const summary = keepProgress(before, summariseCmi(pkg.standard, req.cmi));
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
      return { row, applied: true };
    });
    let lessonCompleted = lesson.completed;
    let courseCompletedNow = false;
    if (!lessonCompleted && applied && itemDone(row)) {
      const rows = await this.packages.runtimes(personId, pkg.id, attempt);
      const done = new Set(rows.filter((r) => itemDone(r)).map((r) => r.itemId));
      if (pkg.structure.items.every((i) => !i.launch || done.has(i.id))) {
        const result = await this.enrolments.progress(user, lessonId, { completed: true });
        lessonCompleted = result.completed;
        courseCompletedNow = result.courseCompletedNow;
      }
    }
    return { itemId: item.id, completion: row.completion, success: row.success, scoreScaled: row.scoreScaled, applied, lessonCompleted, courseCompletedNow };
  }

  /** A package file's URL on the content origin (a fresh signed path). */
  contentUrl(packageId: string, path: string, page: { protocol: string; hostname: string }): string {
    return `${this.contentOrigin(page)}/p/${this.contentToken(packageId)}/${path.split('?')[0].split('/').map(encodeURIComponent).join('/')}${path.includes('?') ? path.slice(path.indexOf('?')) : ''}`;
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
export function packageItemDone(pkg: LearningPackage, itemId: string, s: Pick<PackageRuntime, 'completion' | 'success'>): boolean {
  if (pkg.standard !== 'cmi5') return itemDone(s);
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
