// The public surface of org-units: other domains import it from '@api/org-units', never a file inside.
export * from './org-unit.entity';
export * from './org-units.module';
export * from './org-units.repository';
