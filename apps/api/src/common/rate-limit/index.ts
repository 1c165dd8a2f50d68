// The public surface of common/rate-limit: other domains import it from '@api/common/rate-limit', never a file inside.
export * from './rate-limit.guard';
export * from './rate-limit.repository';
