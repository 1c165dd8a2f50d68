// The public surface of common/auth: other domains import it from '@api/common/auth', never a file inside.
export * from './access-policy.decorator';
export * from './access.guard';
export * from './auth-user';
export * from './person-required.guard';
export * from './session-revocations';
