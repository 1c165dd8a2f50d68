// The public surface of audit: other domains import it from '@api/audit', never a file inside.
export * from './audit-log.entity';
export * from './audit.module';
export * from './audit.service';
