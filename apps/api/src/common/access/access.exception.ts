import { HttpStatus } from '@nestjs/common';
import { errorFactory } from '@api/common/errors';

export enum AccessErrorCode {
  UnitNotFound = 'UNIT_NOT_FOUND',
  PersonNotFound = 'PERSON_NOT_FOUND',
}

export const accessError = errorFactory<AccessErrorCode>({
  [AccessErrorCode.UnitNotFound]: HttpStatus.NOT_FOUND,
  [AccessErrorCode.PersonNotFound]: HttpStatus.NOT_FOUND,
});

