import { Permission, roleHasPermission, type Role } from '@cchc/shared';
import type { MessageKey } from '../i18n/i18n';

export interface NavItem {
  to: string;
  labelKey: MessageKey;
  testId: string;
  /** Absent: every signed-in user sees it. */
  permission?: Permission;
}

const NAV_ITEMS: readonly NavItem[] = [
  { to: '/', labelKey: 'nav.home', testId: 'nav-home' },
  { to: '/tests', labelKey: 'nav.tests', testId: 'nav-tests' },
  { to: '/test-rounds', labelKey: 'nav.testRounds', testId: 'nav-test-rounds', permission: Permission.TestResultsRead },
  { to: '/learning/my', labelKey: 'nav.myLearning', testId: 'nav-my-learning' },
  { to: '/learning', labelKey: 'nav.catalogue', testId: 'nav-catalogue' },
  { to: '/assignments', labelKey: 'nav.assignments', testId: 'nav-assignments', permission: Permission.AssignmentsManage },
  { to: '/authoring', labelKey: 'nav.authoring', testId: 'nav-authoring', permission: Permission.CoursesManage },
  { to: '/library', labelKey: 'nav.library', testId: 'nav-library' },
  { to: '/qa', labelKey: 'nav.qa', testId: 'nav-qa' },
  { to: '/qa/inbox', labelKey: 'nav.qaInbox', testId: 'nav-qa-inbox', permission: Permission.QaAnswer },
  { to: '/units', labelKey: 'nav.units', testId: 'nav-units', permission: Permission.UnitsRead },
  { to: '/people', labelKey: 'nav.people', testId: 'nav-people', permission: Permission.PeopleRead },
  { to: '/import', labelKey: 'nav.import', testId: 'nav-import', permission: Permission.PeopleImport },
  { to: '/questions', labelKey: 'nav.questions', testId: 'nav-questions', permission: Permission.QuestionsManage },
  { to: '/coverage', labelKey: 'nav.coverage', testId: 'nav-coverage', permission: Permission.CoverageRead },
  { to: '/targets', labelKey: 'nav.targets', testId: 'nav-targets', permission: Permission.CoverageRead },
  { to: '/reports', labelKey: 'nav.reports', testId: 'nav-reports', permission: Permission.CoverageRead },
  { to: '/training-sessions', labelKey: 'nav.sessions', testId: 'nav-sessions', permission: Permission.TrainingSessionsManage },
  { to: '/my-targets', labelKey: 'nav.myTargets', testId: 'nav-my-targets' },
  { to: '/surveys', labelKey: 'nav.surveys', testId: 'nav-surveys' },
  { to: '/audit', labelKey: 'nav.audit', testId: 'nav-audit', permission: Permission.AuditRead },
  { to: '/users', labelKey: 'nav.users', testId: 'nav-users', permission: Permission.UsersManage },
  { to: '/account', labelKey: 'nav.account', testId: 'nav-account' },
];

/** Navigation follows ROLE_PERMISSIONS, the same table the API enforces. */
export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.permission || roleHasPermission(role, item.permission));
}
