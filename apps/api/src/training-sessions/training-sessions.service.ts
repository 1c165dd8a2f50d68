import { isId } from '@api/common/validation';
import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as QRCode from 'qrcode';
import { DataSource } from 'typeorm';
import {
  attendanceColumns, AttendanceImportReportDto, AttendanceImportRowDto, AttendanceRowDto, cellText, EvidenceKind, matchAttendanceRow, TrainingSessionDto,
} from '@cchc/shared';
import { AuditAction, AuditService } from '@api/audit';
import { AccessService } from '@api/common/access';
import type { AuthUser } from '@api/common/auth';
import { Clock } from '@api/common/clock';
import { forbidden } from '@api/common/errors';
import { AppSecrets } from '@api/common/settings';
import { APP_CONFIG, type AppConfig } from '@api/config';
import { EvidenceService } from '@api/evidence';
import { TopicsRepository } from '@api/topics';
import { XapiService } from '@api/xapi';
import { readSpreadsheet, SpreadsheetError, spreadsheetError } from '@api/people';
import type { UploadedFile } from '@api/people';
import { AddAttendanceRequest, CreateTrainingSessionRequest } from './dto/training-session.dto';
import { TrainingSessionsRepository } from './training-sessions.repository';
import { trainingSessionsError, TrainingSessionsErrorCode } from './training-sessions.exception';

const QR_TTL_SECONDS = 10 * 60;
const sessionNotFound = () => trainingSessionsError(TrainingSessionsErrorCode.SessionNotFound, 'Không tìm thấy lớp tập huấn.');

