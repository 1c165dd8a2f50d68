// The public surface of library: other domains import it from '@api/library', never a file inside.
export * from './library-document.entity';
export * from './library.module';
export * from './library.service';
export * from './text-extraction';
export * from './text-pdf';
