// The public surface of common/errors: other domains import it from '@api/common/errors', never a file inside.
export * from './all-exceptions.filter';
export * from './app.exception';
export * from './common.exception';
export * from './database-unavailable';
