// The public surface of training-sessions: other domains import it from '@api/training-sessions', never a file inside.
export * from './training-session.entity';
export * from './training-sessions.module';
export * from './training-sessions.repository';
