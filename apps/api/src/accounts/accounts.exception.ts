import { AppException } from '@api/common/errors';

export enum AccountsErrorCode {
  NobodyToCreate = 'ACCOUNTS_NOBODY_TO_CREATE',
  HasProblems = 'ACCOUNTS_HAVE_PROBLEMS',
  TooMany = 'ACCOUNTS_TOO_MANY',
  ChangedMeanwhile = 'ACCOUNTS_CHANGED_MEANWHILE',
  NoAccount = 'PERSON_HAS_NO_ACCOUNT',
  ResetNotAllowed = 'ACCOUNT_RESET_NOT_ALLOWED',
  HandoutNotFound = 'HANDOUT_NOT_FOUND',
  HandoutGone = 'HANDOUT_ALREADY_TAKEN',
  HandoutKeyInvalid = 'HANDOUT_KEY_INVALID',
}

export class AccountsException extends AppException {
  constructor(status: number, code: AccountsErrorCode, message: string, details?: unknown) {
    super(status, code, message, details);
  }
}
