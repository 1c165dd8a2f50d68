// The public surface of accounts: other domains import it from '@api/accounts', never a file inside.
export * from './accounts.module';
export * from './accounts.service';
