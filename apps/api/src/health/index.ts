// The public surface of health: other domains import it from '@api/health', never a file inside.
export * from './app-runtime';
export * from './health.controller';
export * from './readiness';
