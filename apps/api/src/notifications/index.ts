// The public surface of notifications: other domains import it from '@api/notifications', never a file inside.
export * from './notifications.module';
export * from './notifications.service';
