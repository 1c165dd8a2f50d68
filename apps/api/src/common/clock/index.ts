// The public surface of common/clock: other domains import it from '@api/common/clock', never a file inside.
export * from './clock';
