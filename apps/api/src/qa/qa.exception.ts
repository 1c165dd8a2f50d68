import { AppException } from '@api/common/errors';

export enum QaErrorCode {
  NotFound = 'QUESTION_NOT_FOUND',
  NotYours = 'QUESTION_NOT_YOURS',
  NotAnswered = 'QUESTION_NOT_ANSWERED',
  TopicNotFound = 'TOPIC_NOT_FOUND',
}

export class QaException extends AppException {
  constructor(status: number, code: QaErrorCode, message: string) {
    super(status, code, message);
  }
}

export const questionNotFound = () => new QaException(404, QaErrorCode.NotFound, 'Không tìm thấy câu hỏi.');
