import { HttpStatus } from '@nestjs/common';
import { errorFactory } from '@api/common/errors';

export enum PeopleErrorCode {
  NotFound = 'PERSON_NOT_FOUND',
  StaffCodeTaken = 'STAFF_CODE_TAKEN',
  UnitInactive = 'UNIT_INACTIVE',
  SameUnit = 'TRANSFER_SAME_UNIT',
  SameStatus = 'STATUS_UNCHANGED',
  DateBeforeCurrent = 'EFFECTIVE_DATE_TOO_EARLY',
  DateInFuture = 'EFFECTIVE_DATE_IN_FUTURE',
  ImportHasErrors = 'IMPORT_HAS_ERRORS',
  NothingToUpdate = 'NOTHING_TO_UPDATE',
  BirthDateOutOfRange = 'DATE_OF_BIRTH_OUT_OF_RANGE',
  CrossProvince = 'TRANSFER_CROSS_PROVINCE',
  FileRequired = 'FILE_REQUIRED',
  FileTooLarge = 'FILE_TOO_LARGE',
}

export const peopleError = errorFactory<PeopleErrorCode>({
  [PeopleErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [PeopleErrorCode.StaffCodeTaken]: HttpStatus.CONFLICT,
  [PeopleErrorCode.UnitInactive]: HttpStatus.CONFLICT,
  [PeopleErrorCode.SameUnit]: HttpStatus.BAD_REQUEST,
  [PeopleErrorCode.SameStatus]: HttpStatus.BAD_REQUEST,
  [PeopleErrorCode.DateBeforeCurrent]: HttpStatus.BAD_REQUEST,
  [PeopleErrorCode.DateInFuture]: HttpStatus.BAD_REQUEST,
  [PeopleErrorCode.ImportHasErrors]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PeopleErrorCode.NothingToUpdate]: HttpStatus.BAD_REQUEST,
  [PeopleErrorCode.BirthDateOutOfRange]: HttpStatus.BAD_REQUEST,
  [PeopleErrorCode.CrossProvince]: HttpStatus.BAD_REQUEST,
  [PeopleErrorCode.FileRequired]: HttpStatus.BAD_REQUEST,
  [PeopleErrorCode.FileTooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
});

