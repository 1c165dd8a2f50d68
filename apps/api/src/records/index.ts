// The public surface of records: other domains import it from '@api/records', never a file inside.
export * from './records.module';
export * from './records.service';
