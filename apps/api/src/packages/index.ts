// The public surface of packages: other domains import it from '@api/packages', never a file inside.
export * from './content-server';
export * from './package.entity';
export * from './packages.module';
export * from './packages.service';
export * from './samples/sample-packages';
