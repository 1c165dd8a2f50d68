import { Permission, roleHasPermission, type Role } from '@cchc/shared';
import type { MessageKey } from '../i18n/i18n';

export interface NavItem {
  to: string;
  labelKey: MessageKey;
  testId: string;
  /** Absent: every signed-in user sees it. */
  permission?: Permission;
  group: NavGroup;
}

/** Sections of the side navigation, in order; a section with no entry for the role is not shown. */
export type NavGroup = 'mine' | 'learning' | 'management' | 'organisation' | 'coverage' | 'system';

const NAV_ITEMS: readonly NavItem[] = [
  { to: '/', labelKey: 'nav.home', testId: 'nav-home', group: 'mine' },
  { to: '/learning/my', labelKey: 'nav.myLearning', testId: 'nav-my-learning', group: 'mine' },
  { to: '/tests', labelKey: 'nav.tests', testId: 'nav-tests', group: 'mine' },
  { to: '/my-targets', labelKey: 'nav.myTargets', testId: 'nav-my-targets', group: 'mine' },
  { to: '/surveys', labelKey: 'nav.surveys', testId: 'nav-surveys', group: 'mine' },
  { to: '/learning', labelKey: 'nav.catalogue', testId: 'nav-catalogue', group: 'learning' },
  { to: '/library', labelKey: 'nav.library', testId: 'nav-library', group: 'learning' },
  { to: '/qa', labelKey: 'nav.qa', testId: 'nav-qa', group: 'learning' },
  { to: '/assignments', labelKey: 'nav.assignments', testId: 'nav-assignments', group: 'management', permission: Permission.AssignmentsManage },
  { to: '/test-rounds', labelKey: 'nav.testRounds', testId: 'nav-test-rounds', group: 'management', permission: Permission.TestResultsRead },
  { to: '/training-sessions', labelKey: 'nav.sessions', testId: 'nav-sessions', group: 'management', permission: Permission.TrainingSessionsManage },
  { to: '/authoring', labelKey: 'nav.authoring', testId: 'nav-authoring', group: 'management', permission: Permission.CoursesManage },
  { to: '/questions', labelKey: 'nav.questions', testId: 'nav-questions', group: 'management', permission: Permission.QuestionsManage },
  { to: '/qa/inbox', labelKey: 'nav.qaInbox', testId: 'nav-qa-inbox', group: 'management', permission: Permission.QaAnswer },
  { to: '/units', labelKey: 'nav.units', testId: 'nav-units', group: 'organisation', permission: Permission.UnitsRead },
  { to: '/people', labelKey: 'nav.people', testId: 'nav-people', group: 'organisation', permission: Permission.PeopleRead },
  { to: '/import', labelKey: 'nav.import', testId: 'nav-import', group: 'organisation', permission: Permission.PeopleImport },
  { to: '/accounts', labelKey: 'nav.accounts', testId: 'nav-accounts', group: 'organisation', permission: Permission.PeopleWrite },
  { to: '/coverage', labelKey: 'nav.coverage', testId: 'nav-coverage', group: 'coverage', permission: Permission.CoverageRead },
  { to: '/targets', labelKey: 'nav.targets', testId: 'nav-targets', group: 'coverage', permission: Permission.CoverageRead },
  { to: '/reports', labelKey: 'nav.reports', testId: 'nav-reports', group: 'coverage', permission: Permission.CoverageRead },
  { to: '/audit', labelKey: 'nav.audit', testId: 'nav-audit', group: 'system', permission: Permission.AuditRead },
  { to: '/users', labelKey: 'nav.users', testId: 'nav-users', group: 'system', permission: Permission.UsersManage },
  { to: '/lrs-clients', labelKey: 'nav.lrsClients', testId: 'nav-lrs-clients', group: 'system', permission: Permission.LrsManage },
  { to: '/lrs-forwarding', labelKey: 'nav.lrsForwarding', testId: 'nav-lrs-forwarding', group: 'system', permission: Permission.LrsManage },
  { to: '/account', labelKey: 'nav.account', testId: 'nav-account', group: 'system' },
];

/** Navigation follows ROLE_PERMISSIONS, the same table the API enforces. */
export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.permission || roleHasPermission(role, item.permission));
}

/** The role's entries grouped into sections, in navigation order. */
export function navSectionsFor(role: Role): { group: NavGroup; items: NavItem[] }[] {
  const sections: { group: NavGroup; items: NavItem[] }[] = [];
  for (const item of navItemsFor(role)) {
    const last = sections.at(-1);
    if (last?.group === item.group) last.items.push(item);
    else sections.push({ group: item.group, items: [item] });
  }
  return sections;
}
