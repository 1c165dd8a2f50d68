// The public surface of enrolments: other domains import it from '@api/enrolments', never a file inside.
export * from './enrolment.entity';
export * from './enrolments.module';
export * from './enrolments.repository';
export * from './enrolments.service';
export * from './assignments.repository';
export * from './lesson-completed.hooks';
