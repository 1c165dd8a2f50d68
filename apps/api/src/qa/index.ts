// The public surface of qa: other domains import it from '@api/qa', never a file inside.
export * from './qa-question.entity';
export * from './qa.module';
