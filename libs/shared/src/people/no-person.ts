import { Role } from '../auth/roles';

/**
 * What an account with no person record is told on the pages that act on the caller's own person ("Việc học của
 * tôi", taking a test). Who to turn to depends on who asks: a unit officer is the person learners are sent to, so they
 * are never told to contact themselves. The API answers it with its 403; the web shows it without asking.
 */
export function noPersonMessage(role: Role): string {
  return NO_PERSON_MESSAGES[role];
}

const PERSONAL_ACCOUNT = 'Để học và làm bài kiểm tra, hãy đăng nhập bằng tài khoản cá nhân (tên đăng nhập là mã cán bộ viết thường)';
const NO_PERSON_MESSAGES: Record<Role, string> = {
  [Role.Learner]: 'Tài khoản của bạn chưa gắn với hồ sơ cán bộ nên chưa dùng được chức năng này. Hãy liên hệ cán bộ phụ trách đơn vị.',
  [Role.UnitOfficer]:
    `Đây là tài khoản cán bộ phụ trách đơn vị, chưa gắn với hồ sơ cán bộ của chính bạn nên không có việc học riêng. ${PERSONAL_ACCOUNT}, ` +
    'hoặc nhờ điều phối viên Sở Nội vụ gắn tài khoản này với hồ sơ của bạn.',
  [Role.Coordinator]:
    `Đây là tài khoản điều phối, chưa gắn với hồ sơ cán bộ của chính bạn nên không có việc học riêng. ${PERSONAL_ACCOUNT}, ` +
    'hoặc nhờ quản trị hệ thống gắn tài khoản này với hồ sơ của bạn.',
  [Role.Author]: `Tài khoản biên soạn này không gắn với hồ sơ cán bộ nên không có việc học riêng. ${PERSONAL_ACCOUNT}.`,
  [Role.Admin]: `Tài khoản quản trị không gắn với hồ sơ cán bộ nên không có việc học riêng. ${PERSONAL_ACCOUNT}.`,
  [Role.NationalOfficer]: `Tài khoản Bộ Nội vụ này không gắn với hồ sơ cán bộ nên không có việc học riêng. ${PERSONAL_ACCOUNT}.`,
};
