import { addVietnamese } from '../vi';

/**
 * Texts of formatted questions (the renderer, the review beside each option, the format switch and option feedback
 * in the question editor). Loaded on demand with the modules that use them.
 */
export const richTextVi = {
  'rich.imageFailed': 'Không tải được hình',
  'rich.review.chosen': 'Bạn chọn',
  'rich.review.correct': 'Đáp án đúng',
  'rich.review.feedback': 'Phản hồi',
  'rich.review.explanation': 'Giải thích',
  'rich.format': 'Định dạng nội dung',
  'rich.format.plain': 'Văn bản thường',
  'rich.format.html': 'Có định dạng (đậm, nghiêng, danh sách, bảng, hình)',
  'rich.format.help': 'Câu hỏi có định dạng được làm sạch trên máy chủ: chỉ giữ chữ đậm, nghiêng, gạch dưới, chỉ số trên/dưới, danh sách, bảng, liên kết và hình đã lưu.',
  'rich.format.toPlainConfirm': 'Chuyển về văn bản thường sẽ bỏ mọi định dạng và hình của câu hỏi. Tiếp tục?',
  'rich.optionFeedback': 'Phản hồi khi chọn phương án {letter}',
  'rich.optionFeedbackHelp': 'Hiện trong phần xem lại bài, cạnh phương án này (không hiện khi đang làm bài).',
  'rich.underline': 'Gạch dưới',
  'rich.sub': 'Chỉ số dưới',
  'rich.sup': 'Chỉ số trên',
  'rich.table': 'Chèn bảng',
  'rich.image': 'Chèn hình',
  'rich.imageUploading': 'Đang tải hình…',
  'rich.preview': 'Xem trước như học viên thấy',
} as const;

addVietnamese(richTextVi);
