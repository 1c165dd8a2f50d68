// The public surface of home: other domains import it from '@api/home', never a file inside.
export * from './home.module';
