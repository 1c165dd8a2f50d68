// The public surface of evidence: other domains import it from '@api/evidence', never a file inside.
export * from './evidence.service';
export * from './training-evidence.entity';
export { CoverageQueue } from './coverage-queue';
