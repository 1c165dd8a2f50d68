// The public surface of surveys: other domains import it from '@api/surveys', never a file inside.
export * from './surveys.module';
