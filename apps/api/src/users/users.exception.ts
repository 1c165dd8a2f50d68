import { HttpStatus } from '@nestjs/common';
import { errorFactory } from '@api/common/errors';

export enum UsersErrorCode {
  UserUnitRequired = 'USER_UNIT_REQUIRED',
  AuthWeakPassword = 'AUTH_WEAK_PASSWORD',
  UserCannotDisableSelf = 'USER_CANNOT_DISABLE_SELF',
  UsernameTaken = 'USERNAME_TAKEN',
  UnitNotFound = 'UNIT_NOT_FOUND',
  UserNotFound = 'USER_NOT_FOUND',
}

export const usersError = errorFactory<UsersErrorCode>({
  [UsersErrorCode.UserUnitRequired]: HttpStatus.BAD_REQUEST,
  [UsersErrorCode.AuthWeakPassword]: HttpStatus.BAD_REQUEST,
  [UsersErrorCode.UserCannotDisableSelf]: HttpStatus.BAD_REQUEST,
  [UsersErrorCode.UsernameTaken]: HttpStatus.CONFLICT,
  [UsersErrorCode.UnitNotFound]: HttpStatus.NOT_FOUND,
  [UsersErrorCode.UserNotFound]: HttpStatus.NOT_FOUND,
});

