import { AppException } from '@api/common/errors';

export enum QuestionBankErrorCode {
  NotFound = 'QUESTION_NOT_FOUND',
  TopicNotFound = 'TOPIC_NOT_FOUND',
  Invalid = 'QUESTION_INVALID',
  VersionConflict = 'QUESTION_VERSION_CONFLICT',
  StatusUnchanged = 'QUESTION_STATUS_UNCHANGED',
  SomeNotFound = 'QUESTIONS_NOT_FOUND',
  ImportHasErrors = 'IMPORT_HAS_ERRORS',
  FileRequired = 'FILE_REQUIRED',
  FileUnreadable = 'FILE_UNREADABLE',
  FileTooLarge = 'FILE_TOO_LARGE',
}

export class QuestionBankException extends AppException {
  constructor(status: number, code: QuestionBankErrorCode, message: string, details?: unknown) {
    super(status, code, message, details);
  }
}

export const questionNotFound = () => new QuestionBankException(404, QuestionBankErrorCode.NotFound, 'Không tìm thấy câu hỏi.');
