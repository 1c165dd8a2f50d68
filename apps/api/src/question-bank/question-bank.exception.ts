import { HttpStatus } from '@nestjs/common';
import { errorFactory } from '@api/common/errors';

export enum QuestionBankErrorCode {
  NotFound = 'QUESTION_NOT_FOUND',
  TopicNotFound = 'TOPIC_NOT_FOUND',
  Invalid = 'QUESTION_INVALID',
  TagsInvalid = 'QUESTION_TAGS_INVALID',
  VersionConflict = 'QUESTION_VERSION_CONFLICT',
  StatusUnchanged = 'QUESTION_STATUS_UNCHANGED',
  SomeNotFound = 'QUESTIONS_NOT_FOUND',
  ImportHasErrors = 'IMPORT_HAS_ERRORS',
  FileRequired = 'FILE_REQUIRED',
  FileUnreadable = 'FILE_UNREADABLE',
  FileTooLarge = 'FILE_TOO_LARGE',
  UnsupportedNotConfirmed = 'IMPORT_UNSUPPORTED_NOT_CONFIRMED',
  BadCategoryMapping = 'IMPORT_BAD_CATEGORY_MAPPING',
  ImageNotFound = 'QUESTION_IMAGE_NOT_FOUND',
  ImageInvalid = 'QUESTION_IMAGE_INVALID',
  ImageNotStored = 'QUESTION_IMAGE_NOT_STORED',
}

export const questionBankError = errorFactory<QuestionBankErrorCode>({
  [QuestionBankErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [QuestionBankErrorCode.TopicNotFound]: HttpStatus.NOT_FOUND,
  [QuestionBankErrorCode.Invalid]: HttpStatus.UNPROCESSABLE_ENTITY,
  [QuestionBankErrorCode.TagsInvalid]: HttpStatus.BAD_REQUEST,
  [QuestionBankErrorCode.VersionConflict]: HttpStatus.CONFLICT,
  [QuestionBankErrorCode.StatusUnchanged]: HttpStatus.BAD_REQUEST,
  [QuestionBankErrorCode.SomeNotFound]: HttpStatus.NOT_FOUND,
  [QuestionBankErrorCode.ImportHasErrors]: HttpStatus.UNPROCESSABLE_ENTITY,
  [QuestionBankErrorCode.FileRequired]: HttpStatus.BAD_REQUEST,
  [QuestionBankErrorCode.FileUnreadable]: HttpStatus.BAD_REQUEST,
  [QuestionBankErrorCode.FileTooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [QuestionBankErrorCode.UnsupportedNotConfirmed]: HttpStatus.UNPROCESSABLE_ENTITY,
  [QuestionBankErrorCode.BadCategoryMapping]: HttpStatus.BAD_REQUEST,
  [QuestionBankErrorCode.ImageNotFound]: HttpStatus.NOT_FOUND,
  [QuestionBankErrorCode.ImageInvalid]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [QuestionBankErrorCode.ImageNotStored]: HttpStatus.BAD_REQUEST,
});

export const questionNotFound = () => questionBankError(QuestionBankErrorCode.NotFound, 'Không tìm thấy câu hỏi.');
