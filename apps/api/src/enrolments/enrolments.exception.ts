import { badRequest, notFound } from '@api/common/errors';

export const courseNotOpen = () => badRequest('COURSE_NOT_OPEN', 'Khóa học này hiện không mở để học.');
export const certificateNotFound = () => notFound('CERTIFICATE_NOT_FOUND', 'Không tìm thấy chứng nhận với mã này.');
export const notCompleted = () => notFound('CERTIFICATE_NOT_FOUND', 'Bạn chưa hoàn thành khóa học này nên chưa có chứng nhận.');
export const assignmentNotFound = () => notFound('ASSIGNMENT_NOT_FOUND', 'Không tìm thấy đợt giao khóa học.');
export const assignmentPeopleOutside = () => badRequest('ASSIGNMENT_PEOPLE_OUTSIDE', 'Có người được chọn không thuộc đơn vị đã chọn (hoặc đã nghỉ hưu, nghỉ việc).');
export const assignmentDuePast = () => badRequest('ASSIGNMENT_DUE_PAST', 'Hạn hoàn thành phải từ hôm nay trở đi.');
export const assignmentCancelled = () => badRequest('ASSIGNMENT_CANCELLED', 'Đợt giao này đã được hủy.');
