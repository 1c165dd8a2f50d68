import { HttpStatus } from '@nestjs/common';
import { errorFactory } from '@api/common/errors';

export enum CoverageErrorCode {
  UnitNotFound = 'UNIT_NOT_FOUND',
  YearOutOfRange = 'YEAR_OUT_OF_RANGE',
}

export const coverageError = errorFactory<CoverageErrorCode>({
  [CoverageErrorCode.UnitNotFound]: HttpStatus.NOT_FOUND,
  [CoverageErrorCode.YearOutOfRange]: HttpStatus.BAD_REQUEST,
});

