// The public surface of config: other domains import it from '@api/config', never a file inside.
export * from './app-config';
