import { HttpStatus } from '@nestjs/common';
import { errorFactory } from '@api/common/errors';

export enum TrainingSessionsErrorCode {
  FileRequired = 'FILE_REQUIRED',
  FileTooLarge = 'FILE_TOO_LARGE',
  AttendanceUnmatched = 'ATTENDANCE_UNMATCHED',
  SessionNotFound = 'SESSION_NOT_FOUND',
  SessionDates = 'SESSION_DATES',
  TopicNotFound = 'TOPIC_NOT_FOUND',
  UnitNotFound = 'UNIT_NOT_FOUND',
  SessionHasAttendance = 'SESSION_HAS_ATTENDANCE',
  PersonNotFound = 'PERSON_NOT_FOUND',
  AttendanceColumns = 'ATTENDANCE_COLUMNS',
  CheckinTokenInvalid = 'CHECKIN_TOKEN_INVALID',
  CheckinTokenExpired = 'CHECKIN_TOKEN_EXPIRED',
}

export const trainingSessionsError = errorFactory<TrainingSessionsErrorCode>({
  [TrainingSessionsErrorCode.FileRequired]: HttpStatus.BAD_REQUEST,
  [TrainingSessionsErrorCode.FileTooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [TrainingSessionsErrorCode.AttendanceUnmatched]: HttpStatus.UNPROCESSABLE_ENTITY,
  [TrainingSessionsErrorCode.SessionNotFound]: HttpStatus.NOT_FOUND,
  [TrainingSessionsErrorCode.SessionDates]: HttpStatus.BAD_REQUEST,
  [TrainingSessionsErrorCode.TopicNotFound]: HttpStatus.NOT_FOUND,
  [TrainingSessionsErrorCode.UnitNotFound]: HttpStatus.NOT_FOUND,
  [TrainingSessionsErrorCode.SessionHasAttendance]: HttpStatus.CONFLICT,
  [TrainingSessionsErrorCode.PersonNotFound]: HttpStatus.NOT_FOUND,
  [TrainingSessionsErrorCode.AttendanceColumns]: HttpStatus.BAD_REQUEST,
  [TrainingSessionsErrorCode.CheckinTokenInvalid]: HttpStatus.BAD_REQUEST,
  [TrainingSessionsErrorCode.CheckinTokenExpired]: HttpStatus.BAD_REQUEST,
});

