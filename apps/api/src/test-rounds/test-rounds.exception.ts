import { HttpStatus } from '@nestjs/common';
import { BlueprintShortfall, DIFFICULTY_LABELS } from '@cchc/shared';
import { AppException, errorFactory } from '@api/common/errors';

export enum TestRoundsErrorCode {
  RemedialNotFound = 'REMEDIAL_NOT_FOUND',
  NotInAudience = 'NOT_IN_AUDIENCE',
  BlueprintUnsatisfiable = 'BLUEPRINT_UNSATISFIABLE',
  TestRoundNotFound = 'TEST_ROUND_NOT_FOUND',
  AttemptNotFound = 'ATTEMPT_NOT_FOUND',
  TestResultNotFound = 'TEST_RESULT_NOT_FOUND',
  TestRoundNotOpen = 'TEST_ROUND_NOT_OPEN',
  NoAttemptsLeft = 'NO_ATTEMPTS_LEFT',
  AttemptSubmitted = 'ATTEMPT_SUBMITTED',
  QuestionNotInAttempt = 'QUESTION_NOT_IN_ATTEMPT',
  OptionNotInQuestion = 'OPTION_NOT_IN_QUESTION',
  TestRoundLocked = 'TEST_ROUND_LOCKED',
  TestRoundNotDraft = 'TEST_ROUND_NOT_DRAFT',
  TopicNotFound = 'TOPIC_NOT_FOUND',
  InvalidWindow = 'INVALID_WINDOW',
  EmptyBlueprint = 'EMPTY_BLUEPRINT',
  BlueprintTooLarge = 'BLUEPRINT_TOO_LARGE',
  InvalidBands = 'INVALID_BANDS',
  UnitNotFound = 'UNIT_NOT_FOUND',
  WindowPassed = 'WINDOW_PASSED',
}

export const testRoundsError = errorFactory<TestRoundsErrorCode>({
  [TestRoundsErrorCode.RemedialNotFound]: HttpStatus.NOT_FOUND,
  [TestRoundsErrorCode.NotInAudience]: HttpStatus.FORBIDDEN,
  [TestRoundsErrorCode.BlueprintUnsatisfiable]: HttpStatus.UNPROCESSABLE_ENTITY,
  [TestRoundsErrorCode.TestRoundNotFound]: HttpStatus.NOT_FOUND,
  [TestRoundsErrorCode.AttemptNotFound]: HttpStatus.NOT_FOUND,
  [TestRoundsErrorCode.TestResultNotFound]: HttpStatus.NOT_FOUND,
  [TestRoundsErrorCode.TestRoundNotOpen]: HttpStatus.CONFLICT,
  [TestRoundsErrorCode.NoAttemptsLeft]: HttpStatus.CONFLICT,
  [TestRoundsErrorCode.AttemptSubmitted]: HttpStatus.CONFLICT,
  [TestRoundsErrorCode.QuestionNotInAttempt]: HttpStatus.BAD_REQUEST,
  [TestRoundsErrorCode.OptionNotInQuestion]: HttpStatus.BAD_REQUEST,
  [TestRoundsErrorCode.TestRoundLocked]: HttpStatus.CONFLICT,
  [TestRoundsErrorCode.TestRoundNotDraft]: HttpStatus.CONFLICT,
  [TestRoundsErrorCode.TopicNotFound]: HttpStatus.NOT_FOUND,
  [TestRoundsErrorCode.InvalidWindow]: HttpStatus.BAD_REQUEST,
  [TestRoundsErrorCode.EmptyBlueprint]: HttpStatus.BAD_REQUEST,
  [TestRoundsErrorCode.BlueprintTooLarge]: HttpStatus.BAD_REQUEST,
  [TestRoundsErrorCode.InvalidBands]: HttpStatus.BAD_REQUEST,
  [TestRoundsErrorCode.UnitNotFound]: HttpStatus.NOT_FOUND,
  [TestRoundsErrorCode.WindowPassed]: HttpStatus.BAD_REQUEST,
});

export const roundNotFound = () => testRoundsError(TestRoundsErrorCode.TestRoundNotFound, 'Không tìm thấy kỳ kiểm tra.');
export const attemptNotFound = () => testRoundsError(TestRoundsErrorCode.AttemptNotFound, 'Không tìm thấy bài làm.');
export const resultNotFound = () => testRoundsError(TestRoundsErrorCode.TestResultNotFound, 'Bạn chưa có kết quả ở kỳ kiểm tra này.');
export const notInAudience = () =>
  testRoundsError(TestRoundsErrorCode.NotInAudience, 'Bạn không thuộc đối tượng của kỳ kiểm tra này.');
export const roundNotOpen = (opensAt: Date, closesAt: Date, now: Date) =>
  testRoundsError(TestRoundsErrorCode.TestRoundNotOpen, now < opensAt
      ? `Kỳ kiểm tra chưa mở: bắt đầu lúc ${formatVn(opensAt)}.`
      : `Kỳ kiểm tra đã đóng lúc ${formatVn(closesAt)}.`,
  );
export const noAttemptsLeft = (allowed: number) => testRoundsError(TestRoundsErrorCode.NoAttemptsLeft, `Bạn đã dùng hết ${allowed} lượt làm bài của kỳ kiểm tra này.`);
export const attemptClosed = () => testRoundsError(TestRoundsErrorCode.AttemptSubmitted, 'Bài làm đã nộp (hoặc đã hết giờ) nên không thể lưu thêm câu trả lời.');
export const questionNotInAttempt = () => testRoundsError(TestRoundsErrorCode.QuestionNotInAttempt, 'Câu hỏi này không thuộc bài làm.');
export const optionNotInQuestion = (ids: string[]) =>
  testRoundsError(TestRoundsErrorCode.OptionNotInQuestion, `Phương án ${ids.join(', ')} không có trong câu hỏi này.`);
export const roundLocked = () => testRoundsError(TestRoundsErrorCode.TestRoundLocked, 'Kỳ kiểm tra đã có người làm bài nên không thể sửa đề nữa.');
export const roundNotDraft = () => testRoundsError(TestRoundsErrorCode.TestRoundNotDraft, 'Chỉ có thể công bố kỳ kiểm tra đang ở trạng thái nháp.');

export function blueprintUnsatisfiable(shortfalls: (BlueprintShortfall & { topicName: string })[]): AppException {
  const lines = shortfalls.map(
    (s) => `chủ đề "${s.topicName}", mức ${DIFFICULTY_LABELS[s.difficulty].vi.toLowerCase()}: cần ${s.needed} câu, ngân hàng chỉ có ${s.available} câu`,
  );
  return testRoundsError(TestRoundsErrorCode.BlueprintUnsatisfiable, `Ngân hàng câu hỏi chưa đủ câu đã duyệt cho ma trận đề: ${lines.join('; ')}.`,
    { shortfalls },
  );
}

export function formatVn(d: Date): string {
  return d.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' });
}
