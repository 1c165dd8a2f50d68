import { HttpStatus } from '@nestjs/common';
import { errorFactory } from './app.exception';
import { noPersonMessage, Role } from '@cchc/shared';

/** Errors that belong to no single domain: authentication, authorization, scope and malformed input. */
export enum CommonErrorCode {
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  OutOfScope = 'OUT_OF_SCOPE',
  ValidationFailed = 'VALIDATION_FAILED',
  InvalidId = 'INVALID_ID',
  JsonTooDeep = 'JSON_TOO_DEEP',
  /** Signed in with an issued password: only "me", change-password and sign-out until it is changed. */
  PasswordChangeRequired = 'AUTH_PASSWORD_CHANGE_REQUIRED',
  NothingToUpdate = 'NOTHING_TO_UPDATE',
  InvalidValue = 'INVALID_VALUE',
  Duplicate = 'DUPLICATE',
  Referenced = 'REFERENCED',
  ReferenceNotFound = 'REFERENCE_NOT_FOUND',
  Busy = 'CONCURRENT_CHANGE',
  BadUpload = 'BAD_UPLOAD',
}

export const commonError = errorFactory<CommonErrorCode>({
  [CommonErrorCode.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [CommonErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [CommonErrorCode.OutOfScope]: HttpStatus.FORBIDDEN,
  [CommonErrorCode.ValidationFailed]: HttpStatus.BAD_REQUEST,
  [CommonErrorCode.InvalidId]: HttpStatus.BAD_REQUEST,
  [CommonErrorCode.JsonTooDeep]: HttpStatus.BAD_REQUEST,
  [CommonErrorCode.PasswordChangeRequired]: HttpStatus.FORBIDDEN,
  [CommonErrorCode.NothingToUpdate]: HttpStatus.BAD_REQUEST,
  [CommonErrorCode.InvalidValue]: HttpStatus.BAD_REQUEST,
  [CommonErrorCode.Duplicate]: HttpStatus.CONFLICT,
  [CommonErrorCode.Referenced]: HttpStatus.CONFLICT,
  [CommonErrorCode.ReferenceNotFound]: HttpStatus.BAD_REQUEST,
  [CommonErrorCode.Busy]: HttpStatus.CONFLICT,
  [CommonErrorCode.BadUpload]: HttpStatus.BAD_REQUEST,
});

export const unauthenticated = () =>
  commonError(CommonErrorCode.Unauthenticated, 'Phiên đăng nhập không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại.');
export const forbidden = (message = 'Bạn không có quyền thực hiện thao tác này.') => commonError(CommonErrorCode.Forbidden, message);
/** The one "outside your units" error: a unit, person or object whose unit lies outside the caller's scope. */
export const outOfScope = () => commonError(CommonErrorCode.OutOfScope, 'Dữ liệu này thuộc đơn vị nằm ngoài phạm vi quản lý của bạn.');
/**
 * A FORBIDDEN for accounts with no person record, on routes that act on the caller's own person ("Việc học của tôi",
 * taking a test). Who to turn to depends on who asks: a unit officer is the person learners are sent to, so they are
 * never told to contact themselves.
 */
export const noPerson = (user?: { role: Role }) => forbidden(noPersonMessage(user?.role ?? Role.Learner));

/** A field-by-field validation failure; `details` lists `{ field, problems }`. */
export const validationFailed = (text: string, details?: unknown) =>
  commonError(CommonErrorCode.ValidationFailed, `Dữ liệu không hợp lệ — ${text}.`, details);
/** A multipart body that cannot be read (broken boundary, cut off, malformed headers). */
export const badUpload = () => commonError(CommonErrorCode.BadUpload, 'Dữ liệu tải lên không hợp lệ. Vui lòng chọn lại tệp và thử lại.');
