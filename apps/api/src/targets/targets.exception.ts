import { HttpStatus } from '@nestjs/common';
import { errorFactory } from '@api/common/errors';

export enum TargetsErrorCode {
  TargetNotFound = 'TARGET_NOT_FOUND',
  TargetYears = 'TARGET_YEARS',
  TargetPhases = 'TARGET_PHASES',
  TargetUnitLevels = 'TARGET_UNIT_LEVELS',
  TargetCodeTaken = 'TARGET_CODE_TAKEN',
  TopicNotFound = 'TOPIC_NOT_FOUND',
  UnitNotFound = 'UNIT_NOT_FOUND',
}

export const targetsError = errorFactory<TargetsErrorCode>({
  [TargetsErrorCode.TargetNotFound]: HttpStatus.NOT_FOUND,
  [TargetsErrorCode.TargetYears]: HttpStatus.BAD_REQUEST,
  [TargetsErrorCode.TargetPhases]: HttpStatus.BAD_REQUEST,
  [TargetsErrorCode.TargetUnitLevels]: HttpStatus.BAD_REQUEST,
  [TargetsErrorCode.TargetCodeTaken]: HttpStatus.CONFLICT,
  [TargetsErrorCode.TopicNotFound]: HttpStatus.NOT_FOUND,
  [TargetsErrorCode.UnitNotFound]: HttpStatus.NOT_FOUND,
});

