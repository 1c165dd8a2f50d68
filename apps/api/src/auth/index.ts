// The public surface of auth: other domains import it from '@api/auth', never a file inside.
export * from './auth.module';
