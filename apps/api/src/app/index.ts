// The public surface of app: other domains import it from '@api/app', never a file inside.
export * from './create-app';
