/** Roles of a user account. A person's own learning is open to every role that has a linked person. */
export enum Role {
  Learner = 'learner',
  UnitOfficer = 'unit_officer',
  Coordinator = 'coordinator',
  Author = 'author',
  Admin = 'admin',
  /** Bộ Nội vụ: reads every province's coverage, results and reports; changes nothing. */
  NationalOfficer = 'national_officer',
}

export const ROLES: readonly Role[] = Object.values(Role);

/** Everything an endpoint can require. Roles grant permissions; data scope is decided separately. */
export enum Permission {
  UnitsRead = 'units.read',
  UnitsWrite = 'units.write',
  UnitsMerge = 'units.merge',
  PeopleRead = 'people.read',
  PeopleWrite = 'people.write',
  PeopleImport = 'people.import',
  AuditRead = 'audit.read',
  UsersManage = 'users.manage',
  TopicsManage = 'topics.manage',
  /** Author, read and import/export the question bank (which holds the correct answers). */
  QuestionsManage = 'questions.manage',
  /** Author, publish and analyse test rounds. */
  TestRoundsManage = 'test_rounds.manage',
  /** Read test rounds and the results of people in one's scope. */
  TestResultsRead = 'test_results.read',
  CoverageRead = 'coverage.read',
  TargetsManage = 'targets.manage',
  TrainingSessionsManage = 'training_sessions.manage',
  SurveysManage = 'surveys.manage',
  CoursesManage = 'courses.manage',
  AssignmentsManage = 'assignments.manage',
  /** Upload, edit and mark replaced documents of the CCHC library (reading it only needs a sign-in). */
  LibraryManage = 'library.manage',
  /** Answer learners' questions and publish answers to the FAQ. */
  QaAnswer = 'qa.answer',
  /** Create and revoke the credentials of xAPI clients of the built-in LRS. */
  LrsManage = 'lrs.manage',
}

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  [Role.Learner]: [],
  [Role.Author]: [Permission.QuestionsManage, Permission.CoursesManage, Permission.LibraryManage, Permission.QaAnswer],
  [Role.UnitOfficer]: [
    Permission.UnitsRead,
    Permission.PeopleRead,
    Permission.PeopleWrite,
    Permission.PeopleImport,
    Permission.TestResultsRead,
    Permission.CoverageRead,
    Permission.TrainingSessionsManage,
    Permission.AssignmentsManage,
  ],
  [Role.Coordinator]: [
    Permission.UnitsRead,
    Permission.UnitsWrite,
    Permission.UnitsMerge,
    Permission.PeopleRead,
    Permission.PeopleWrite,
    Permission.PeopleImport,
    Permission.AuditRead,
    Permission.TopicsManage,
    Permission.QuestionsManage,
    Permission.TestRoundsManage,
    Permission.TestResultsRead,
    Permission.CoverageRead,
    Permission.TargetsManage,
    Permission.TrainingSessionsManage,
    Permission.SurveysManage,
    Permission.CoursesManage,
    Permission.AssignmentsManage,
    Permission.LibraryManage,
    Permission.QaAnswer,
  ],
  [Role.Admin]: Object.values(Permission),
  [Role.NationalOfficer]: [
    Permission.UnitsRead,
    Permission.PeopleRead,
    Permission.AuditRead,
    Permission.TestResultsRead,
    Permission.CoverageRead,
  ],
};

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role]?.includes(permission) ?? false;
}

/** Roles whose data scope is every province (the nation); a coordinator has one province, a unit officer one subtree. */
export function hasNationalScope(role: Role): boolean {
  return role === Role.NationalOfficer || role === Role.Admin;
}

/** The scope a role has over the unit tree, decided from the account's unit (see AccessService.scopeOf). */
export type RoleScope = 'nation' | 'province' | 'unit' | 'self';

export function roleScope(role: Role): RoleScope {
  if (hasNationalScope(role)) return 'nation';
  if (role === Role.Coordinator) return 'province';
  if (role === Role.UnitOfficer) return 'unit';
  return 'self';
}

export const ROLE_LABELS: Record<Role, { vi: string; en: string }> = {
  [Role.Learner]: { vi: 'Học viên', en: 'Learner' },
  [Role.UnitOfficer]: { vi: 'Cán bộ phụ trách đơn vị', en: 'Unit officer' },
  [Role.Coordinator]: { vi: 'Điều phối viên Sở Nội vụ', en: 'Provincial coordinator' },
  [Role.Author]: { vi: 'Biên soạn', en: 'Content author' },
  [Role.Admin]: { vi: 'Quản trị hệ thống', en: 'Administrator' },
  [Role.NationalOfficer]: { vi: 'Cán bộ Bộ Nội vụ (xem toàn quốc)', en: 'Ministry of Home Affairs officer (national, read-only)' },
};
