// The public surface of read-replica: other domains import it from '@api/read-replica', never a file inside.
export * from './read-replica';
