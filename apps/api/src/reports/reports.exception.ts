import { HttpStatus } from '@nestjs/common';
import { errorFactory } from '@api/common/errors';

export enum ReportsErrorCode {
  ReportNoTargets = 'REPORT_NO_TARGETS',
}

export const reportsError = errorFactory<ReportsErrorCode>({
  [ReportsErrorCode.ReportNoTargets]: HttpStatus.BAD_REQUEST,
});

