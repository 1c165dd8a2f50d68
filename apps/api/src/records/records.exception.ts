import { HttpStatus } from '@nestjs/common';
import { errorFactory } from '@api/common/errors';

export enum RecordErrorCode {
  PersonNotFound = 'PERSON_NOT_FOUND',
}

export const recordError = errorFactory<RecordErrorCode>({
  [RecordErrorCode.PersonNotFound]: HttpStatus.NOT_FOUND,
});
