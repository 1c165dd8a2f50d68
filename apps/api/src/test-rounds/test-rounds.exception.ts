import { HttpStatus } from '@nestjs/common';
import { BlueprintShortfall, DIFFICULTY_LABELS } from '@cchc/shared';
import { AppException, badRequest, conflict, notFound } from '@api/common/errors';

export const roundNotFound = () => notFound('TEST_ROUND_NOT_FOUND', 'Không tìm thấy kỳ kiểm tra.');
export const attemptNotFound = () => notFound('ATTEMPT_NOT_FOUND', 'Không tìm thấy bài làm.');
export const resultNotFound = () => notFound('TEST_RESULT_NOT_FOUND', 'Bạn chưa có kết quả ở kỳ kiểm tra này.');
export const notInAudience = () =>
  new AppException(HttpStatus.FORBIDDEN, 'NOT_IN_AUDIENCE', 'Bạn không thuộc đối tượng của kỳ kiểm tra này.');
export const roundNotOpen = (opensAt: Date, closesAt: Date, now: Date) =>
  conflict(
    'TEST_ROUND_NOT_OPEN',
    now < opensAt
      ? `Kỳ kiểm tra chưa mở: bắt đầu lúc ${formatVn(opensAt)}.`
      : `Kỳ kiểm tra đã đóng lúc ${formatVn(closesAt)}.`,
  );
export const noAttemptsLeft = (allowed: number) => conflict('NO_ATTEMPTS_LEFT', `Bạn đã dùng hết ${allowed} lượt làm bài của kỳ kiểm tra này.`);
export const attemptClosed = () => conflict('ATTEMPT_SUBMITTED', 'Bài làm đã nộp (hoặc đã hết giờ) nên không thể lưu thêm câu trả lời.');
export const questionNotInAttempt = () => badRequest('QUESTION_NOT_IN_ATTEMPT', 'Câu hỏi này không thuộc bài làm.');
export const optionNotInQuestion = (ids: string[]) =>
  badRequest('OPTION_NOT_IN_QUESTION', `Phương án ${ids.join(', ')} không có trong câu hỏi này.`);
export const roundLocked = () => conflict('TEST_ROUND_LOCKED', 'Kỳ kiểm tra đã có người làm bài nên không thể sửa đề nữa.');
export const roundNotDraft = () => conflict('TEST_ROUND_NOT_DRAFT', 'Chỉ có thể công bố kỳ kiểm tra đang ở trạng thái nháp.');

export function blueprintUnsatisfiable(shortfalls: (BlueprintShortfall & { topicName: string })[]): AppException {
  const lines = shortfalls.map(
    (s) => `chủ đề "${s.topicName}", mức ${DIFFICULTY_LABELS[s.difficulty].vi.toLowerCase()}: cần ${s.needed} câu, ngân hàng chỉ có ${s.available} câu`,
  );
  return new AppException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    'BLUEPRINT_UNSATISFIABLE',
    `Ngân hàng câu hỏi chưa đủ câu đã duyệt cho ma trận đề: ${lines.join('; ')}.`,
    { shortfalls },
  );
}

export function formatVn(d: Date): string {
  return d.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' });
}
