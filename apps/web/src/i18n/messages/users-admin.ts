import { addVietnamese } from '../vi';

/** Texts of the users page's disable/enable action. Loaded on demand with that page (see coverage-forms.ts). */
export const usersAdminVi = {
  'users.disable': 'Vô hiệu hóa',
  'users.enable': 'Kích hoạt lại',
  'users.disabled': 'Đã vô hiệu hóa',
  'users.disableTitle': 'Vô hiệu hóa tài khoản “{username}”?',
  'users.disableHelp': 'Người dùng bị đăng xuất ngay trên mọi thiết bị và không đăng nhập được nữa cho đến khi tài khoản được kích hoạt lại. Kết quả học tập và kiểm tra của họ được giữ nguyên.',
  'users.enableTitle': 'Kích hoạt lại tài khoản “{username}”?',
  'users.enableHelp': 'Người dùng đăng nhập lại được bằng mật khẩu hiện có.',
  'users.disabledDone': 'Đã vô hiệu hóa tài khoản “{username}”.',
  'users.enabledDone': 'Đã kích hoạt lại tài khoản “{username}”.',
} as const;

addVietnamese(usersAdminVi);
