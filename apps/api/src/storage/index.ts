// The public surface of storage: other domains import it from '@api/storage', never a file inside.
export * from './file-storage';
export * from './storage.module';
export * from './postgres-file-storage';
export * from './s3-file-storage';
export * from './files-migrate';
export * from './file-cleanup.service';
