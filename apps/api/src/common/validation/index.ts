// The public surface of common/validation: other domains import it from '@api/common/validation', never a file inside.
export * from './ids';
export * from './validation-pipe';
