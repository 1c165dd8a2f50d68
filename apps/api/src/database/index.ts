// The public surface of database: other domains import it from '@api/database', never a file inside.
export * from './database';
