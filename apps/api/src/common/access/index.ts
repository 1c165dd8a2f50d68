// The public surface of common/access: other domains import it from '@api/common/access', never a file inside.
export * from './access.module';
export * from './access.service';
export * from './unit-scope';
