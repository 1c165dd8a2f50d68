import { AppException } from '@api/common/errors';

export enum LibraryErrorCode {
  NotFound = 'DOCUMENT_NOT_FOUND',
  FileRequired = 'FILE_REQUIRED',
  FileTooLarge = 'FILE_TOO_LARGE',
  FileTypeNotAllowed = 'FILE_TYPE_NOT_ALLOWED',
  FileContentMismatch = 'FILE_CONTENT_MISMATCH',
  FileEmpty = 'FILE_EMPTY',
  FileUnreadable = 'FILE_UNREADABLE',
  BadUpload = 'BAD_UPLOAD',
  TopicNotFound = 'TOPIC_NOT_FOUND',
  ReplacementNotFound = 'REPLACEMENT_NOT_FOUND',
  ReplacementInvalid = 'REPLACEMENT_INVALID',
}

export class LibraryException extends AppException {
  constructor(status: number, code: LibraryErrorCode, message: string, details?: unknown) {
    super(status, code, message, details);
  }
}

export const documentNotFound = () => new LibraryException(404, LibraryErrorCode.NotFound, 'Không tìm thấy tài liệu.');
