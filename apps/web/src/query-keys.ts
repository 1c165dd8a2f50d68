/** Every react-query key, domain first, so `invalidateQueries({ queryKey: queryKeys.people.all })` reaches them all. */

/**
 * A list's filters or parameters, part of its key. The keys do not know each domain's filter types (this file sits
 * below the domains and imports none of them): any plain object of the domain's choosing is a valid key part.
 */
type KeyParams = object;

export const queryKeys = {
  auth: {
    all: ['auth'] as const,
    me: () => ['auth', 'me'] as const,
  },
  units: {
    all: ['units'] as const,
    list: (includeClosed: boolean) => ['units', 'list', { includeClosed }] as const,
    detail: (id: string) => ['units', 'detail', id] as const,
  },
  people: {
    all: ['people'] as const,
    list: (filters: KeyParams) => ['people', 'list', filters] as const,
    detail: (id: string) => ['people', 'detail', id] as const,
  },
  records: {
    all: ['records'] as const,
    person: (personId: string) => ['records', 'person', personId] as const,
    packages: (personId: string) => ['records', 'packages', personId] as const,
  },
  home: {
    all: ['home'] as const,
    mine: () => ['home', 'mine'] as const,
  },
  audit: {
    all: ['audit'] as const,
    list: (filters: KeyParams) => ['audit', 'list', filters] as const,
  },
  lrs: {
    all: ['lrs'] as const,
    clients: () => ['lrs', 'clients'] as const,
    forwarding: () => ['lrs', 'forwarding'] as const,
    deadLetters: (id: string, page: number) => ['lrs', 'forwarding', id, 'dead-letters', page] as const,
  },
  users: {
    all: ['users'] as const,
    list: (filters: KeyParams) => ['users', 'list', filters] as const,
  },
  questions: {
    all: ['questions'] as const,
    list: (filters: KeyParams) => ['questions', 'list', filters] as const,
    detail: (id: string) => ['questions', 'detail', id] as const,
    versions: (id: string) => ['questions', 'versions', id] as const,
    tags: () => ['questions', 'tags'] as const,
    linkSearch: (kind: 'lesson' | 'document', q: string) => ['questions', 'link-search', kind, q] as const,
    linkLabels: (kind: 'lesson' | 'document', ids: string[]) => ['questions', 'link-labels', kind, ids] as const,
  },
  tests: {
    all: ['tests'] as const,
    mine: () => ['tests', 'mine'] as const,
    attempt: (id: string) => ['tests', 'attempt', id] as const,
    myResult: (roundId: string) => ['tests', 'my-result', roundId] as const,
    rounds: () => ['tests', 'rounds'] as const,
    round: (id: string) => ['tests', 'round', id] as const,
    results: (roundId: string, lowOnly: boolean) => ['tests', 'results', roundId, { lowOnly }] as const,
    commendations: (roundId: string) => ['tests', 'commendations', roundId] as const,
    items: (roundId: string) => ['tests', 'items', roundId] as const,
    notTaken: (roundId: string, filters: object) => ['tests', 'not-taken', roundId, filters] as const,
    lowScorers: (roundId: string, filters: object) => ['tests', 'low-scorers', roundId, filters] as const,
    choices: () => ['tests', 'choices'] as const,
  },
  coverage: {
    all: ['coverage'] as const,
    targets: (includeInactive = false) => ['coverage', 'targets', { includeInactive }] as const,
    target: (id: string) => ['coverage', 'target', id] as const,
    matrix: (unitId: string | null, year: number | null) => ['coverage', 'matrix', unitId, year] as const,
    summary: (targetId: string, p: KeyParams) => ['coverage', 'summary', targetId, p] as const,
    missing: (targetId: string, p: KeyParams) => ['coverage', 'missing', targetId, p] as const,
    scoreList: (kind: 'low' | 'high', p: KeyParams) => ['coverage', 'scores', kind, p] as const,
    mine: () => ['coverage', 'mine'] as const,
  },
  reports: {
    all: ['reports'] as const,
    preview: (p: object) => ['reports', 'preview', p] as const,
    certificateSettings: () => ['reports', 'certificate-settings'] as const,
  },
  surveys: {
    all: ['surveys'] as const,
    mine: () => ['surveys', 'mine'] as const,
    list: () => ['surveys', 'list'] as const,
    results: (id: string) => ['surveys', 'results', id] as const,
  },
  topics: {
    all: ['topics'] as const,
    list: () => ['topics', 'list'] as const,
  },
  trainingSessions: {
    all: ['training-sessions'] as const,
    list: () => ['training-sessions', 'list'] as const,
    attendance: (id: string) => ['training-sessions', 'attendance', id] as const,
  },
  learning: {
    all: ['learning'] as const,
    catalogue: (filters: KeyParams) => ['learning', 'catalogue', filters] as const,
    course: (id: string) => ['learning', 'course', id] as const,
    lesson: (id: string) => ['learning', 'lesson', id] as const,
    packageLaunch: (lessonId: string) => ['learning', 'package-launch', lessonId] as const,
    mine: () => ['learning', 'mine'] as const,
    certificate: (code: string) => ['learning', 'certificate', code] as const,
  },
  authoring: {
    all: ['authoring'] as const,
    list: () => ['authoring', 'list'] as const,
    course: (id: string) => ['authoring', 'course', id] as const,
    lesson: (id: string) => ['authoring', 'lesson', id] as const,
    package: (lessonId: string) => ['authoring', 'package', lessonId] as const,
  },
  assignments: {
    all: ['assignments'] as const,
    list: () => ['assignments', 'list'] as const,
    detail: (id: string) => ['assignments', 'detail', id] as const,
    members: (id: string, filters: KeyParams) => ['assignments', 'members', id, filters] as const,
  },
  library: {
    all: ['library'] as const,
    search: (filters: KeyParams) => ['library', 'search', filters] as const,
    detail: (id: string) => ['library', 'detail', id] as const,
  },
  qa: {
    all: ['qa'] as const,
    faq: (filters: KeyParams) => ['qa', 'faq', filters] as const,
    mine: (page: number) => ['qa', 'mine', page] as const,
    inbox: (filters: KeyParams) => ['qa', 'inbox', filters] as const,
    detail: (id: string) => ['qa', 'detail', id] as const,
  },
  notifications: {
    all: ['notifications'] as const,
    list: () => ['notifications', 'list'] as const,
  },
} as const;
