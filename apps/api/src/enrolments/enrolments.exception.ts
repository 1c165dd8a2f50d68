import { HttpStatus } from '@nestjs/common';
import { errorFactory } from '@api/common/errors';

export enum EnrolmentsErrorCode {
  CourseNotOpen = 'COURSE_NOT_OPEN',
  CertificateNotFound = 'CERTIFICATE_NOT_FOUND',
  AssignmentNotFound = 'ASSIGNMENT_NOT_FOUND',
  AssignmentPeopleOutside = 'ASSIGNMENT_PEOPLE_OUTSIDE',
  AssignmentDuePast = 'ASSIGNMENT_DUE_PAST',
  AssignmentCancelled = 'ASSIGNMENT_CANCELLED',
}

export const enrolmentsError = errorFactory<EnrolmentsErrorCode>({
  [EnrolmentsErrorCode.CourseNotOpen]: HttpStatus.BAD_REQUEST,
  [EnrolmentsErrorCode.CertificateNotFound]: HttpStatus.NOT_FOUND,
  [EnrolmentsErrorCode.AssignmentNotFound]: HttpStatus.NOT_FOUND,
  [EnrolmentsErrorCode.AssignmentPeopleOutside]: HttpStatus.BAD_REQUEST,
  [EnrolmentsErrorCode.AssignmentDuePast]: HttpStatus.BAD_REQUEST,
  [EnrolmentsErrorCode.AssignmentCancelled]: HttpStatus.BAD_REQUEST,
});

export const courseNotOpen = () => enrolmentsError(EnrolmentsErrorCode.CourseNotOpen, 'Khóa học này hiện không mở để học.');
export const certificateNotFound = () => enrolmentsError(EnrolmentsErrorCode.CertificateNotFound, 'Không tìm thấy chứng nhận với mã này.');
export const notCompleted = () => enrolmentsError(EnrolmentsErrorCode.CertificateNotFound, 'Bạn chưa hoàn thành khóa học này nên chưa có chứng nhận.');
export const assignmentNotFound = () => enrolmentsError(EnrolmentsErrorCode.AssignmentNotFound, 'Không tìm thấy đợt giao khóa học.');
export const assignmentPeopleOutside = () => enrolmentsError(EnrolmentsErrorCode.AssignmentPeopleOutside, 'Có người được chọn không thuộc đơn vị đã chọn (hoặc đã nghỉ hưu, nghỉ việc).');
export const assignmentDuePast = () => enrolmentsError(EnrolmentsErrorCode.AssignmentDuePast, 'Hạn hoàn thành phải từ hôm nay trở đi.');
export const assignmentCancelled = () => enrolmentsError(EnrolmentsErrorCode.AssignmentCancelled, 'Đợt giao này đã được hủy.');
