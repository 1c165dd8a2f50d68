import { Injectable, Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import {
  DOCUMENT_FORMAT_INFO,
  DOCUMENT_TYPE_LABELS,
  DocumentStatus,
  LibraryDocumentDto,
  LibrarySearchPage,
  detectDocumentFormat,
  searchSnippet,
  searchTerms,
  toSearchText,
  toPhraseTsQuery,
  toTsQuery,
} from '@cchc/shared';
import { AccessService } from '@api/common/access';
import type { AuthUser } from '@api/common/auth';
import { AuditAction, AuditService } from '@api/audit';
import { FileStorage } from '@api/storage';
import { TopicsRepository } from '@api/topics';
import { CreateDocumentRequest, DocumentRow, LibrarySearchQuery, mapDocument, mapSearchItem, UpdateDocumentRequest } from './dto/library.dto';
import { documentNotFound, libraryError, LibraryErrorCode } from './library.exception';
import { LibraryRepository, NewDocument } from './library.repository';
import { extractText, UnreadableFileError } from './text-extraction';

/** The folded file text indexed for search; PostgreSQL's tsvector holds at most 1 MB. */
const MAX_SEARCH_BODY_CHARS = 600_000;

export interface UploadedDocumentFile {
  fileName: string;
  content: Buffer;
}

/** A file name as stored and sent back: the base name only, NFC, without control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (cleaned.length <= 200) return cleaned || 'tai-lieu';
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, 200 - ext.length) + ext;
}

/** The folded metadata words: the heavier-weighted part of a document's search vector. */
export function searchHead(d: { number?: string | null; title: string; issuer?: string | null; summary?: string | null; topicName?: string | null }): string {
  return toSearchText([d.number, d.title, d.issuer, d.summary, d.topicName].filter(Boolean).join(' '));
}

/** The folded text of the file, cut to what a tsvector can hold. */
export function searchBody(text: string | null): string {
  return text ? toSearchText(text).slice(0, MAX_SEARCH_BODY_CHARS) : '';
}

/** The CCHC document library: upload with metadata, full-text search with or without diacritics, replaced documents. */
@Injectable()
export class LibraryService {
  private readonly logger = new Logger(LibraryService.name);

  constructor(
    private readonly db: DataSource,
    private readonly documents: LibraryRepository,
    private readonly topics: TopicsRepository,
    private readonly access: AccessService,
    private readonly storage: FileStorage,
    private readonly audit: AuditService,
  ) {}

  async search(query: LibrarySearchQuery): Promise<LibrarySearchPage> {
    const terms = searchTerms(query.q);
    const topicIds = query.topicId ? await this.topics.withDescendants(query.topicId) : null;
    const { rows, total } = await this.documents.search({
      tsQuery: toTsQuery(terms),
      headTsQuery: toTsQuery(terms, 'A'),
      phraseTsQuery: toPhraseTsQuery(terms),
      topicIds,
      type: query.type,
      status: query.status,
      year: query.year,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return {
      items: rows.map((r) => mapSearchItem(r, this.snippetFor(r, terms))),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** A passage of the file's text only when the title and number alone do not explain the match. */
  private snippetFor(row: DocumentRow & { contentText: string | null }, terms: string[]): string | null {
    if (!terms.length || !row.contentText) return null;
    const head = ` ${searchHead({ ...row })} `;
    const unexplained = terms.filter((t) => !head.includes(` ${t}`));
    return unexplained.length ? searchSnippet(row.contentText, unexplained) : null;
  }

  async get(id: string): Promise<LibraryDocumentDto> {
    const row = await this.require(id);
    return mapDocument(row, await this.documents.findReplacedBy(id));
  }

  private async require(id: string, manager?: EntityManager): Promise<DocumentRow> {
    const row = await this.documents.findById(id, manager);
    if (!row) throw documentNotFound();
    return row;
  }

  async openFile(id: string): Promise<{ row: DocumentRow; stream: Readable }> {
    const row = await this.require(id);
    if ((await this.storage.size(row.fileKey)) === null) {
      this.logger.error(`library document ${id}: file ${row.fileKey} is missing from storage`);
      throw libraryError(LibraryErrorCode.NotFound, 'Không tìm thấy tệp của tài liệu này. Vui lòng báo quản trị hệ thống.');
    }
    return { row, stream: await this.storage.open(row.fileKey) };
  }

  /**
   * Checks the file by content, extracts its text, stores it, then writes the row. The file is written first (the
   * row needs its key) and removed again if the row cannot be written, so a refused upload leaves nothing behind.
   */
  async create(user: AuthUser, req: CreateDocumentRequest, file: UploadedDocumentFile): Promise<LibraryDocumentDto> {
    const fileName = cleanFileName(file.fileName);
    const check = detectDocumentFormat(fileName, file.content);
    if (!check.ok) {
      if (check.reason === 'extension')
        throw libraryError(LibraryErrorCode.FileTypeNotAllowed, `Không nhận tệp "${fileName}": chỉ nhận tài liệu PDF, Word (DOC, DOCX), Excel (XLS, XLSX), PowerPoint (PPT, PPTX) hoặc văn bản (TXT).`,
        );
      if (check.reason === 'empty') throw libraryError(LibraryErrorCode.FileEmpty, `Tệp "${fileName}" rỗng, không có nội dung.`);
      throw libraryError(LibraryErrorCode.FileContentMismatch, `Nội dung tệp "${fileName}" không phải là tệp ${fileName.split('.').pop()!.toUpperCase()} thật (có thể tệp bị đổi tên hoặc bị hỏng). Vui lòng chọn đúng tệp tài liệu.`,
      );
    }
    let text: string | null;
    try {
      text = await extractText(check.format, file.content);
    } catch (e) {
      if (e instanceof UnreadableFileError)
        throw libraryError(LibraryErrorCode.FileUnreadable, `Không đọc được tệp PDF "${fileName}": tệp bị hỏng hoặc được bảo vệ bằng mật khẩu.`);
      throw e;
    }
    if (req.topicId && !(await this.topics.findVisible(req.topicId, await this.access.contentScopeOf(user))))
      throw libraryError(LibraryErrorCode.TopicNotFound, 'Không tìm thấy lĩnh vực (chủ đề) đã chọn.');

    const stored = await this.storage.put(file.content, fileName);
    try {
      const id = await this.db.transaction(async (tx) => {
        const topicName = req.topicId ? ((await this.topics.findById(req.topicId, tx))?.name ?? null) : null;
        const doc: NewDocument = {
          number: req.number ?? null,
          title: req.title,
          issuer: req.issuer ?? null,
          issuedOn: req.issuedOn ?? null,
          effectiveOn: req.effectiveOn ?? null,
          topicId: req.topicId ?? null,
          type: req.type,
          status: DocumentStatus.InForce,
          replacedById: null,
          summary: req.summary ?? null,
          fileKey: stored.key,
          fileName,
          format: check.format,
          contentType: DOCUMENT_FORMAT_INFO[check.format].contentType,
          size: stored.size,
          sha256: stored.sha256,
          contentText: text ?? '',
          searchHead: searchHead({ ...req, topicName }),
          searchBody: searchBody(text),
          createdBy: user.id,
        };
        const newId = await this.documents.insert(doc, tx);
        await this.audit.record(
          user,
          {
            action: AuditAction.Create,
            entityType: 'library_document',
            entityId: newId,
            summary: `Tải lên tài liệu "${[req.number, req.title].filter(Boolean).join(' — ')}" (${DOCUMENT_TYPE_LABELS[req.type].vi}, ${fileName})`,
            details: { fileName, format: check.format, size: stored.size },
          },
          tx,
        );
        return newId;
      });
      return this.get(id);
    } catch (e) {
      await this.storage.remove(stored.key).catch(() => undefined);
      throw e;
    }
  }

  async update(user: AuthUser, id: string, req: UpdateDocumentRequest): Promise<LibraryDocumentDto> {
    const before = await this.require(id);
    await this.db.transaction(async (tx) => {
      await this.documents.lock(id, tx);
      const patch: Partial<NewDocument> = {};
      for (const key of ['number', 'title', 'issuer', 'issuedOn', 'effectiveOn', 'type', 'summary'] as const) {
        if (req[key] !== undefined) (patch as Record<string, unknown>)[key] = req[key];
      }
      if (req.topicId !== undefined) {
        if (req.topicId && !(await this.topics.findVisible(req.topicId, await this.access.contentScopeOf(user), tx)))
          throw libraryError(LibraryErrorCode.TopicNotFound, 'Không tìm thấy lĩnh vực (chủ đề) đã chọn.');
        patch.topicId = req.topicId;
      }
      Object.assign(patch, await this.replacementPatch(id, before, req, tx));
      await this.documents.update(id, patch, tx);
      // The metadata words are re-folded from what is now stored, topic name included.
      await this.documents.update(id, { searchHead: searchHead(await this.documents.searchHeadSource(id, tx)) }, tx);
      await this.audit.record(
        user,
        {
          action: patch.status && patch.status !== before.status ? AuditAction.StatusChange : AuditAction.Update,
          entityType: 'library_document',
          entityId: id,
          summary:
            patch.status === DocumentStatus.Replaced && before.status !== DocumentStatus.Replaced
              ? `Đánh dấu tài liệu "${before.number ?? before.title}" đã được thay thế`
              : `Sửa thông tin tài liệu "${before.number ?? before.title}"`,
          details: { ...req },
        },
        tx,
      );
    });
    return this.get(id);
  }

  /** Status and replacing document move together: a replacing document implies "replaced"; "in force" clears it. */
  private async replacementPatch(id: string, before: DocumentRow, req: UpdateDocumentRequest, tx: EntityManager): Promise<Partial<NewDocument>> {
    const status = req.status ?? (req.replacedById ? DocumentStatus.Replaced : before.status);
    if (status === DocumentStatus.InForce) {
      if (req.replacedById)
        throw libraryError(LibraryErrorCode.ReplacementInvalid, 'Tài liệu còn hiệu lực thì không có văn bản thay thế.');
      return req.status || req.replacedById === null ? { status, replacedById: null } : {};
    }
    const replacedById = req.replacedById !== undefined ? req.replacedById : before.replacedById;
    if (replacedById && replacedById !== before.replacedById) {
      if (replacedById === id)
        throw libraryError(LibraryErrorCode.ReplacementInvalid, 'Một tài liệu không thể thay thế chính nó.');
      if (!(await this.documents.findById(replacedById, tx)))
        throw libraryError(LibraryErrorCode.ReplacementNotFound, 'Không tìm thấy văn bản thay thế trong thư viện.');
      if (await this.documents.wouldLoop(id, replacedById, tx))
        throw libraryError(LibraryErrorCode.ReplacementInvalid, 'Văn bản được chọn lại đang được thay thế bởi tài liệu này; không thể thay thế vòng quanh.');
    }
    return { status, replacedById: replacedById ?? null };
  }

  async remove(user: AuthUser, id: string): Promise<void> {
    const before = await this.require(id);
    await this.db.transaction(async (tx) => {
      await this.documents.delete(id, tx);
      await this.audit.record(
        user,
        { action: 'delete', entityType: 'library_document', entityId: id, summary: `Xóa tài liệu "${[before.number, before.title].filter(Boolean).join(' — ')}" khỏi thư viện`, details: { fileName: before.fileName } },
        tx,
      );
    });
    // After the commit: a failed delete keeps the file its row still points to.
    await this.storage.remove(before.fileKey).catch((e: unknown) => this.logger.warn(`could not remove ${before.fileKey}: ${String(e)}`));
  }
}
