// The public surface of coverage: other domains import it from '@api/coverage', never a file inside.
export * from './coverage-demo-seed';
export * from './coverage.controller';
export * from './coverage.module';
export * from './coverage.repository';
export * from './coverage.service';
