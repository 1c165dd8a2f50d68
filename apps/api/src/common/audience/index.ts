// The public surface of common/audience: other domains import it from '@api/common/audience', never a file inside.
export * from './audience-sql';
