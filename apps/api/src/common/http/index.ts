// The public surface of common/http: other domains import it from '@api/common/http', never a file inside.
export * from './uploads';
export * from './security-headers';
export * from './json-compression';
