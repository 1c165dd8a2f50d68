import { HttpStatus } from '@nestjs/common';
import type { LessonFileCheck } from '@cchc/shared';
import { errorFactory } from '@api/common/errors';

export enum CoursesErrorCode {
  LessonFileLinkExpired = 'LESSON_FILE_LINK_EXPIRED',
  FileRequired = 'FILE_REQUIRED',
  LessonFileTooLarge = 'LESSON_FILE_TOO_LARGE',
  LessonFileNotAllowed = 'LESSON_FILE_NOT_ALLOWED',
  LessonFileType = 'LESSON_FILE_TYPE',
  LessonFileEmpty = 'LESSON_FILE_EMPTY',
  LessonFileContent = 'LESSON_FILE_CONTENT',
  CourseNotFound = 'COURSE_NOT_FOUND',
  CourseModuleNotFound = 'COURSE_MODULE_NOT_FOUND',
  LessonNotFound = 'LESSON_NOT_FOUND',
  CourseTopicUnknown = 'COURSE_TOPIC_UNKNOWN',
  CourseRuleInvalid = 'COURSE_RULE_INVALID',
  CourseEmpty = 'COURSE_EMPTY',
  LessonContentMissing = 'LESSON_CONTENT_MISSING',
}

export const coursesError = errorFactory<CoursesErrorCode>({
  [CoursesErrorCode.LessonFileLinkExpired]: HttpStatus.NOT_FOUND,
  [CoursesErrorCode.FileRequired]: HttpStatus.BAD_REQUEST,
  [CoursesErrorCode.LessonFileTooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [CoursesErrorCode.LessonFileNotAllowed]: HttpStatus.BAD_REQUEST,
  [CoursesErrorCode.LessonFileType]: HttpStatus.BAD_REQUEST,
  [CoursesErrorCode.LessonFileEmpty]: HttpStatus.BAD_REQUEST,
  [CoursesErrorCode.LessonFileContent]: HttpStatus.BAD_REQUEST,
  [CoursesErrorCode.CourseNotFound]: HttpStatus.NOT_FOUND,
  [CoursesErrorCode.CourseModuleNotFound]: HttpStatus.NOT_FOUND,
  [CoursesErrorCode.LessonNotFound]: HttpStatus.NOT_FOUND,
  [CoursesErrorCode.CourseTopicUnknown]: HttpStatus.BAD_REQUEST,
  [CoursesErrorCode.CourseRuleInvalid]: HttpStatus.BAD_REQUEST,
  [CoursesErrorCode.CourseEmpty]: HttpStatus.BAD_REQUEST,
  [CoursesErrorCode.LessonContentMissing]: HttpStatus.BAD_REQUEST,
});

export const courseNotFound = () => coursesError(CoursesErrorCode.CourseNotFound, 'Không tìm thấy khóa học.');
export const moduleNotFound = () => coursesError(CoursesErrorCode.CourseModuleNotFound, 'Không tìm thấy chương (phần) của khóa học.');
export const lessonNotFound = () => coursesError(CoursesErrorCode.LessonNotFound, 'Không tìm thấy bài học.');
export const unknownTopics = () => coursesError(CoursesErrorCode.CourseTopicUnknown, 'Có chủ đề không tồn tại hoặc đã ngừng sử dụng.');
export const invalidRule = (message: string) => coursesError(CoursesErrorCode.CourseRuleInvalid, message);
export const cannotPublishEmpty = () => coursesError(CoursesErrorCode.CourseEmpty, 'Khóa học chưa có bài học nào nên chưa thể xuất bản.');
/** The shared file check's refusal: its codes are this domain's LessonFile* codes. */
export const lessonFileRefused = (check: Extract<LessonFileCheck, { ok: false }>) => coursesError(check.code as CoursesErrorCode, check.message);
export const lessonContentMissing = (message: string) => coursesError(CoursesErrorCode.LessonContentMissing, message);
