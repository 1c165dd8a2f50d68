import { AppException } from '@api/common/errors';

export enum PeopleErrorCode {
  NotFound = 'PERSON_NOT_FOUND',
  StaffCodeTaken = 'STAFF_CODE_TAKEN',
  UnitInactive = 'UNIT_INACTIVE',
  SameUnit = 'TRANSFER_SAME_UNIT',
  SameStatus = 'STATUS_UNCHANGED',
  DateBeforeCurrent = 'EFFECTIVE_DATE_TOO_EARLY',
  DateInFuture = 'EFFECTIVE_DATE_IN_FUTURE',
  ImportHasErrors = 'IMPORT_HAS_ERRORS',
  RequiredField = 'REQUIRED_FIELD',
  NothingToUpdate = 'NOTHING_TO_UPDATE',
  BirthDateOutOfRange = 'DATE_OF_BIRTH_OUT_OF_RANGE',
  /** A staff code is unique within a province: a transfer to another province is a leave and a new hire there. */
  CrossProvince = 'TRANSFER_CROSS_PROVINCE',
}

export class PeopleException extends AppException {
  constructor(status: number, code: PeopleErrorCode, message: string, details?: unknown) {
    super(status, code, message, details);
  }
}
