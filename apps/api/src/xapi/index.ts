// The public surface of xapi: other domains import it from '@api/xapi', never a file inside.
export * from './xapi.module';
export * from './xapi.service';
export * from './learning-statements';
export * from './forwarding.service';
