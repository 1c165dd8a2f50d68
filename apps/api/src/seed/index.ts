// The public surface of seed: other domains import it from '@api/seed', never a file inside.
export * from './demo-seed';
