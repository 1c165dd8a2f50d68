import { HttpStatus } from '@nestjs/common';
import { errorFactory } from '@api/common/errors';

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

export const libraryError = errorFactory<LibraryErrorCode>({
  [LibraryErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [LibraryErrorCode.FileRequired]: HttpStatus.BAD_REQUEST,
  [LibraryErrorCode.FileTooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [LibraryErrorCode.FileTypeNotAllowed]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [LibraryErrorCode.FileContentMismatch]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [LibraryErrorCode.FileEmpty]: HttpStatus.BAD_REQUEST,
  [LibraryErrorCode.FileUnreadable]: HttpStatus.BAD_REQUEST,
  [LibraryErrorCode.BadUpload]: HttpStatus.BAD_REQUEST,
  [LibraryErrorCode.TopicNotFound]: HttpStatus.NOT_FOUND,
  [LibraryErrorCode.ReplacementNotFound]: HttpStatus.NOT_FOUND,
  [LibraryErrorCode.ReplacementInvalid]: HttpStatus.BAD_REQUEST,
});

export const documentNotFound = () => libraryError(LibraryErrorCode.NotFound, 'Không tìm thấy tài liệu.');
