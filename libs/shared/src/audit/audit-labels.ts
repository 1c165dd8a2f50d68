/** Audit vocabulary with labels, so filters are choices and the log reads in Vietnamese. Other values may appear
 *  as new domains add them; the client shows the raw value then. */
export const AUDIT_ENTITY_TYPE_LABELS: Record<string, { vi: string; en: string }> = {
  unit: { vi: 'Đơn vị', en: 'Unit' },
  person: { vi: 'Cán bộ, công chức', en: 'Person' },
  user: { vi: 'Tài khoản', en: 'User account' },
  account_handout: { vi: 'Phiếu tài khoản', en: 'Account handout' },
  test_round: { vi: 'Kỳ kiểm tra', en: 'Test round' },
  topic: { vi: 'Chủ đề', en: 'Topic' },
  system: { vi: 'Hệ thống', en: 'System' },
};

export const AUDIT_ACTION_LABELS: Record<string, { vi: string; en: string }> = {
  create: { vi: 'Tạo mới', en: 'Create' },
  update: { vi: 'Sửa', en: 'Update' },
  move: { vi: 'Chuyển đơn vị cấp trên', en: 'Move' },
  close: { vi: 'Giải thể', en: 'Close' },
  merge: { vi: 'Sáp nhập', en: 'Merge' },
  transfer: { vi: 'Điều chuyển', en: 'Transfer' },
  status_change: { vi: 'Đổi trạng thái', en: 'Status change' },
  import: { vi: 'Nhập từ tệp', en: 'Import' },
  password_reset: { vi: 'Đặt lại mật khẩu', en: 'Password reset' },
  password_change: { vi: 'Đổi mật khẩu', en: 'Password change' },
  login_locked: { vi: 'Tạm khóa đăng nhập', en: 'Login locked' },
  seed: { vi: 'Khởi tạo dữ liệu', en: 'Seed' },
  accounts_create: { vi: 'Tạo tài khoản hàng loạt', en: 'Bulk account creation' },
  account_disable: { vi: 'Khóa tài khoản', en: 'Account disabled' },
  account_enable: { vi: 'Mở lại tài khoản', en: 'Account enabled' },
  handout_download: { vi: 'Tải phiếu tài khoản', en: 'Handout downloaded' },
  remind: { vi: 'Gửi nhắc nhở', en: 'Reminder sent' },
};
