// The public surface of common/validation: other domains import it from '@api/common/validation', never a file inside.
export * from './ids';
export * from './validation-pipe';
export * from './body-rules';
export * from './empty-patch.guard';
export * from './search-query';