/** In-person sessions and their attendance; each attendee becomes training evidence on the session's topic. */
@Injectable()
export class TrainingSessionsService {
  constructor(
    private readonly db: DataSource,
    private readonly repo: TrainingSessionsRepository,
    private readonly access: AccessService,
    private readonly evidence: EvidenceService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly xapi: XapiService,
    private readonly secrets: AppSecrets,
    private readonly topics: TopicsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(user: AuthUser, unitId?: string): Promise<TrainingSessionDto[]> {
    return this.repo.list(await this.access.scopeFor(user, unitId));
  }

  /** The session, if the caller manages its organising unit. */
  async require(user: AuthUser, id: string): Promise<TrainingSessionDto & { unitPath: string }> {
    return (await this.access.requireFound(user, id, (sid) => this.repo.find(sid), sessionNotFound)).found;
  }

  async get(user: AuthUser, id: string): Promise<TrainingSessionDto> {
    const { unitPath: _p, ...s } = await this.require(user, id);
    return s;
  }

  /** Checks what a create or an edit asks for; returns the caller's scope over the organising unit and the units it is for. */
  private async checkRequest(user: AuthUser, req: CreateTrainingSessionRequest): Promise<string[]> {
    const scope = await this.access.requireUnit(user, req.organisingUnitId);
    if (req.endsOn < req.startsOn) throw trainingSessionsError(TrainingSessionsErrorCode.SessionDates, 'Ngày kết thúc phải không trước ngày bắt đầu.');
    if (!(await this.topics.findVisible(req.topicId, await this.access.contentScopeOf(user)))) throw trainingSessionsError(TrainingSessionsErrorCode.TopicNotFound, 'Không tìm thấy chủ đề.');
    const forUnitIds = [...new Set(req.forUnitIds ?? [])];
    const paths = await this.repo.unitPaths(forUnitIds);
    if (paths.length !== forUnitIds.length) throw trainingSessionsError(TrainingSessionsErrorCode.UnitNotFound, 'Không tìm thấy đơn vị được tập huấn.');
    for (const p of paths) this.access.require(scope, { unitPath: p.path });
    return forUnitIds;
  }

  private fields(req: CreateTrainingSessionRequest, forUnitIds: string[]) {
    return { title: req.title, topicId: req.topicId, startsOn: req.startsOn.slice(0, 10), endsOn: req.endsOn.slice(0, 10), place: req.place ?? null, organisingUnitId: req.organisingUnitId, forUnitIds, trainer: req.trainer ?? null, hours: req.hours };
  }

  async create(user: AuthUser, req: CreateTrainingSessionRequest): Promise<TrainingSessionDto> {
    const forUnitIds = await this.checkRequest(user, req);
    const id = await this.db.transaction(async (tx) => {
      const newId = await this.repo.insert({ ...this.fields(req, forUnitIds), createdBy: user.id }, tx);
      await this.audit.record(user, { action: AuditAction.Create, entityType: 'training_session', entityId: newId, summary: `Tạo lớp tập huấn "${req.title}"` }, tx);
      return newId;
    });
    return this.get(user, id);
  }

  /**
   * Edits a session the caller manages (and may move it only to a unit they manage). Attendance already recorded is
   * evidence on the session's topic dated its last day, so those two cannot change once someone attended.
   */
  async update(user: AuthUser, id: string, req: CreateTrainingSessionRequest): Promise<TrainingSessionDto> {
    const current = await this.require(user, id);
    const forUnitIds = await this.checkRequest(user, req);
    const next = this.fields(req, forUnitIds);
    if (current.attendance > 0 && (next.topicId !== current.topicId || next.endsOn !== current.endsOn))
      throw trainingSessionsError(TrainingSessionsErrorCode.SessionHasAttendance, 'Lớp đã có người điểm danh nên không đổi được chủ đề hoặc ngày kết thúc (kết quả đã được tính vào chỉ tiêu).');
    await this.db.transaction(async (tx) => {
      await this.repo.update(id, next, tx);
      await this.audit.record(
        user,
        { action: AuditAction.Update, entityType: 'training_session', entityId: id, summary: `Sửa lớp tập huấn "${req.title}"`, details: { forUnits: forUnitIds.length } },
        tx,
      );
    });
    return this.get(user, id);
  }

  /** Who attended, of the people the caller manages (a session for several communes shows each officer their own). */
  async attendance(user: AuthUser, id: string): Promise<AttendanceRowDto[]> {
    const { scope } = await this.access.requireFound(user, id, (sid) => this.repo.find(sid), sessionNotFound);
    return this.repo.attendance(scope, id);
  }

  private async record(user: AuthUser, session: TrainingSessionDto, personIds: string[], source: 'manual' | 'import' | 'qr'): Promise<number> {
    return this.db.transaction(async (tx) => {
      const added = await this.repo.addAttendance(session.id, personIds, source, user.id, tx);
      // The session's last day, noon in Vietnam: the year of the evidence is the year the session ended.
      const occurredAt = new Date(`${session.endsOn}T12:00:00+07:00`);
      await this.evidence.record(added.map((personId) => ({ personId, topicId: session.topicId, kind: EvidenceKind.Attendance, sourceType: 'session', sourceId: session.id, occurredAt })), tx);
      await this.xapi.recordLearning(added.map((personId) => ({ kind: 'session_attended' as const, personId, sessionId: session.id, sessionTitle: session.title, at: occurredAt })), tx);
      if (source !== 'qr')
        await this.audit.record(user, { action: AuditAction.Update, entityType: 'training_session', entityId: session.id, summary: `Ghi nhận ${added.length} người dự lớp "${session.title}"`, details: { source, added: added.length } }, tx);
      return added.length;
    });
  }

  async addAttendance(user: AuthUser, id: string, req: AddAttendanceRequest): Promise<{ added: number }> {
    const session = await this.require(user, id);
    const scope = await this.access.scopeOf(user);
    const ids = [...new Set(req.personIds)];
    const people = await this.repo.people(ids);
    if (people.length !== ids.length) throw trainingSessionsError(TrainingSessionsErrorCode.PersonNotFound, 'Không tìm thấy cán bộ.');
    for (const p of people) this.access.require(scope, { unitPath: p.path });
    return { added: await this.record(user, session, ids, 'manual') };
  }

  /** Reads the sheet and matches every row; nothing is written. */
  async matchSheet(user: AuthUser, file: UploadedFile): Promise<AttendanceImportReportDto> {
    let content;
    try {
      content = await readSpreadsheet(file.buffer, file.fileName, { maxRows: 5000 });
    } catch (e) {
      if (e instanceof SpreadsheetError) throw spreadsheetError(e.code, e.message);
      throw e;
    }
    const cols = attendanceColumns(content.header);
    if (cols.staffCode < 0 && cols.fullName < 0)
      throw trainingSessionsError(TrainingSessionsErrorCode.AttendanceColumns, 'Không tìm thấy cột "Mã cán bộ" hoặc "Họ và tên" ở dòng tiêu đề của danh sách điểm danh.');
    const candidates = await this.repo.candidates(await this.access.scopeOf(user));
    const seen = new Set<string>();
    const rows: AttendanceImportRowDto[] = content.rows.map((r) => {
      const cell = (i: number) => (i >= 0 ? cellText(r.cells[i]) || null : null);
      const sheetRow = { row: r.row, staffCode: cell(cols.staffCode), fullName: cell(cols.fullName), unitName: cell(cols.unitName) };
      const m = matchAttendanceRow(sheetRow, candidates);
      if (m.status === 'matched') {
        if (seen.has(m.person.id)) return { ...sheetRow, status: 'duplicate', personId: m.person.id, matchedName: m.person.fullName, message: 'Trùng với một dòng phía trên.' };
        seen.add(m.person.id);
        return { ...sheetRow, status: 'matched', personId: m.person.id, matchedName: `${m.person.fullName} — ${m.person.unitName}`, message: null };
      }
      return { ...sheetRow, status: m.status, personId: null, matchedName: null, message: m.message };
    });
    return { committed: false, total: rows.length, matched: rows.filter((r) => r.status === 'matched').length, rows };
  }

  async importSheet(user: AuthUser, id: string, file: UploadedFile, commit: boolean): Promise<AttendanceImportReportDto> {
    const session = await this.require(user, id);
    const report = await this.matchSheet(user, file);
    if (!commit) return report;
    const problems = report.rows.filter((r) => r.status === 'unmatched' || r.status === 'ambiguous');
    if (problems.length)
      throw trainingSessionsError(TrainingSessionsErrorCode.AttendanceUnmatched, `Còn ${problems.length} dòng chưa xác định được người: sửa danh sách rồi tải lại. Chưa ghi nhận dòng nào.`, report);
    await this.record(user, session, report.rows.filter((r) => r.status === 'matched').map((r) => r.personId!), 'import');
    return { ...report, committed: true };
  }

  // ---- QR self check-in: a signed token that lives 10 minutes, shown on screen during the session ----

  async qr(user: AuthUser, id: string): Promise<{ token: string; url: string; dataUrl: string; expiresAt: string }> {
    await this.require(user, id);
    const exp = Math.floor(this.clock.now().getTime() / 1000) + QR_TTL_SECONDS;
    const body = Buffer.from(JSON.stringify({ s: id, e: exp })).toString('base64url');
    const token = `${body}.${createHmac('sha256', this.secrets.checkInKey).update(body).digest('base64url')}`;
    const url = `${this.config.publicUrl}/diem-danh?token=${encodeURIComponent(token)}`;
    return { token, url, dataUrl: await QRCode.toDataURL(url, { margin: 1, width: 320 }), expiresAt: new Date(exp * 1000).toISOString() };
  }

  async checkIn(user: AuthUser, request: { token?: unknown }): Promise<{ sessionTitle: string; added: boolean }> {
    if (!user.personId) throw forbidden('Tài khoản của bạn chưa gắn với hồ sơ cán bộ nên không tự điểm danh được.');
    const invalid = () => trainingSessionsError(TrainingSessionsErrorCode.CheckinTokenInvalid, 'Mã QR không hợp lệ. Hãy quét lại mã đang hiển thị tại lớp.');
    const token = request.token;
    if (typeof token !== 'string' || token.length > 500) throw invalid();
    const [body, sig] = token.split('.');
    if (!body || !sig) throw invalid();
    // Compare the encoded text, not decoded bytes: base64url's last character has spare bits, so a changed character
    // can decode to the same bytes and a tampered token would pass.
    const expected = Buffer.from(createHmac('sha256', this.secrets.checkInKey).update(body).digest('base64url'));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
    let payload: { s?: string; e?: number };
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw invalid();
    }
    if (!payload.s || !payload.e || !isId(payload.s)) throw invalid();
    if (payload.e * 1000 < this.clock.now().getTime()) throw trainingSessionsError(TrainingSessionsErrorCode.CheckinTokenExpired, 'Mã QR đã hết hạn. Hãy quét mã mới đang hiển thị tại lớp.');
    const session = await this.repo.find(payload.s);
    if (!session) throw invalid();
    const added = await this.record(user, session, [user.personId], 'qr');
    return { sessionTitle: session.title, added: added > 0 };
  }
}
