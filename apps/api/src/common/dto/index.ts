// The public surface of common/dto: other domains import it from '@api/common/dto', never a file inside.
export * from './paging.dto';
