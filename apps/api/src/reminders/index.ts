// The public surface of reminders: other domains import it from '@api/reminders', never a file inside.
export * from './reminders.module';
