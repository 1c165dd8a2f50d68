import { HttpStatus } from '@nestjs/common';
import { errorFactory } from '@api/common/errors';

export enum QaErrorCode {
  NotFound = 'QUESTION_NOT_FOUND',
  NotAnswered = 'QUESTION_NOT_ANSWERED',
  TopicNotFound = 'TOPIC_NOT_FOUND',
}

export const qaError = errorFactory<QaErrorCode>({
  [QaErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [QaErrorCode.NotAnswered]: HttpStatus.CONFLICT,
  [QaErrorCode.TopicNotFound]: HttpStatus.NOT_FOUND,
});

export const questionNotFound = () => qaError(QaErrorCode.NotFound, 'Không tìm thấy câu hỏi.');
