import { HttpStatus } from '@nestjs/common';
import { errorFactory } from '@api/common/errors';

export enum CoverageErrorCode {
  UnitNotFound = 'UNIT_NOT_FOUND',
  YearOutOfRange = 'YEAR_OUT_OF_RANGE',
  /** A province's target asked for at a unit of another province. */
  TargetOtherProvince = 'TARGET_OTHER_PROVINCE',
}

export const coverageError = errorFactory<CoverageErrorCode>({
  [CoverageErrorCode.UnitNotFound]: HttpStatus.NOT_FOUND,
  [CoverageErrorCode.YearOutOfRange]: HttpStatus.BAD_REQUEST,
  [CoverageErrorCode.TargetOtherProvince]: HttpStatus.BAD_REQUEST,
});

