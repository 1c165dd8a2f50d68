// The public surface of users: other domains import it from '@api/users', never a file inside.
export * from './password-hasher';
export * from './user-account.entity';
export * from './users.module';
export * from './users.repository';
