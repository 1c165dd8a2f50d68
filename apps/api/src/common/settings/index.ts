// The public surface of common/settings: other domains import it from '@api/common/settings', never a file inside.
export * from './app-secrets';
export * from './settings.repository';
