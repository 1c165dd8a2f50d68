/** Documents of the CCHC library (cơ sở dữ liệu CCHC): legal documents, lectures, data, guides. */
export enum DocumentType {
  LegalDocument = 'legal',
  Lecture = 'lecture',
  Data = 'data',
  Guide = 'guide',
}

export const DOCUMENT_TYPE_LABELS: Record<DocumentType, { vi: string; en: string }> = {
  [DocumentType.LegalDocument]: { vi: 'Văn bản pháp lý', en: 'Legal document' },
  [DocumentType.Lecture]: { vi: 'Bài giảng', en: 'Lecture' },
  [DocumentType.Data]: { vi: 'Số liệu', en: 'Data' },
  [DocumentType.Guide]: { vi: 'Tài liệu hướng dẫn', en: 'Guide' },
};

export enum DocumentStatus {
  InForce = 'in_force',
  Replaced = 'replaced',
}

export const DOCUMENT_STATUS_LABELS: Record<DocumentStatus, { vi: string; en: string }> = {
  [DocumentStatus.InForce]: { vi: 'Còn hiệu lực', en: 'In force' },
  [DocumentStatus.Replaced]: { vi: 'Đã được thay thế', en: 'Replaced' },
};

export interface DocumentRefDto {
  id: string;
  number: string | null;
  title: string;
}

export interface LibraryDocumentDto {
  id: string;
  /** Số ký hiệu, e.g. "1718/QĐ-UBND"; a lecture or a data file may have none. */
  number: string | null;
  title: string;
  issuer: string | null;
  /** YYYY-MM-DD */
  issuedOn: string | null;
  effectiveOn: string | null;
  topic: { id: string; code: string; name: string } | null;
  type: DocumentType;
  status: DocumentStatus;
  replacedBy: DocumentRefDto | null;
  /** Documents this one replaced. */
  replaces: DocumentRefDto[];
  summary: string | null;
  fileName: string;
  format: string;
  contentType: string;
  size: number;
  /** Whether words inside the file itself can be searched (text was extracted from it). */
  textIndexed: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface LibrarySearchItemDto extends Omit<LibraryDocumentDto, 'replaces'> {
  /** A short passage of the file's text around the first word searched for, when the match is inside the file. */
  snippet: string | null;
}

export interface LibrarySearchPage {
  items: LibrarySearchItemDto[];
  total: number;
  page: number;
  pageSize: number;
}
