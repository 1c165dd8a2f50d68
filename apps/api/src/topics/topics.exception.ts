import { HttpStatus } from '@nestjs/common';
import { errorFactory } from '@api/common/errors';

export enum TopicsErrorCode {
  NotFound = 'TOPIC_NOT_FOUND',
  CodeTaken = 'TOPIC_CODE_TAKEN',
}

export const topicsError = errorFactory<TopicsErrorCode>({
  [TopicsErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [TopicsErrorCode.CodeTaken]: HttpStatus.CONFLICT,
});

export const topicNotFound = (message = 'Không tìm thấy chủ đề.') => topicsError(TopicsErrorCode.NotFound, message);
