import { AppException } from '@api/common/errors';

export enum AuthErrorCode {
  InvalidCredentials = 'AUTH_INVALID_CREDENTIALS',
  Locked = 'AUTH_LOCKED',
  Disabled = 'AUTH_DISABLED',
  InvalidRefreshToken = 'AUTH_INVALID_REFRESH_TOKEN',
  WrongCurrentPassword = 'AUTH_WRONG_CURRENT_PASSWORD',
  WeakPassword = 'AUTH_WEAK_PASSWORD',
}

export const invalidCredentials = () =>
  new AppException(401, AuthErrorCode.InvalidCredentials, 'Tên đăng nhập hoặc mật khẩu không đúng.');
export const accountLocked = (minutes: number) =>
  new AppException(423, AuthErrorCode.Locked, `Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau ${minutes} phút hoặc liên hệ quản trị viên.`, { minutes });
export const accountDisabled = () => new AppException(403, AuthErrorCode.Disabled, 'Tài khoản đã bị vô hiệu hóa. Vui lòng liên hệ quản trị viên.');
export const invalidRefreshToken = () =>
  new AppException(401, AuthErrorCode.InvalidRefreshToken, 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.');
export const weakPassword = (message: string) => new AppException(400, AuthErrorCode.WeakPassword, message);
