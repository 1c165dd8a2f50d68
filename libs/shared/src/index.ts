export * from './auth/roles';
export * from './org-units/unit-level';
export * from './org-units/unit-path';
export * from './people/person';
export * from './text/fold';
export * from './api-types';
export * from './people/staff-import';
