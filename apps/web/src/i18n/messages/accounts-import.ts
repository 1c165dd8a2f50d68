/** Texts of the staff import's account option and of the follow-up lists (low scorers); merged into vi.ts and en.ts. */
export const accountsImportVi = {
  'import.createAccounts': 'Tạo tài khoản cho người mới',
  'import.createAccountsHelp':
    'Mỗi người mới trong tệp (đang công tác) được tạo tài khoản: tên đăng nhập là mã cán bộ viết thường, mật khẩu một lần in trên phiếu. Nếu có người không tạo được tài khoản, hệ thống báo lỗi và không ghi dòng nào.',
  'import.accountsToCreate': 'Tài khoản sẽ tạo',
  'import.accountsCreated': 'Đã tạo {n} tài khoản cho người mới. Tải phiếu tài khoản ngay bây giờ để phát cho từng người.',
  'import.noAccountsCreated': 'Không có người mới nào cần tạo tài khoản.',
  'search.unsearchable': 'Từ khóa chỉ có dấu câu hoặc khoảng trắng nên không tìm được gì. Hãy nhập ít nhất một chữ cái hoặc chữ số.',
  'lowScorers.title': 'Cần bồi dưỡng lại — chưa đạt hoặc có chủ đề điểm thấp',
  'lowScorers.total': 'Tổng số: {n} người',
  'lowScorers.sort.score': 'Điểm thấp nhất trước',
  'lowScorers.sort.scoreBest': 'Điểm cao nhất trước',
  'lowScorers.sort.fullName': 'Họ và tên',
  'lowScorers.sort.unit': 'Đơn vị',
  'lowScorers.sort.date': 'Ngày làm bài (mới nhất trước)',
  'results.allResults': 'Tất cả kết quả',
};
