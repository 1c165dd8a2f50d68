import { AppException, badRequest, notFound } from '@api/common/errors';

export const courseNotFound = () => notFound('COURSE_NOT_FOUND', 'Không tìm thấy khóa học.');
export const moduleNotFound = () => notFound('COURSE_MODULE_NOT_FOUND', 'Không tìm thấy chương (phần) của khóa học.');
export const lessonNotFound = () => notFound('LESSON_NOT_FOUND', 'Không tìm thấy bài học.');
export const unknownTopics = () => badRequest('COURSE_TOPIC_UNKNOWN', 'Có chủ đề không tồn tại hoặc đã ngừng sử dụng.');
export const invalidRule = (message: string) => badRequest('COURSE_RULE_INVALID', message);
export const cannotPublishEmpty = () => badRequest('COURSE_EMPTY', 'Khóa học chưa có bài học nào nên chưa thể xuất bản.');
export const lessonFileRefused = (code: string, message: string) => new AppException(code === 'LESSON_FILE_TOO_LARGE' ? 413 : 400, code, message);
export const lessonContentMissing = (message: string) => badRequest('LESSON_CONTENT_MISSING', message);
