// The public surface of reports: other domains import it from '@api/reports', never a file inside.
export * from './reports.module';
