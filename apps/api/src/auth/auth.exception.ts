import { HttpStatus } from '@nestjs/common';
import { errorFactory } from '@api/common/errors';

export enum AuthErrorCode {
  InvalidCredentials = 'AUTH_INVALID_CREDENTIALS',
  Disabled = 'AUTH_DISABLED',
  InvalidRefreshToken = 'AUTH_INVALID_REFRESH_TOKEN',
  WrongCurrentPassword = 'AUTH_WRONG_CURRENT_PASSWORD',
  WeakPassword = 'AUTH_WEAK_PASSWORD',
}

export const authError = errorFactory<AuthErrorCode>({
  [AuthErrorCode.InvalidCredentials]: HttpStatus.UNAUTHORIZED,
  [AuthErrorCode.Disabled]: HttpStatus.FORBIDDEN,
  [AuthErrorCode.InvalidRefreshToken]: HttpStatus.UNAUTHORIZED,
  [AuthErrorCode.WrongCurrentPassword]: HttpStatus.BAD_REQUEST,
  [AuthErrorCode.WeakPassword]: HttpStatus.BAD_REQUEST,
});

/**
 * One answer for an unknown username, a wrong password and a locked account, so nobody can learn which usernames
 * exist or which accounts a guesser has locked; the message still tells a real user what may be going on.
 */
export const invalidCredentials = () =>
  authError(
    AuthErrorCode.InvalidCredentials,
    'Tên đăng nhập hoặc mật khẩu không đúng. Sau 5 lần nhập sai liên tiếp, tài khoản tạm khóa 15 phút.',
  );
export const accountDisabled = () => authError(AuthErrorCode.Disabled, 'Tài khoản đã bị vô hiệu hóa. Vui lòng liên hệ quản trị viên.');
export const invalidRefreshToken = () =>
  authError(AuthErrorCode.InvalidRefreshToken, 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.');
export const weakPassword = (message: string) => authError(AuthErrorCode.WeakPassword, message);
